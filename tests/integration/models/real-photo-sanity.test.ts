import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bestFace } from './blazeface-decode';
import { openModel, PORTRAITS_DIR, portraitRgb, portraitSize, type Region } from './model-fixtures';

// The input ranges documented in models/README.md, checked on the real portraits.

const PORTRAITS = ['portrait-01.jpg', 'portrait-02.webp', 'portrait-03.png', 'portrait-04.jpg', 'portrait-05.jpg'];
const minusOneToOne = (v: number) => v / 127.5 - 1;
const zeroToOne = (v: number) => v / 255;

async function centreSquare(file: string): Promise<Region> {
  const { width, height } = await portraitSize(file);
  const side = Math.min(width, height);
  return { left: Math.floor((width - side) / 2), top: Math.floor((height - side) / 2), width: side, height: side };
}

// The whole portrait shrunk to `scale` of a grey 128×128 canvas: a smaller face, like a camera frame.
async function shrunkOnCanvas(file: string, scale: number): Promise<Uint8Array> {
  const inner = Math.round(128 * scale);
  const small = await sharp(join(PORTRAITS_DIR, file))
    .removeAlpha()
    .resize(inner, inner, { fit: 'contain', background: { r: 128, g: 128, b: 128 } })
    .raw()
    .toBuffer();
  const canvas = new Uint8Array(128 * 128 * 3).fill(128);
  for (let y = 0; y < inner; y++) canvas.set(small.subarray(y * inner * 3, (y + 1) * inner * 3), y * 128 * 3);
  return canvas;
}

describe('models on real portraits', () => {
  let blazeface: ort.InferenceSession;
  let facemesh: ort.InferenceSession;
  let movenet: ort.InferenceSession;
  let selfie: ort.InferenceSession;

  beforeAll(async () => {
    blazeface = await openModel('blazeface-front-128.onnx');
    facemesh = await openModel('facemesh.onnx');
    movenet = await openModel('movenet-lightning.onnx');
    selfie = await openModel('selfie.onnx');
  });

  const detect = async (rgb: Uint8Array, normalise: (v: number) => number) =>
    bestFace(
      await blazeface.run({
        'input:0': new ort.Tensor('float32', Float32Array.from(rgb, normalise), [1, 128, 128, 3]),
      }),
    );

  it.each(PORTRAITS)('BlazeFace finds the face in %s with [-1,1] input', async (file) => {
    const face = await detect(await portraitRgb(file, 128, await centreSquare(file)), minusOneToOne);
    expect(face.score).toBeGreaterThan(0.9);
    expect(face.cx).toBeGreaterThan(0.3);
    expect(face.cx).toBeLessThan(0.7);
    expect(face.width).toBeGreaterThan(0.1);
  });

  it('BlazeFace scores smaller faces higher with [-1,1] than with [0,1]', async () => {
    let wins = 0;
    let cases = 0;
    for (const file of ['portrait-01.jpg', 'portrait-02.webp', 'portrait-05.jpg']) {
      for (const scale of [0.6, 0.4]) {
        const rgb = await shrunkOnCanvas(file, scale);
        if ((await detect(rgb, minusOneToOne)).score > (await detect(rgb, zeroToOne)).score) wins++;
        cases++;
      }
    }
    expect(wins / cases).toBeGreaterThanOrEqual(0.8);
  });

  it.each(PORTRAITS)('FaceMesh sees a face in the BlazeFace crop of %s with [0,1] input', async (file) => {
    const square = await centreSquare(file);
    const face = await detect(await portraitRgb(file, 128, square), minusOneToOne);
    const { width, height } = await portraitSize(file);
    const side = Math.max(face.width, face.height) * 1.6 * square.width;
    const left = Math.max(0, Math.round(square.left + face.cx * square.width - side / 2));
    const top = Math.max(0, Math.round(square.top + face.cy * square.width - side / 2));
    const crop = {
      left,
      top,
      width: Math.min(Math.round(side), width - left),
      height: Math.min(Math.round(side), height - top),
    };
    const rgb = await portraitRgb(file, 192, crop);
    const out = await facemesh.run({
      image: new ort.Tensor('float32', Float32Array.from(rgb, zeroToOne), [1, 192, 192, 3]),
    });
    expect((out.face_flag?.data as Float32Array)[0]).toBeGreaterThan(0.9);
    const mesh = out.mesh?.data as Float32Array;
    const xs = Array.from({ length: 468 }, (_, i) => mesh[i * 3] ?? 0);
    // The face fills the middle of the crop: landmarks spread over a good part of the 192 px.
    expect(Math.min(...xs)).toBeGreaterThan(10);
    expect(Math.max(...xs)).toBeLessThan(182);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(60);
  });

  it('MoveNet places nose, eyes and shoulders on an upper-body portrait from 0–255 int input', async () => {
    const rgb = await sharp(join(PORTRAITS_DIR, 'portrait-05.jpg'))
      .removeAlpha()
      .resize(192, 192, { fit: 'contain', background: { r: 0, g: 0, b: 0 } })
      .raw()
      .toBuffer();
    const out = await movenet.run({ image: new ort.Tensor('int32', Int32Array.from(rgb), [1, 192, 192, 3]) });
    const k = out.keypoints?.data as Float32Array;
    const point = (i: number) => ({ y: k[i * 3] ?? 0, x: k[i * 3 + 1] ?? 0, score: k[i * 3 + 2] ?? 0 });
    const [nose, leftEye, rightEye, , , leftShoulder, rightShoulder] = Array.from({ length: 7 }, (_, i) => point(i));
    for (const p of [nose, leftEye, rightEye, leftShoulder, rightShoulder]) expect(p?.score).toBeGreaterThan(0.3);
    // The subject's left eye is on the image's right.
    expect(leftEye?.x).toBeGreaterThan(nose?.x ?? 1);
    expect(rightEye?.x).toBeLessThan(nose?.x ?? 0);
    expect(leftShoulder?.y).toBeGreaterThan((nose?.y ?? 1) + 0.1);
    expect(rightShoulder?.y).toBeGreaterThan((nose?.y ?? 1) + 0.1);
  });

  it.each(PORTRAITS)('Selfie separates the person from the backdrop in %s with [0,1] input', async (file) => {
    const rgb = await portraitRgb(file, 256);
    const out = await selfie.run({
      image: new ort.Tensor('float32', Float32Array.from(rgb, zeroToOne), [1, 256, 256, 3]),
    });
    const mask = out.mask?.data as Float32Array;
    const mean = (x0: number, y0: number, size: number) => {
      let sum = 0;
      for (let y = y0; y < y0 + size; y++) for (let x = x0; x < x0 + size; x++) sum += mask[y * 256 + x] ?? 0;
      return sum / (size * size);
    };
    // Chest/face area at the centre, backdrop in the top corners.
    expect(mean(108, 120, 40)).toBeGreaterThan(0.9);
    expect((mean(0, 0, 24) + mean(232, 0, 24)) / 2).toBeLessThan(0.1);
  });
});

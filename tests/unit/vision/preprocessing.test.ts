import { describe, expect, it } from 'vitest';
import { applyAffine, letterbox, rotatedCrop, sampleTensor, stretch } from '../../../src/main/vision/sampler';
import {
  blazefaceAnchors,
  decodeBlazeface,
  iou,
  toImageDetection,
  weightedNms,
} from '../../../src/main/vision/blazeface';
import { landmarksToImage, meshCropFromDetection } from '../../../src/main/vision/facemesh';
import { decodeMovenet, MOVENET_KEYPOINTS } from '../../../src/main/vision/movenet';
import { maskFromProbabilities } from '../../../src/main/vision/mask';
import { maskValueAt, upsampleMask } from '../../../src/shared/vision/mask-ops';
import { createRawImage } from '../../../src/shared/image/raw-image';

describe('sampler', () => {
  it('letterboxes a wide frame: centred, padded top and bottom', () => {
    const m = letterbox(1280, 720, 128, 128);
    expect(applyAffine(m, 0, 0).x).toBeCloseTo(0);
    expect(applyAffine(m, 128, 64)).toEqual({ x: 1280, y: 360 });
    expect(applyAffine(m, 0, 0).y).toBeCloseTo(-280);
  });
  it('samples values with scale/offset and pads outside the image', () => {
    const img = createRawImage(4, 2, 3, [255, 0, 255]);
    const t = sampleTensor(img, letterbox(4, 2, 4, 4), { width: 4, height: 4, scale: 2 / 255, offset: -1, pad: 0 });
    expect(t[0]).toBe(-1); // padding row
    const mid = (2 * 4 + 1) * 3;
    expect(t[mid]).toBeCloseTo(1);
    expect(t[mid + 1]).toBeCloseTo(-1);
  });
  it('rotated crop maps the tensor centre to the crop centre and follows the angle', () => {
    const m = rotatedCrop(100, 50, 40, Math.PI / 2, 192);
    expect(applyAffine(m, 96, 96).x).toBeCloseTo(100);
    expect(applyAffine(m, 96, 96).y).toBeCloseTo(50);
    // One step along the tensor x axis goes down the image when rotated 90°.
    const p = applyAffine(m, 97, 96);
    expect(p.x).toBeCloseTo(100);
    expect(p.y).toBeGreaterThan(50);
  });
  it('stretch covers the whole image', () => {
    expect(applyAffine(stretch(640, 480, 256, 256), 256, 256)).toEqual({ x: 640, y: 480 });
  });
});

describe('BlazeFace decoding', () => {
  it('has 896 anchors, 16×16×2 then 8×8×6', () => {
    const a = blazefaceAnchors();
    expect(a).toHaveLength(896);
    expect(a[0]).toEqual({ x: 1 / 32, y: 1 / 32 });
    expect(a[512]).toEqual({ x: 1 / 16, y: 1 / 16 });
  });
  it('decodes a confident anchor and merges overlapping boxes by score', () => {
    const anchors = blazefaceAnchors();
    const scores = new Float32Array(896).fill(-10);
    const boxes = new Float32Array(896 * 16);
    const i = (8 * 16 + 8) * 2; // anchor at the image centre
    scores[i] = 4;
    scores[i + 1] = 2;
    boxes.set([0, 0, 32, 32, -8, -4, 8, -4], i * 16);
    boxes.set([2, 0, 32, 32, -8, -4, 8, -4], (i + 1) * 16);
    const dets = decodeBlazeface(scores, boxes, anchors, 0.5);
    expect(dets).toHaveLength(2);
    expect(iou(dets[0]!, dets[1]!)).toBeGreaterThan(0.8);
    const merged = weightedNms(dets);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.score).toBeCloseTo(1 / (1 + Math.exp(-4)));
    const face = toImageDetection(merged[0]!, letterbox(256, 256, 128, 128));
    expect(face.box.width).toBeCloseTo(64, 0);
    expect(face.keypoints[0]!.x).toBeLessThan(face.keypoints[1]!.x);
  });
  it('keeps separate faces apart', () => {
    const d = (x: number, score: number) => ({
      score,
      xMin: x,
      yMin: 0.1,
      xMax: x + 0.2,
      yMax: 0.3,
      keypoints: new Array(12).fill(0),
    });
    expect(weightedNms([d(0.1, 0.9), d(0.6, 0.8)])).toHaveLength(2);
  });
});

describe('FaceMesh crop and landmarks', () => {
  it('rotates the crop by the eye line and maps landmarks back to the image', () => {
    const face = {
      box: { x: 100, y: 100, width: 100, height: 100 },
      score: 0.9,
      keypoints: [
        { x: 120, y: 130 },
        { x: 180, y: 150 },
      ],
    };
    const crop = meshCropFromDetection(face);
    expect(crop.size).toBe(150);
    expect(crop.angle).toBeCloseTo(Math.atan2(20, 60));
    const mesh = new Float32Array(468 * 3);
    mesh.set([96, 96, 10], 0);
    const lm = landmarksToImage(mesh, crop, 1);
    expect(lm.points[0]!.x).toBeCloseTo(150);
    expect(lm.points[0]!.y).toBeCloseTo(150);
    expect(lm.points[0]!.z).toBeCloseTo((10 * 150) / 192);
  });
});

describe('MoveNet and mask decoding', () => {
  it('maps normalised (y, x, score) to image keypoints by name', () => {
    const out = new Float32Array(17 * 3);
    out.set([0.5, 0.25, 0.9], 5 * 3); // left_shoulder
    const kps = decodeMovenet(out, letterbox(384, 192, 192, 192));
    expect(kps.map((k) => k.name)).toEqual(MOVENET_KEYPOINTS);
    expect(kps[5]).toMatchObject({ name: 'left_shoulder', x: 96, y: 96, score: expect.closeTo(0.9, 5) });
  });
  it('quantises probabilities and upsamples the mask', () => {
    const m = maskFromProbabilities(Float32Array.from([0, 1, -1, 2]), 2, 2);
    expect([...m.data]).toEqual([0, 255, 0, 255]);
    const up = upsampleMask(m, 4, 4);
    expect(up.data[3]).toBe(255);
    expect(maskValueAt(m, 4, 4, 0, 3)).toBe(0);
  });
});

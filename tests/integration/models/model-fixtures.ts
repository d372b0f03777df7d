import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { MODELS_DIR, PROJECT_ROOT } from '../../../scripts/models/paths';

// Shared inputs for the model tests: real portraits (read from ../shared, never copied) and seeded noise.

export const PORTRAITS_DIR = join(PROJECT_ROOT, '..', 'shared', 'portraits');

export interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
}

// RGB bytes of a portrait (alpha dropped), optionally cropped, stretched to size×size.
export async function portraitRgb(file: string, size: number, region?: Region): Promise<Uint8Array> {
  let image = sharp(join(PORTRAITS_DIR, file)).removeAlpha();
  if (region) image = image.extract(region);
  const data = await image.resize(size, size, { fit: 'fill' }).raw().toBuffer();
  return new Uint8Array(data);
}

export async function portraitSize(file: string): Promise<{ width: number; height: number }> {
  const meta = await sharp(join(PORTRAITS_DIR, file)).metadata();
  return { width: meta.width ?? 0, height: meta.height ?? 0 };
}

// mulberry32: small deterministic PRNG so a failing random case can be reproduced.
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function openModel(file: string): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(join(MODELS_DIR, file), { graphOptimizationLevel: 'all', intraOpNumThreads: 1 });
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} ≠ ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs((a[i] ?? 0) - (b[i] ?? 0));
    // NaN must fail the comparison rather than vanish in Math.max.
    if (!(d <= max)) max = Number.isNaN(d) ? Infinity : d;
  }
  return max;
}

import type { PersonMask } from '../../shared/vision/analysis';

/** Segmentation probabilities (0..1, one per pixel) → an 8-bit person mask at model resolution. */
export function maskFromProbabilities(prob: Float32Array, width: number, height: number): PersonMask {
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) {
    const p = prob[i]!;
    data[i] = p <= 0 ? 0 : p >= 1 ? 255 : Math.round(p * 255);
  }
  return { width, height, data };
}

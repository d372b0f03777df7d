import { boxMean } from './box-filter';

// Trimap from the model's person probabilities: where the model is confident and away from its edge the pixel is
// definitely person (kept untouched) or definitely backdrop (painted blue); only the band between is matted. The
// band is narrow where the model's edge is crisp (a shoulder) and as wide as the model's own uncertainty where it
// is soft (hair), but never further than `maxBand` from the person, so a backdrop blob cannot leak in.

export const BACKGROUND = 0;
export const UNKNOWN = 1;
export const FOREGROUND = 2;

export interface TrimapOptions {
  /** Person pixels within this many px of the model's edge are matted (the model often spills onto the backdrop). */
  inner: number;
  /** Backdrop pixels within this many px of the model's edge are matted (hair the model missed). */
  outer: number;
  /** Probabilities strictly between these count as the model being unsure. */
  low: number;
  high: number;
  /** Unsure pixels are matted only within this many px of the person region. */
  maxBand: number;
}

export const defaultTrimapOptions: TrimapOptions = { inner: 10, outer: 5, low: 0.1, high: 0.9, maxBand: 10 };

/**
 * `person` is the connected person region (personComponents); `valid` marks pixels that came from the source (the
 * rest is padding and always background).
 */
export function buildTrimap(
  prob: Float32Array,
  person: Uint8Array,
  valid: Uint8Array,
  width: number,
  height: number,
  options: TrimapOptions = defaultTrimapOptions,
): Uint8Array {
  const n = width * height;
  const p = new Float32Array(n);
  for (let i = 0; i < n; i++) p[i] = person[i]!;
  const tmp = new Float32Array(n);
  const nearIn = boxMean(p, width, height, options.inner, new Float32Array(n), tmp);
  const nearOut = boxMean(p, width, height, options.outer, new Float32Array(n), tmp);
  const reach =
    options.maxBand === options.inner ? nearIn : boxMean(p, width, height, options.maxBand, new Float32Array(n), tmp);
  const out = new Uint8Array(n);
  const eps = 1e-6;
  for (let i = 0; i < n; i++) {
    if (!valid[i]) continue;
    const q = prob[i]!;
    const edge = person[i] ? nearIn[i]! < 1 - eps : nearOut[i]! > eps;
    const unsure = q > options.low && q < options.high && reach[i]! > eps;
    out[i] = edge || unsure ? UNKNOWN : person[i] ? FOREGROUND : BACKGROUND;
  }
  return out;
}

import { paintIslands } from './cutout-islands';
import { CLASS_BACKGROUND, CLASS_FOREGROUND, localColours, sampleLocal, type LocalColours } from './local-colours';

// Put the person on the new background. Where alpha is 1 the source pixel is copied untouched (no smoothing, no
// retouching); at the semi-transparent hair edge the foreground colour is estimated first, so the old backdrop's
// colour does not bleed into the new one as a halo.

export interface RgbImage {
  width: number;
  height: number;
  /** 3 bytes per pixel. */
  data: Uint8Array;
}

/** Below/above these, alpha is snapped to 0/1 (removes the mask's faint tails and keeps the inside exact). */
export const ALPHA_FLOOR = 0.15;
export const ALPHA_CEIL = 0.85;
/** Windows (output px) for the local foreground and backdrop colours at the edge. */
const FOREGROUND_RADIUS = 6;
const BACKDROP_RADIUS = 12;

/** Clamp, then snap the near-0 and near-1 tails. */
export function finishAlpha(alpha: Float32Array): Float32Array {
  const out = new Float32Array(alpha.length);
  for (let i = 0; i < alpha.length; i++) {
    const a = alpha[i]!;
    out[i] = a <= ALPHA_FLOOR ? 0 : a >= ALPHA_CEIL ? 1 : (a - ALPHA_FLOOR) / (ALPHA_CEIL - ALPHA_FLOOR);
  }
  return out;
}

/**
 * `local` (the matte's own local colours from its trimap) is reused when given; otherwise the local colours are
 * taken from the confident pixels of `alpha`.
 */
export function compositeOnColor(
  img: RgbImage,
  alpha: Float32Array,
  background: [number, number, number],
  local?: LocalColours,
): RgbImage {
  const { width, height, data } = img;
  const n = width * height;
  const out = new Uint8Array(n * 3);
  const bg = background;
  const classes = new Uint8Array(n).fill(1);
  let band = 0;
  for (let i = 0, o = 0; i < n; i++, o += 3) {
    const a = alpha[i]!;
    if (a >= 1) {
      classes[i] = CLASS_FOREGROUND;
      out[o] = data[o]!;
      out[o + 1] = data[o + 1]!;
      out[o + 2] = data[o + 2]!;
    } else if (a <= 0) {
      classes[i] = CLASS_BACKGROUND;
      out[o] = bg[0];
      out[o + 1] = bg[1];
      out[o + 2] = bg[2];
    } else band++;
  }
  if (band === 0) return clean({ width, height, data: out }, bg);
  local ??= localColours(data, classes, width, height, FOREGROUND_RADIUS, BACKDROP_RADIUS);
  const v = new Float64Array(8);
  for (let i = 0, o = 0; i < n; i++, o += 3) {
    const a = alpha[i]!;
    if (a <= 0 || a >= 1) continue;
    sampleLocal(local, i % width, (i / width) | 0, v);
    // I = aF + (1-a)B solved for F; trusted more as alpha grows, the neighbouring foreground colour otherwise.
    const t = a < 0.2 ? 0 : a > 0.8 ? 1 : (a - 0.2) / 0.6;
    const hasF = v[0]! > 1e-4;
    const hasB = v[4]! > 1e-4;
    for (let c = 0; c < 3; c++) {
      const I = data[o + c]!;
      const fl = hasF ? v[1 + c]! : I;
      const solved = hasB ? Math.min(255, Math.max(0, (I - (1 - a) * v[5 + c]!) / a)) : I;
      const F = t * solved + (1 - t) * fl;
      out[o + c] = Math.round(a * F + (1 - a) * bg[c]!);
    }
  }
  return clean({ width, height, data: out }, bg);
}

/**
 * Pieces of the old background the matte kept apart from the person (a bookshelf's spines beside the jaw: issue
 * 11) are painted with the new colour: anything in a head-and-shoulders photo not joined to the person is backdrop.
 * The 初审 measures the same islands on the encoded file (review.ts) and fails what is left.
 */
function clean(img: RgbImage, bg: [number, number, number]): RgbImage {
  paintIslands(img, bg);
  return img;
}

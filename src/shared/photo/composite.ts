import { boxMean } from './box-filter';

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
export const ALPHA_FLOOR = 0.04;
export const ALPHA_CEIL = 0.96;
const ESTIMATE_RADIUS = 6;

export function luminance(img: RgbImage): Float32Array {
  const n = img.width * img.height;
  const out = new Float32Array(n);
  const d = img.data;
  for (let i = 0; i < n; i++) out[i] = (0.299 * d[i * 3]! + 0.587 * d[i * 3 + 1]! + 0.114 * d[i * 3 + 2]!) / 255;
  return out;
}

/** Clamp, then snap the near-0 and near-1 tails. */
export function finishAlpha(alpha: Float32Array): Float32Array {
  const out = new Float32Array(alpha.length);
  for (let i = 0; i < alpha.length; i++) {
    const a = alpha[i]!;
    out[i] = a <= ALPHA_FLOOR ? 0 : a >= ALPHA_CEIL ? 1 : (a - ALPHA_FLOOR) / (ALPHA_CEIL - ALPHA_FLOOR);
  }
  return out;
}

export function compositeOnColor(img: RgbImage, alpha: Float32Array, background: [number, number, number]): RgbImage {
  const { width, height, data } = img;
  const n = width * height;
  const out = new Uint8Array(n * 3);
  // Local colour of confident foreground / background around each pixel (weighted box means).
  const wf = new Float32Array(n);
  const wb = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const a = alpha[i]!;
    wf[i] = a >= ALPHA_CEIL ? 1 : 0;
    wb[i] = a <= ALPHA_FLOOR ? 1 : 0;
  }
  const sf = boxMean(wf, width, height, ESTIMATE_RADIUS);
  const sb = boxMean(wb, width, height, ESTIMATE_RADIUS);
  const fg: Float32Array[] = [];
  const bg: Float32Array[] = [];
  const chan = new Float32Array(n);
  const weighted = new Float32Array(n);
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < n; i++) chan[i] = data[i * 3 + c]!;
    for (let i = 0; i < n; i++) weighted[i] = chan[i]! * wf[i]!;
    fg.push(boxMean(weighted, width, height, ESTIMATE_RADIUS));
    for (let i = 0; i < n; i++) weighted[i] = chan[i]! * wb[i]!;
    bg.push(boxMean(weighted, width, height, ESTIMATE_RADIUS));
  }
  for (let i = 0; i < n; i++) {
    const a = alpha[i]!;
    const o = i * 3;
    if (a >= 1) {
      out[o] = data[o]!;
      out[o + 1] = data[o + 1]!;
      out[o + 2] = data[o + 2]!;
      continue;
    }
    if (a <= 0) {
      out[o] = background[0];
      out[o + 1] = background[1];
      out[o + 2] = background[2];
      continue;
    }
    const haveF = sf[i]! > 1e-4;
    const haveB = sb[i]! > 1e-4;
    for (let c = 0; c < 3; c++) {
      const I = data[o + c]!;
      const Fl = haveF ? fg[c]![i]! / sf[i]! : I;
      const Bl = haveB ? bg[c]![i]! / sb[i]! : I;
      // I = aF + (1-a)B solved for F; trusted more as alpha grows, the neighbouring foreground colour otherwise.
      const solved = Math.min(255, Math.max(0, (I - (1 - a) * Bl) / a));
      const t = a < 0.2 ? 0 : a > 0.8 ? 1 : (a - 0.2) / 0.6;
      const F = haveB ? t * solved + (1 - t) * Fl : I;
      out[o + c] = Math.round(a * F + (1 - a) * background[c]!);
    }
  }
  return { width, height, data: out };
}

import { boxMean } from './box-filter';
import { halve, type Plane } from './resample';

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
  // Weighted sums of confident foreground / background colours, box-averaged: the local colours around each pixel.
  const wf = new Float32Array(n);
  const wb = new Float32Array(n);
  const f0 = new Float32Array(n);
  const f1 = new Float32Array(n);
  const f2 = new Float32Array(n);
  const b0 = new Float32Array(n);
  const b1 = new Float32Array(n);
  const b2 = new Float32Array(n);
  let band = 0;
  for (let i = 0, o = 0; i < n; i++, o += 3) {
    const a = alpha[i]!;
    if (a >= ALPHA_CEIL) {
      wf[i] = 1;
      f0[i] = data[o]!;
      f1[i] = data[o + 1]!;
      f2[i] = data[o + 2]!;
    } else if (a <= ALPHA_FLOOR) {
      wb[i] = 1;
      b0[i] = data[o]!;
      b1[i] = data[o + 1]!;
      b2[i] = data[o + 2]!;
    } else band++;
  }
  // Local means are smooth: computed at half resolution (a quarter of the work), read back only in the edge band.
  const r = Math.ceil(ESTIMATE_RADIUS / 2);
  const planes = band
    ? [wf, wb, f0, f1, f2, b0, b1, b2].map((x) => {
        const h = halve(x, width, height);
        return { ...h, data: boxMean(h.data, h.width, h.height, r) };
      })
    : [];
  const v = new Float64Array(8);
  const [bgR, bgG, bgB] = background;
  for (let i = 0, o = 0; i < n; i++, o += 3) {
    const a = alpha[i]!;
    if (a >= 1) {
      out[o] = data[o]!;
      out[o + 1] = data[o + 1]!;
      out[o + 2] = data[o + 2]!;
    } else if (a <= 0) {
      out[o] = bgR;
      out[o + 1] = bgG;
      out[o + 2] = bgB;
    } else {
      sampleAll(planes, (i % width) + 0.5, Math.floor(i / width) + 0.5, v);
      const nf = v[0]!;
      const nb = v[1]!;
      // I = aF + (1-a)B solved for F; trusted more as alpha grows, the neighbouring foreground colour otherwise.
      const t = a < 0.2 ? 0 : a > 0.8 ? 1 : (a - 0.2) / 0.6;
      out[o] = mix(data[o]!, a, nf > 1e-4 ? v[2]! / nf : -1, nb > 1e-4 ? v[5]! / nb : -1, t, bgR);
      out[o + 1] = mix(data[o + 1]!, a, nf > 1e-4 ? v[3]! / nf : -1, nb > 1e-4 ? v[6]! / nb : -1, t, bgG);
      out[o + 2] = mix(data[o + 2]!, a, nf > 1e-4 ? v[4]! / nf : -1, nb > 1e-4 ? v[7]! / nb : -1, t, bgB);
    }
  }
  return { width, height, data: out };
}

/** One channel of a semi-transparent pixel: estimated foreground colour over the new background. fl/bl < 0: unknown. */
function mix(I: number, a: number, fl: number, bl: number, t: number, bg: number): number {
  let F = I;
  if (bl >= 0) {
    const solved = Math.min(255, Math.max(0, (I - (1 - a) * bl) / a));
    F = t * solved + (1 - t) * (fl >= 0 ? fl : I);
  }
  return Math.round(a * F + (1 - a) * bg);
}

/** Bilinear read of every half-resolution plane at full-resolution position (x, y). */
function sampleAll(planes: Plane[], x: number, y: number, out: Float64Array): void {
  const { width: w, height: h } = planes[0]!;
  const sx = Math.min(w - 1, Math.max(0, x / 2 - 0.5));
  const sy = Math.min(h - 1, Math.max(0, y / 2 - 0.5));
  const x0 = Math.floor(sx);
  const y0 = Math.floor(sy);
  const x1 = Math.min(w - 1, x0 + 1);
  const y1 = Math.min(h - 1, y0 + 1);
  const fx = sx - x0;
  const fy = sy - y0;
  const w00 = (1 - fx) * (1 - fy);
  const w01 = fx * (1 - fy);
  const w10 = (1 - fx) * fy;
  const w11 = fx * fy;
  for (let k = 0; k < planes.length; k++) {
    const d = planes[k]!.data;
    out[k] = d[y0 * w + x0]! * w00 + d[y0 * w + x1]! * w01 + d[y1 * w + x0]! * w10 + d[y1 * w + x1]! * w11;
  }
}

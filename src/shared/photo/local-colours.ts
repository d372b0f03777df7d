import { boxMean } from './box-filter';

// Local mean colours of the confident person and of the confident backdrop around each pixel, for the matte's
// colour model and for un-mixing the old backdrop at semi-transparent edge pixels. They are smooth, so they are
// accumulated straight into half-resolution planes (a quarter of the work) and read back bilinearly.

/** Per-pixel class for `localColours`: these match the trimap values. */
export const CLASS_BACKGROUND = 0;
export const CLASS_FOREGROUND = 2;

export interface LocalColours {
  width: number;
  height: number;
  /** [weight, weight·R, weight·G, weight·B], box-averaged at half resolution; colour = plane[c] / plane[0]. */
  fg: Float32Array[];
  bg: Float32Array[];
}

/** `bgRadius` null: the foreground colours only (the backdrop planes stay empty: no backdrop nearby anywhere). */
export function localColours(
  data: Uint8Array,
  classes: Uint8Array,
  width: number,
  height: number,
  fgRadius: number,
  bgRadius: number | null,
): LocalColours {
  const w = Math.ceil(width / 2);
  const h = Math.ceil(height / 2);
  const m = w * h;
  const withBg = bgRadius !== null;
  const fg = [0, 1, 2, 3].map(() => new Float32Array(m));
  const bg = [0, 1, 2, 3].map(() => new Float32Array(m));
  const [fw, f0, f1, f2] = fg as [Float32Array, Float32Array, Float32Array, Float32Array];
  const [bw, b0, b1, b2] = bg as [Float32Array, Float32Array, Float32Array, Float32Array];
  for (let y = 0; y < height; y++)
    accumulateRow(data, classes, fw, f0, f1, f2, withBg, bw, b0, b1, b2, y, width, (y >> 1) * w);
  const tmp = new Float32Array(m);
  const scratch = new Float32Array(m);
  const smooth = (planes: Float32Array[], r: number) => {
    for (const p of planes) {
      boxMean(p, w, h, r, scratch, tmp);
      p.set(scratch);
    }
  };
  smooth(fg, Math.ceil(fgRadius / 2));
  if (withBg) smooth(bg, Math.ceil(bgRadius / 2));
  return { width: w, height: h, fg, bg };
}

/** One row's confident person / backdrop pixels summed into the half-resolution planes (a per-row kernel). */
function accumulateRow(
  data: Uint8Array,
  classes: Uint8Array,
  fw: Float32Array,
  f0: Float32Array,
  f1: Float32Array,
  f2: Float32Array,
  withBg: boolean,
  bw: Float32Array,
  b0: Float32Array,
  b1: Float32Array,
  b2: Float32Array,
  y: number,
  width: number,
  row: number,
): void {
  for (let x = 0; x < width; x++) {
    const i = y * width + x;
    const c = classes[i]!;
    const j = row + (x >> 1);
    const o = i * 3;
    if (c === CLASS_FOREGROUND) {
      fw[j]! += 1;
      f0[j]! += data[o]!;
      f1[j]! += data[o + 1]!;
      f2[j]! += data[o + 2]!;
    } else if (c === CLASS_BACKGROUND && withBg) {
      bw[j]! += 1;
      b0[j]! += data[o]!;
      b1[j]! += data[o + 1]!;
      b2[j]! += data[o + 2]!;
    }
  }
}

/**
 * Local foreground and backdrop colour at full-resolution pixel (x, y) into `out`: [nF, R, G, B, nB, R, G, B],
 * where nF / nB is the share of confident pixels nearby (0: none, the colour is then meaningless).
 */
export function sampleLocal(local: LocalColours, x: number, y: number, out: Float64Array): void {
  const { width: w, height: h, fg, bg } = local;
  const sx = Math.min(w - 1, Math.max(0, (x + 0.5) / 2 - 0.5));
  const sy = Math.min(h - 1, Math.max(0, (y + 0.5) / 2 - 0.5));
  const x0 = Math.floor(sx);
  const y0 = Math.floor(sy);
  const x1 = Math.min(w - 1, x0 + 1);
  const y1 = Math.min(h - 1, y0 + 1);
  const fx = sx - x0;
  const fy = sy - y0;
  const j00 = y0 * w + x0;
  const j01 = y0 * w + x1;
  const j10 = y1 * w + x0;
  const j11 = y1 * w + x1;
  const w00 = (1 - fx) * (1 - fy);
  const w01 = fx * (1 - fy);
  const w10 = (1 - fx) * fy;
  const w11 = fx * fy;
  for (let k = 0; k < 4; k++) {
    const f = fg[k]!;
    const b = bg[k]!;
    out[k] = f[j00]! * w00 + f[j01]! * w01 + f[j10]! * w10 + f[j11]! * w11;
    out[k + 4] = b[j00]! * w00 + b[j01]! * w01 + b[j10]! * w10 + b[j11]! * w11;
  }
  const nf = out[0]!;
  const nb = out[4]!;
  for (let k = 1; k < 4; k++) {
    out[k] = nf > 1e-4 ? out[k]! / nf : 0;
    out[k + 4] = nb > 1e-4 ? out[k + 4]! / nb : 0;
  }
}

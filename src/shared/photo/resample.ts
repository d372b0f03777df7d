// Half-resolution helpers for the smooth, low-frequency parts of matting (local means), which do not need every pixel.

export interface Plane {
  width: number;
  height: number;
  data: Float32Array;
}

/** 2×2 box average (odd edges take the available pixels). */
export function halve(src: Float32Array, width: number, height: number): Plane {
  const w = Math.ceil(width / 2);
  const h = Math.ceil(height / 2);
  const sum = new Float32Array(w * h);
  const cnt = new Float32Array(w * h);
  for (let y = 0; y < height; y++) halveRow(src, sum, cnt, y, width, (y >> 1) * w);
  for (let j = 0; j < sum.length; j++) sum[j] = sum[j]! / cnt[j]!;
  return { width: w, height: h, data: sum };
}

/** One source row into the half-resolution sums (a per-row kernel, see box-filter.ts). */
function halveRow(src: Float32Array, sum: Float32Array, cnt: Float32Array, y: number, width: number, row: number) {
  for (let x = 0; x < width; x++) {
    const j = row + (x >> 1);
    sum[j]! += src[y * width + x]!;
    cnt[j]! += 1;
  }
}

/** Bilinear upsampling of a half-resolution plane back to width×height (pixel centres aligned). */
export function double(p: Plane, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  const { width: w, height: h, data } = p;
  for (let y = 0; y < height; y++) {
    const sy = Math.min(h - 1, Math.max(0, (y + 0.5) / 2 - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(h - 1, y0 + 1);
    const fy = sy - y0;
    for (let x = 0; x < width; x++) {
      const sx = Math.min(w - 1, Math.max(0, (x + 0.5) / 2 - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(w - 1, x0 + 1);
      const fx = sx - x0;
      const top = data[y0 * w + x0]! * (1 - fx) + data[y0 * w + x1]! * fx;
      const bottom = data[y1 * w + x0]! * (1 - fx) + data[y1 * w + x1]! * fx;
      out[y * width + x] = top * (1 - fy) + bottom * fy;
    }
  }
  return out;
}

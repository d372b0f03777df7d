import { boxMean } from './box-filter';
import { double, halve } from './resample';

// He, Sun & Tang's guided filter: the output is locally a linear function of the guide, so a blurry mask snaps
// to the edges of the guide image (hair against the backdrop) while staying smooth where the guide is flat.

export function guidedFilter(
  guide: Float32Array,
  src: Float32Array,
  width: number,
  height: number,
  radius: number,
  eps: number,
): Float32Array {
  const n = guide.length;
  if (src.length !== n || n !== width * height) throw new Error('guidedFilter: size mismatch');
  const ii = new Float32Array(n);
  const ip = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    ii[i] = guide[i]! * guide[i]!;
    ip[i] = guide[i]! * src[i]!;
  }
  const meanI = boxMean(guide, width, height, radius);
  const meanP = boxMean(src, width, height, radius);
  const corrI = boxMean(ii, width, height, radius);
  const corrIp = boxMean(ip, width, height, radius);
  const a = ii;
  const b = ip;
  for (let i = 0; i < n; i++) {
    const varI = corrI[i]! - meanI[i]! * meanI[i]!;
    const cov = corrIp[i]! - meanI[i]! * meanP[i]!;
    a[i] = cov / (varI + eps);
    b[i] = meanP[i]! - a[i]! * meanI[i]!;
  }
  const meanA = boxMean(a, width, height, radius);
  const meanB = boxMean(b, width, height, radius);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = meanA[i]! * guide[i]! + meanB[i]!;
  return out;
}

/**
 * He & Sun's fast guided filter: the linear coefficients are computed at half resolution (radius halved) and
 * applied to the full-resolution guide, so edges stay as sharp as the guide at about a quarter of the cost.
 */
export function fastGuidedFilter(
  guide: Float32Array,
  src: Float32Array,
  width: number,
  height: number,
  radius: number,
  eps: number,
): Float32Array {
  const g = halve(guide, width, height);
  const p = halve(src, width, height);
  const r = Math.max(1, Math.round(radius / 2));
  const { width: w, height: h } = g;
  const n = w * h;
  const ii = new Float32Array(n);
  const ip = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    ii[i] = g.data[i]! * g.data[i]!;
    ip[i] = g.data[i]! * p.data[i]!;
  }
  const meanI = boxMean(g.data, w, h, r);
  const meanP = boxMean(p.data, w, h, r);
  const corrI = boxMean(ii, w, h, r);
  const corrIp = boxMean(ip, w, h, r);
  for (let i = 0; i < n; i++) {
    const varI = corrI[i]! - meanI[i]! * meanI[i]!;
    const cov = corrIp[i]! - meanI[i]! * meanP[i]!;
    ii[i] = cov / (varI + eps);
    ip[i] = meanP[i]! - ii[i]! * meanI[i]!;
  }
  const A = double({ width: w, height: h, data: boxMean(ii, w, h, r) }, width, height);
  const B = double({ width: w, height: h, data: boxMean(ip, w, h, r) }, width, height);
  const out = new Float32Array(width * height);
  for (let i = 0; i < out.length; i++) out[i] = A[i]! * guide[i]! + B[i]!;
  return out;
}

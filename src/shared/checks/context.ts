import type { Analysis, Box } from '../vision/analysis';
import type { RawImage } from '../image/raw-image';
import type { PhotoProfile } from '../spec/profile';
import { defaultCheckThresholds, type CheckThresholds } from '../spec/check-thresholds';
import { faceGeometry, type FaceGeometry } from './face-geometry';
import { planCrop, type CropPlan } from './crop-plan';
import type { CheckId, CheckResult, CheckStatus } from './types';

export interface CheckContext {
  analysis: Analysis;
  image: RawImage;
  profile: PhotoProfile;
  t: CheckThresholds;
  geo: FaceGeometry | null;
  plan: CropPlan | null;
  /** Image pixels per analysis pixel (1 when the pixels are the analysed image). */
  sx: number;
  sy: number;
}

export function createContext(analysis: Analysis, image: RawImage, profile: PhotoProfile): CheckContext {
  const geo = faceGeometry(analysis);
  return {
    analysis,
    image,
    profile,
    t: profile.checks ?? defaultCheckThresholds,
    geo,
    plan: geo ? planCrop(analysis, geo, profile) : null,
    sx: image.width / analysis.width,
    sy: image.height / analysis.height,
  };
}

export function result(
  id: CheckId,
  status: CheckStatus,
  value: number | null,
  threshold: number | string,
  message: string,
  region: Box | null = null,
): CheckResult {
  return { id, status, value: value === null ? null : round(value), threshold, message, region };
}

export function round(v: number, digits = 3): number {
  const f = Math.pow(10, digits);
  return Math.round(v * f) / f;
}

/** Grade |value| against warn/fail limits (larger is worse). */
export function gradeAbove(v: number, warn: number, fail: number): CheckStatus {
  return v > fail ? 'fail' : v > warn ? 'warn' : 'pass';
}

/** Grade value against warn/fail floors (smaller is worse). */
export function gradeBelow(v: number, warn: number, fail: number): CheckStatus {
  return v < fail ? 'fail' : v < warn ? 'warn' : 'pass';
}

export const NO_FACE = '未检测到人脸，无法检查';

export function boxAround(cx: number, cy: number, w: number, h: number): Box {
  return { x: cx - w / 2, y: cy - h / 2, width: w, height: h };
}

/** Visit pixels of a box (analysis coordinates) on a grid of about `samples` points; returns visited count. */
export function forEachPixel(
  ctx: CheckContext,
  box: Box,
  samples: number,
  fn: (r: number, g: number, b: number, x: number, y: number) => void,
): number {
  const img = ctx.image;
  const x0 = Math.max(0, Math.floor(box.x * ctx.sx));
  const y0 = Math.max(0, Math.floor(box.y * ctx.sy));
  const x1 = Math.min(img.width, Math.ceil((box.x + box.width) * ctx.sx));
  const y1 = Math.min(img.height, Math.ceil((box.y + box.height) * ctx.sy));
  if (x1 <= x0 || y1 <= y0) return 0;
  const step = Math.max(1, Math.floor(Math.sqrt(((x1 - x0) * (y1 - y0)) / samples)));
  let n = 0;
  const ch = img.channels;
  for (let y = y0; y < y1; y += step)
    for (let x = x0; x < x1; x += step) {
      const o = (y * img.width + x) * ch;
      fn(img.data[o]!, img.data[o + 1]!, img.data[o + 2]!, x / ctx.sx, y / ctx.sy);
      n++;
    }
  return n;
}

export const luma = (r: number, g: number, b: number) => 0.299 * r + 0.587 * g + 0.114 * b;

// The k-th smallest value by selection on a Float64Array copy (Hoare quickselect, median-of-three pivot): the same
// value a full `[...values].sort((p, q) => p - q)` put at index k (the values are never NaN), without the comparator
// call per pair — those sorts were a quarter of runChecks on a live frame (docs/BENCHMARKS.md, 2026-12-02, speed2).
function kthSmallest(values: ArrayLike<number>, k: number): number {
  const s = Float64Array.from(values);
  let lo = 0;
  let hi = s.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    const a = s[lo]!;
    const b = s[mid]!;
    const c = s[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (s[i]! < pivot) i++;
      while (s[j]! > pivot) j--;
      if (i <= j) {
        const t = s[i]!;
        s[i] = s[j]!;
        s[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return s[k]!;
  }
  return s[k]!;
}

export function median(values: ArrayLike<number>): number {
  if (!values.length) return NaN;
  return kthSmallest(values, Math.floor(values.length / 2));
}

export function percentile(values: ArrayLike<number>, p: number): number {
  if (!values.length) return NaN;
  return kthSmallest(values, Math.min(values.length - 1, Math.floor(p * values.length)));
}

import type { CropPlan } from '../../shared/photo/crop-plan';
import type { RgbImage } from '../../shared/photo/composite';
import { defaultMatteOptions, matteFromProbabilities, type Matte, type MatteOptions } from '../../shared/photo/matte';
import { faceGuideFromAnalysis } from '../../shared/photo/face-guide';
import type { Analysis, PersonMask } from '../../shared/vision/analysis';

/**
 * The person mask resampled onto the crop (it covers the whole analysed image), then matted at the output
 * resolution with the crop's colours as guide, so the coarse model mask snaps to the real hair/shoulder edge. The
 * analysis's face landmarks and ear keypoints, when given, keep the face and ears person (see face-guard.ts).
 */
export function refineMask(
  mask: PersonMask,
  analysed: { width: number; height: number; scale: number } & Partial<Pick<Analysis, 'landmarks' | 'faces' | 'body'>>,
  plan: CropPlan,
  crop: RgbImage,
  valid: Uint8Array,
  options: MatteOptions = defaultMatteOptions,
): Matte {
  const k = analysed.scale;
  // analysed-image px → source px (÷ scale) → crop px
  const toCrop = (p: { x: number; y: number }) => ({
    x: (p.x / k - plan.x) * plan.scale,
    y: (p.y / k - plan.y) * plan.scale,
  });
  const guide = faceGuideFromAnalysis(
    { landmarks: analysed.landmarks ?? null, faces: analysed.faces ?? [], body: analysed.body ?? [] },
    toCrop,
  );
  return matteFromProbabilities(crop, maskOnCrop(mask, analysed, plan, crop, valid), valid, options, guide);
}

/** Person probability 0..1 at every crop pixel (bilinear from the model mask; 0 where the crop ran past the source). */
export function maskOnCrop(
  mask: PersonMask,
  analysed: { width: number; height: number; scale: number },
  plan: CropPlan,
  size: { width: number; height: number },
  valid: Uint8Array,
): Float32Array {
  const { width: W, height: H } = size;
  const coarse = new Float32Array(W * H);
  // The crop→mask mapping is a pure scale + offset: precompute the bilinear taps per column and per row.
  const k = analysed.scale;
  const taps = (count: number, origin: number, maskSize: number, imageSize: number) => {
    const i0 = new Int32Array(count);
    const i1 = new Int32Array(count);
    const f = new Float32Array(count);
    for (let t = 0; t < count; t++) {
      const img = (origin + (t + 0.5) / plan.scale) * k;
      const m = Math.min(maskSize - 1, Math.max(0, (img * maskSize) / imageSize - 0.5));
      i0[t] = Math.floor(m);
      i1[t] = Math.min(maskSize - 1, i0[t]! + 1);
      f[t] = m - i0[t]!;
    }
    return { i0, i1, f };
  };
  const cx = taps(W, plan.x, mask.width, analysed.width);
  const cy = taps(H, plan.y, mask.height, analysed.height);
  for (let v = 0; v < H; v++)
    maskRow(mask.data, coarse, valid, cx, cy.i0[v]! * mask.width, cy.i1[v]! * mask.width, cy.f[v]!, v * W, W);
  return coarse;
}

interface Taps {
  i0: Int32Array;
  i1: Int32Array;
  f: Float32Array;
}

/** One crop row (a per-row kernel: V8 optimises it after a few rows, see shared/photo/box-filter.ts). */
function maskRow(
  md: PersonMask['data'],
  coarse: Float32Array,
  valid: Uint8Array,
  cx: Taps,
  r0: number,
  r1: number,
  fy: number,
  row: number,
  W: number,
): void {
  for (let u = 0; u < W; u++) {
    const i = row + u;
    if (!valid[i]) continue;
    const fx = cx.f[u]!;
    const a = md[r0 + cx.i0[u]!]! * (1 - fx) + md[r0 + cx.i1[u]!]! * fx;
    const b = md[r1 + cx.i0[u]!]! * (1 - fx) + md[r1 + cx.i1[u]!]! * fx;
    coarse[i] = (a * (1 - fy) + b * fy) / 255;
  }
}

import type { CropPlan } from '../../shared/photo/crop-plan';
import type { RgbImage } from '../../shared/photo/composite';
import { openImage, type SourceInfo } from './decode';

export interface CroppedPixels {
  image: RgbImage;
  /** 1 where the pixel comes from the source, 0 where the crop ran past the source (background only). */
  valid: Uint8Array;
}

/** Cut the plan's rectangle out of the source and resample it to the output size (sRGB, 8-bit RGB). */
export async function cropPixels(
  source: Buffer,
  info: SourceInfo,
  plan: CropPlan,
  output: { width: number; height: number },
  background: string,
): Promise<CroppedPixels> {
  const { width: W, height: H } = output;
  const s = plan.scale;
  const ex0 = Math.max(0, Math.floor(plan.x));
  const ey0 = Math.max(0, Math.floor(plan.y));
  const ex1 = Math.min(info.width, Math.ceil(plan.x + plan.width));
  const ey1 = Math.min(info.height, Math.ceil(plan.y + plan.height));
  const data = new Uint8Array(W * H * 3);
  const valid = new Uint8Array(W * H);
  if (ex1 <= ex0 || ey1 <= ey0) return { image: { width: W, height: H, data }, valid };
  const tw = Math.max(1, Math.round((ex1 - ex0) * s));
  const th = Math.max(1, Math.round((ey1 - ey0) * s));
  const { data: px } = await openImage(source)
    .extract({ left: ex0, top: ey0, width: ex1 - ex0, height: ey1 - ey0 })
    .resize(tw, th, { fit: 'fill', kernel: 'lanczos3' })
    .flatten({ background })
    .toColourspace('srgb')
    .removeAlpha()
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const ox = Math.round((ex0 - plan.x) * s);
  const oy = Math.round((ey0 - plan.y) * s);
  for (let ty = 0; ty < th; ty++) {
    const y = oy + ty;
    if (y < 0 || y >= H) continue;
    const xa = Math.max(0, ox);
    const xb = Math.min(W, ox + tw);
    if (xb <= xa) continue;
    const srcStart = (ty * tw + (xa - ox)) * 3;
    data.set(px.subarray(srcStart, srcStart + (xb - xa) * 3), (y * W + xa) * 3);
    valid.fill(1, y * W + xa, y * W + xb);
  }
  return { image: { width: W, height: H, data }, valid };
}

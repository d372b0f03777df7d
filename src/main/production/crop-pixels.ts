import type { CropPlan } from '../../shared/photo/crop-plan';
import type { RgbImage } from '../../shared/photo/composite';
import sharp from 'sharp';
import type { RawImage } from '../../shared/image/raw-image';
import { openImage, type SourceInfo } from './decode';

export interface CroppedPixels {
  image: RgbImage;
  /** 1 where the pixel comes from the source, 0 where the crop ran past the source (background only). */
  valid: Uint8Array;
}

/**
 * Cut the plan's rectangle out of the source and resample it to the output size (sRGB, 8-bit RGB). With `decoded`
 * (the source already decoded at a reduced size, see decodeBase) a downscaling crop is cut from those pixels and
 * the file is not decoded again; a crop that needs more detail than they have still reads the file.
 */
export async function cropPixels(
  source: Buffer,
  info: SourceInfo,
  plan: CropPlan,
  output: { width: number; height: number },
  background: string,
  decoded?: RawImage & { scale: number },
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
  // A crop that is downscaled ≥ 2× is read through an integer pre-shrink first (JPEG/WebP shrink-on-load decodes
  // a 24–48 MP capture at 1/2–1/8 size); the final resample to the exact output size stays Lanczos.
  const k = Math.min(8, 2 ** Math.floor(Math.log2(Math.max(1, 1 / s))));
  let pipeline;
  if (decoded && decoded.channels === 3 && s <= decoded.scale) {
    const kw = decoded.width;
    const kh = decoded.height;
    const l = Math.min(kw - 1, Math.floor((ex0 * kw) / info.width));
    const t = Math.min(kh - 1, Math.floor((ey0 * kh) / info.height));
    const r = Math.max(l + 1, Math.min(kw, Math.ceil((ex1 * kw) / info.width)));
    const b = Math.max(t + 1, Math.min(kh, Math.ceil((ey1 * kh) / info.height)));
    pipeline = sharp(decoded.data, { raw: { width: kw, height: kh, channels: 3 } }).extract({
      left: l,
      top: t,
      width: r - l,
      height: b - t,
    });
  } else if (k > 1) {
    const kw = Math.max(1, Math.round(info.width / k));
    const kh = Math.max(1, Math.round(info.height / k));
    const l = Math.min(kw - 1, Math.floor((ex0 * kw) / info.width));
    const t = Math.min(kh - 1, Math.floor((ey0 * kh) / info.height));
    const r = Math.max(l + 1, Math.min(kw, Math.ceil((ex1 * kw) / info.width)));
    const b = Math.max(t + 1, Math.min(kh, Math.ceil((ey1 * kh) / info.height)));
    const { data, info: ri } = await openImage(source)
      .resize(kw, kh, { fit: 'fill' })
      .extract({ left: l, top: t, width: r - l, height: b - t })
      .flatten({ background })
      .toColourspace('srgb')
      .removeAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    pipeline = sharp(data, { raw: { width: ri.width, height: ri.height, channels: 3 } });
  } else {
    pipeline = openImage(source)
      .extract({ left: ex0, top: ey0, width: ex1 - ex0, height: ey1 - ey0 })
      .flatten({ background })
      .toColourspace('srgb')
      .removeAlpha();
  }
  const { data: px } = await pipeline
    .resize(tw, th, { fit: 'fill', kernel: 'lanczos3' })
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

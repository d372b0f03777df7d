import sharp, { type Sharp } from 'sharp';
import type { RawImage } from '../../shared/image/raw-image';

// Every read of a capture goes through here, so the limits and colour handling are the same everywhere.

/** Deliberate pixel ceiling: 100 MP covers ≥ 50 MP cameras (and 61 MP bodies) while refusing decompression bombs. */
export const LIMIT_INPUT_PIXELS = 100_000_000;

export function openImage(source: Buffer): Sharp {
  // failOn 'error' refuses truncated/corrupt pixel data instead of silently painting grey rows into a photo.
  return sharp(source, { limitInputPixels: LIMIT_INPUT_PIXELS, failOn: 'error', autoOrient: true });
}

export interface SourceInfo {
  /** Dimensions after EXIF orientation. */
  width: number;
  height: number;
  format: string;
}

export async function probeImage(source: Buffer): Promise<SourceInfo> {
  const meta = await sharp(source, { limitInputPixels: LIMIT_INPUT_PIXELS, failOn: 'error' }).metadata();
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  if (!width || !height || !meta.format) throw new Error('无法读取图像尺寸');
  return { width, height, format: meta.format };
}

/**
 * An sRGB 8-bit RGB copy whose long side is at most `longSide` (JPEG/WebP shrink-on-load keeps this cheap for
 * 24 MP captures). Transparent pixels are flattened onto `background`, which is where they end up anyway.
 */
export async function decodeScaled(
  source: Buffer,
  info: SourceInfo,
  longSide: number,
  background: string,
): Promise<RawImage & { scale: number }> {
  const k = Math.min(1, longSide / Math.max(info.width, info.height));
  const w = Math.max(1, Math.round(info.width * k));
  const h = Math.max(1, Math.round(info.height * k));
  const { data, info: out } = await openImage(source)
    .resize(w, h, { fit: 'fill' })
    .flatten({ background })
    .toColourspace('srgb')
    .removeAlpha()
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  return {
    width: out.width,
    height: out.height,
    channels: 3,
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    scale: out.width / info.width,
  };
}

/**
 * The one decode of a capture that production needs: sRGB 8-bit RGB at 1/`shrink` of the source (JPEG/WebP
 * shrink-on-load, so a 24 MP file is decoded at 6 MP without ever holding the full-size pixels). The analysis
 * copy and the crop are both cut from it (scaledFrom, cropPixels), instead of decoding the file twice.
 */
export async function decodeBase(
  source: Buffer,
  info: SourceInfo,
  shrink: number,
  background: string,
): Promise<RawImage & { scale: number }> {
  return decodeScaled(source, info, Math.max(info.width, info.height) / Math.max(1, shrink), background);
}

/** A copy of decoded pixels whose long side is at most `longSide`; `scale` stays relative to the source. */
export async function scaledFrom(
  base: RawImage & { scale: number },
  longSide: number,
): Promise<RawImage & { scale: number }> {
  const k = Math.min(1, longSide / Math.max(base.width, base.height));
  // a copy even at full size: the analyzer may take the pixels it is given (transferred to its worker)
  if (k === 1) return { ...base, data: base.data.slice() };
  const w = Math.max(1, Math.round(base.width * k));
  const h = Math.max(1, Math.round(base.height * k));
  const { data, info: out } = await sharp(base.data, { raw: { width: base.width, height: base.height, channels: 3 } })
    .resize(w, h, { fit: 'fill' })
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  return {
    width: out.width,
    height: out.height,
    channels: 3,
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    scale: (base.scale * out.width) / base.width,
  };
}

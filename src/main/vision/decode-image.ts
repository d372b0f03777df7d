import sharp, { type Metadata } from 'sharp';
import type { RawImage } from '../../shared/image/raw-image';

export class ImageDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageDecodeError';
  }
}

/** JPEG/PNG/WebP bytes → RGB pixels (EXIF orientation applied). Throws ImageDecodeError with a Chinese message. */
export async function decodeImage(bytes: Uint8Array): Promise<RawImage> {
  if (bytes.length === 0) throw new ImageDecodeError('图像文件为空');
  let meta: Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch {
    throw new ImageDecodeError('无法识别的图像文件（已损坏或格式不受支持，支持 JPEG/PNG/WebP）');
  }
  if (!meta.format || !['jpeg', 'png', 'webp'].includes(meta.format))
    throw new ImageDecodeError(`不支持的图像格式：${meta.format ?? '未知'}（支持 JPEG/PNG/WebP）`);
  try {
    const { data, info } = await sharp(bytes).rotate().removeAlpha().raw().toBuffer({ resolveWithObject: true });
    return {
      width: info.width,
      height: info.height,
      channels: 3,
      data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    };
  } catch {
    throw new ImageDecodeError('图像文件已损坏，无法解码');
  }
}

import type { OutputSpec } from '../spec/profile';
import { estimateJpegQuality, jpegSegments, metadataSegments, readJfifDensity } from './jpeg-markers';

// The file-level half of 初审: what the bytes of the final JPEG must be, checked on the bytes themselves.

export interface FileFinding {
  code: 'file.format' | 'file.dimensions' | 'file.density' | 'file.metadata' | 'file.quality' | 'file.size';
  message: string;
}

export interface JpegFrameInfo {
  width: number;
  height: number;
  components: number;
  precision: number;
  progressive: boolean;
}

export function readJpegFrame(bytes: Uint8Array): JpegFrameInfo | null {
  const sof = jpegSegments(bytes).find(
    (s) => s.marker >= 0xc0 && s.marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(s.marker),
  );
  if (!sof) return null;
  const p = sof.offset + 4;
  return {
    precision: bytes[p]!,
    height: (bytes[p + 1]! << 8) | bytes[p + 2]!,
    width: (bytes[p + 3]! << 8) | bytes[p + 4]!,
    components: bytes[p + 5]!,
    progressive: sof.marker === 0xc2,
  };
}

export function checkJpegFile(bytes: Uint8Array, spec: OutputSpec): FileFinding[] {
  const out: FileFinding[] = [];
  let frame: JpegFrameInfo | null;
  try {
    frame = readJpegFrame(bytes);
  } catch {
    frame = null;
  }
  if (!frame) return [{ code: 'file.format', message: '不是有效的 JPEG 文件' }];
  if (frame.components !== 3 || frame.precision !== 8)
    out.push({
      code: 'file.format',
      message: `应为 24 位彩色 JPEG（当前 ${frame.components} 通道 × ${frame.precision} 位）`,
    });
  if (frame.width !== spec.width || frame.height !== spec.height)
    out.push({
      code: 'file.dimensions',
      message: `尺寸应为 ${spec.width}×${spec.height} 像素（当前 ${frame.width}×${frame.height}）`,
    });
  const d = readJfifDensity(bytes);
  if (!d || d.units !== 1 || d.x !== spec.dpi || d.y !== spec.dpi)
    out.push({ code: 'file.density', message: `分辨率应为 ${spec.dpi} dpi（JFIF 头）` });
  if (metadataSegments(bytes).length > 0)
    out.push({ code: 'file.metadata', message: '文件含 EXIF/XMP 等元数据，应去除' });
  const q = estimateJpegQuality(bytes);
  if (q !== null && q < spec.minJpegQuality)
    out.push({ code: 'file.quality', message: `JPEG 质量 ${q} 低于要求的 ${spec.minJpegQuality}` });
  const { min, max } = spec.bytes;
  if (bytes.length < min || (max !== null && bytes.length > max)) {
    const kb = (n: number) => `${Math.round((n / 1024) * 10) / 10} KB`;
    const range = max === null ? `不小于 ${kb(min)}` : `${kb(min)}–${kb(max)}`;
    out.push({ code: 'file.size', message: `文件大小应为 ${range}（当前 ${kb(bytes.length)}）` });
  }
  return out;
}

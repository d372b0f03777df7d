import iconv from 'iconv-lite';
import { ApiError } from '../../shared/api-error';

// Schools send rosters saved by Excel/WPS: UTF-8 with or without BOM, or GBK (GB18030). Detect which.

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

export function decodeRosterText(bytes: Buffer): { text: string; encoding: TextEncoding } {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)))
    throw new ApiError(
      'invalid_request',
      '不支持 UTF-16 编码的文件：请另存为 UTF-8 或 GBK 编码的 CSV，或直接导入 XLSX',
    );
  if (bytes.includes(0)) throw new ApiError('invalid_request', '文件不是文本格式的 CSV（含有二进制数据），请检查文件');
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: strictUtf8(bytes.subarray(3)) ?? badEncoding(), encoding: 'utf-8-bom' };
  const utf8 = strictUtf8(bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  // GBK bytes are almost never valid UTF-8, so a strict UTF-8 failure means the Windows code page
  return { text: iconv.decode(bytes, 'gb18030'), encoding: 'gb18030' };
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function badEncoding(): never {
  throw new ApiError('invalid_request', '文件标明为 UTF-8 编码，但内容不是有效的 UTF-8：请重新导出名单');
}

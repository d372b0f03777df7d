// JPEG header surgery and inspection on plain bytes: the JFIF APP0 density (the "300 dpi" CHSI asks for),
// which metadata segments a file carries, and the quality factor its quantisation table implies.

export interface JpegSegment {
  marker: number;
  offset: number;
  /** Payload length including the two length bytes. */
  length: number;
}

/** Marker segments from SOI up to (not including) the entropy-coded scan. */
export function jpegSegments(bytes: Uint8Array): JpegSegment[] {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('不是 JPEG 文件（缺少 SOI 标记）');
  const out: JpegSegment[] = [];
  let p = 2;
  while (p + 4 <= bytes.length) {
    if (bytes[p] !== 0xff) throw new Error(`JPEG 结构错误：偏移 ${p} 处不是标记`);
    const marker = bytes[p + 1]!;
    if (marker === 0xff) {
      p++;
      continue;
    }
    const length = (bytes[p + 2]! << 8) | bytes[p + 3]!;
    out.push({ marker, offset: p, length });
    if (marker === 0xda) break;
    p += 2 + length;
  }
  return out;
}

export interface JfifDensity {
  /** 0 = aspect ratio only, 1 = dots per inch, 2 = dots per cm. */
  units: number;
  x: number;
  y: number;
}

const JFIF_ID = [0x4a, 0x46, 0x49, 0x46, 0x00];

function isJfif(bytes: Uint8Array, seg: JpegSegment): boolean {
  return seg.marker === 0xe0 && JFIF_ID.every((b, i) => bytes[seg.offset + 4 + i] === b);
}

export function readJfifDensity(bytes: Uint8Array): JfifDensity | null {
  const seg = jpegSegments(bytes).find((s) => isJfif(bytes, s));
  if (!seg) return null;
  const d = seg.offset + 4 + 7;
  return { units: bytes[d]!, x: (bytes[d + 1]! << 8) | bytes[d + 2]!, y: (bytes[d + 3]! << 8) | bytes[d + 4]! };
}

/** Set the JFIF density to `dpi` dots per inch, inserting a JFIF 1.01 APP0 after SOI when there is none. */
export function withJfifDensity(bytes: Uint8Array, dpi: number): Uint8Array {
  if (!Number.isInteger(dpi) || dpi < 1 || dpi > 65535) throw new Error(`无效的分辨率：${dpi}`);
  const seg = jpegSegments(bytes).find((s) => isJfif(bytes, s));
  if (seg) {
    const out = bytes.slice();
    const d = seg.offset + 4 + 7;
    out[d] = 1;
    out[d + 1] = dpi >> 8;
    out[d + 2] = dpi & 255;
    out[d + 3] = dpi >> 8;
    out[d + 4] = dpi & 255;
    return out;
  }
  const app0 = [0xff, 0xe0, 0x00, 0x10, ...JFIF_ID, 1, 1, 1, dpi >> 8, dpi & 255, dpi >> 8, dpi & 255, 0, 0];
  const out = new Uint8Array(bytes.length + app0.length);
  out.set(bytes.subarray(0, 2), 0);
  out.set(app0, 2);
  out.set(bytes.subarray(2), 2 + app0.length);
  return out;
}

/** APPn segments other than JFIF (EXIF, XMP, ICC, maker notes…) and COM comments. */
export function metadataSegments(bytes: Uint8Array): JpegSegment[] {
  return jpegSegments(bytes).filter(
    (s) => ((s.marker >= 0xe0 && s.marker <= 0xef) || s.marker === 0xfe) && !isJfif(bytes, s),
  );
}

/** Annex K luminance table in zig-zag order, the base of the IJG quality scaling. */
const ANNEX_K_LUMA_ZIGZAG = [
  16, 11, 12, 14, 12, 10, 16, 14, 13, 14, 18, 17, 16, 19, 24, 40, 26, 24, 22, 22, 24, 49, 35, 37, 29, 40, 58, 51, 61,
  60, 57, 51, 56, 55, 64, 72, 92, 78, 64, 68, 87, 69, 55, 56, 80, 109, 81, 87, 95, 98, 103, 104, 103, 62, 77, 113, 121,
  112, 100, 120, 92, 101, 103, 99,
];

/**
 * The IJG quality factor (1..100) that reproduces the file's first 8-bit luminance table from the Annex K table,
 * or null when the table was not made that way.
 */
export function estimateJpegQuality(bytes: Uint8Array): number | null {
  const seg = jpegSegments(bytes).find((s) => s.marker === 0xdb);
  if (!seg) return null;
  const p = seg.offset + 4;
  const pq = bytes[p]! >> 4;
  const tq = bytes[p]! & 15;
  if (pq !== 0 || tq !== 0) return null;
  const table = Array.from(bytes.subarray(p + 1, p + 65));
  for (let q = 100; q >= 1; q--) {
    const scale = q < 50 ? Math.floor(5000 / q) : 200 - q * 2;
    const ok = ANNEX_K_LUMA_ZIGZAG.every((base, i) => {
      const v = Math.min(255, Math.max(1, Math.floor((base * scale + 50) / 100)));
      return v === table[i];
    });
    if (ok) return q;
  }
  return null;
}

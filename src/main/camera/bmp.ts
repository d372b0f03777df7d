/**
 * An uncompressed Windows BMP (what CommandCam writes): 24- or 32-bit BI_RGB, bottom-up or top-down → RGB pixels.
 * Anything else is refused with null (the caller reports an unreadable capture).
 */
export function decodeBmp(buf: Buffer): { width: number; height: number; rgb: Buffer } | null {
  if (buf.length < 54 || buf[0] !== 0x42 || buf[1] !== 0x4d) return null;
  const offset = buf.readUInt32LE(10);
  const width = buf.readInt32LE(18);
  const rawHeight = buf.readInt32LE(22);
  const bpp = buf.readUInt16LE(28);
  const compression = buf.readUInt32LE(30);
  if (width <= 0 || rawHeight === 0 || (bpp !== 24 && bpp !== 32) || (compression !== 0 && compression !== 3))
    return null;
  const height = Math.abs(rawHeight);
  const bytes = bpp / 8;
  const stride = Math.ceil((width * bytes) / 4) * 4;
  if (offset + stride * height > buf.length) return null;
  const rgb = Buffer.allocUnsafe(width * height * 3);
  for (let y = 0; y < height; y++) {
    const row = offset + (rawHeight > 0 ? height - 1 - y : y) * stride;
    for (let x = 0; x < width; x++) {
      const s = row + x * bytes;
      const d = (y * width + x) * 3;
      rgb[d] = buf[s + 2]!;
      rgb[d + 1] = buf[s + 1]!;
      rgb[d + 2] = buf[s]!;
    }
  }
  return { width, height, rgb };
}

/** RGB pixels → a 24-bit bottom-up BMP, as CommandCam writes (stand-in executables in tests and the bench). */
export function encodeBmp24(width: number, height: number, rgb: Buffer): Buffer {
  const stride = Math.ceil((width * 3) / 4) * 4;
  const out = Buffer.alloc(54 + stride * height);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  for (let y = 0; y < height; y++) {
    const src = y * width * 3;
    const dst = 54 + (height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      out[dst + x * 3] = rgb[src + x * 3 + 2]!;
      out[dst + x * 3 + 1] = rgb[src + x * 3 + 1]!;
      out[dst + x * 3 + 2] = rgb[src + x * 3]!;
    }
  }
  return out;
}

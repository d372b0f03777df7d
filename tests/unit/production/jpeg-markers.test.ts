import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  estimateJpegQuality,
  metadataSegments,
  readJfifDensity,
  withJfifDensity,
} from '../../../src/shared/photo/jpeg-markers';

const raw = Buffer.alloc(64 * 48 * 3, 120);
const plain = () => sharp(raw, { raw: { width: 64, height: 48, channels: 3 } });

describe('JFIF density', () => {
  it('inserts a JFIF APP0 with units=1 and 300×300 dpi right after SOI', async () => {
    const jpeg = await plain().jpeg({ quality: 80 }).toBuffer();
    const out = withJfifDensity(jpeg, 300);
    // FF D8 FF E0 00 10 'JFIF' 00 01 01 | units | Xdensity | Ydensity
    expect([...out.subarray(0, 11)]).toEqual([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
    expect(out[13]).toBe(1);
    expect((out[14]! << 8) | out[15]!).toBe(300);
    expect((out[16]! << 8) | out[17]!).toBe(300);
    expect(readJfifDensity(out)).toEqual({ units: 1, x: 300, y: 300 });
    expect((await sharp(out).metadata()).density).toBe(300);
  });

  it('rewrites an existing JFIF density in place', async () => {
    const jpeg = withJfifDensity(await plain().jpeg().toBuffer(), 72);
    const out = withJfifDensity(jpeg, 300);
    expect(out.length).toBe(jpeg.length);
    expect(readJfifDensity(out)).toEqual({ units: 1, x: 300, y: 300 });
  });
});

describe('metadata and quality', () => {
  it('finds EXIF when a file carries it and none in a stripped file', async () => {
    const withExif = await plain().withMetadata({ orientation: 1 }).jpeg().toBuffer();
    expect(metadataSegments(withExif).map((s) => s.marker)).toContain(0xe1);
    expect(metadataSegments(withJfifDensity(await plain().jpeg().toBuffer(), 300))).toEqual([]);
  });

  it('reads back the IJG quality factor from the luminance table', async () => {
    for (const q of [60, 75, 88, 95]) {
      const jpeg = await plain().jpeg({ quality: q, quantisationTable: 0, mozjpeg: false }).toBuffer();
      expect(estimateJpegQuality(jpeg)).toBe(q);
    }
  });
});

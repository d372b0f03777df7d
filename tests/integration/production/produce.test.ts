import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { producePhoto, type ProducedPhoto } from '../../../src/main/production';
import { cropPixels } from '../../../src/main/production/crop-pixels';
import { probeImage } from '../../../src/main/production/decode';
import { estimateJpegQuality, metadataSegments, readJfifDensity } from '../../../src/shared/photo/jpeg-markers';
import { chsiProfile } from '../../../src/shared/spec';
import type { Analysis } from '../../../src/shared/vision/analysis';
import { decode, deltaEBetween, deltaEToColor, inProcessAnalyzer, mean, personAt, quantile } from './photo-metrics';

// The promise: whatever the backdrop (grey studio, street, room, brown) and format (JPEG/WebP/PNG), the final file is
// a 480×640 300-dpi JPEG of 30–40 KB with no metadata, the background is exactly the CHSI blue with no halo, and the
// person's pixels are the source's. Labels (tests/fixtures-style, from looking at the photos):
const PORTRAITS = '../shared/portraits';
const LABELS: Record<string, { backdrop: string; expect: 'pass' | 'fail'; why?: string }> = {
  'portrait-01.jpg': { backdrop: 'grey studio', expect: 'fail', why: 'mouth.closed' /* smiling, teeth show */ },
  'portrait-02.webp': { backdrop: 'street', expect: 'fail', why: 'framing' /* hair hides the shoulders */ },
  'portrait-03.png': { backdrop: 'room', expect: 'pass' },
  'portrait-04.jpg': { backdrop: 'plain light', expect: 'pass' },
  'portrait-05.jpg': { backdrop: 'brown', expect: 'fail', why: 'framing.headroom' /* high bun (丸子头) */ },
};

let vision: Awaited<ReturnType<typeof inProcessAnalyzer>>;
const produced = new Map<string, ProducedPhoto>();

beforeAll(async () => {
  vision = await inProcessAnalyzer();
  for (const file of Object.keys(LABELS))
    produced.set(file, await producePhoto(readFileSync(path.join(PORTRAITS, file)), 'chsi', vision.analyzer));
});
afterAll(() => vision?.close());

describe.each(Object.keys(LABELS))('%s', (file) => {
  const label = LABELS[file]!;
  const get = () => produced.get(file)!;

  it('is a 480×640 baseline 24-bit JPEG, 300 dpi in JFIF, quality ≥ 60, 30–40 KB, without metadata', async () => {
    const { jpeg } = get();
    const meta = await sharp(jpeg).metadata();
    expect([meta.format, meta.width, meta.height, meta.channels, meta.space]).toEqual(['jpeg', 480, 640, 3, 'srgb']);
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(metadataSegments(jpeg)).toEqual([]);
    expect(readJfifDensity(jpeg)).toEqual({ units: 1, x: 300, y: 300 });
    expect(estimateJpegQuality(jpeg)).toBeGreaterThanOrEqual(60);
    expect(jpeg.length).toBeGreaterThanOrEqual(30 * 1024);
    expect(jpeg.length).toBeLessThanOrEqual(40 * 1024);
  });

  it(`matches its label (${label.expect}${label.why ? `: ${label.why}` : ''})`, () => {
    const p = get();
    expect(p.passed).toBe(label.expect === 'pass');
    if (label.why) expect(p.reasons.some((r) => r.code.startsWith(label.why!))).toBe(true);
    // a photo that says passed meets every numeric rule
    if (p.passed) {
      const m = p.geometry.measured!;
      const g = chsiProfile.geometry;
      expect(m.headTop).toBeGreaterThanOrEqual(g.headTop.min);
      expect(m.headTop).toBeLessThanOrEqual(g.headTop.max);
      expect(m.eyeLine).toBeGreaterThanOrEqual(g.eyeLine.min);
      expect(m.eyeLine).toBeLessThanOrEqual(g.eyeLine.max);
      expect(m.faceWidth).toBeGreaterThanOrEqual(g.faceWidth.min);
      expect(m.faceWidth).toBeLessThanOrEqual(g.faceWidth.max);
      expect(Math.abs(m.centerOffset)).toBeLessThanOrEqual(g.maxCenterOffset);
    }
  });

  it('keeps eye line and face width in range, re-measured on the output (head top too unless proportions forbid)', () => {
    const { geometry } = get();
    const m = geometry.measured!;
    const g = chsiProfile.geometry;
    expect(m.eyeLine).toBeGreaterThanOrEqual(g.eyeLine.min);
    expect(m.eyeLine).toBeLessThanOrEqual(g.eyeLine.max);
    expect(m.faceWidth).toBeGreaterThanOrEqual(g.faceWidth.min - 4);
    expect(m.faceWidth).toBeLessThanOrEqual(g.faceWidth.max);
    expect(Math.abs(m.centerOffset)).toBeLessThanOrEqual(g.maxCenterOffset);
    if (!geometry.compromised) {
      expect(m.headTop).toBeGreaterThanOrEqual(g.headTop.min);
      expect(m.headTop).toBeLessThanOrEqual(g.headTop.max);
    }
  });

  describe('pixels', () => {
    let img: Awaited<ReturnType<typeof decode>>;
    let analysis: Analysis;
    beforeAll(async () => {
      img = await decode(get().jpeg);
      analysis = await vision.analyzer.analyze(img);
    });

    it('has background within ΔE2000 ≤ 2 of #28BEFA outside the (grown) person mask', () => {
      const outside = personAt(analysis.mask!, 480, 640, 8).map((v) => 1 - v);
      const de = deltaEToColor(img, outside, '#28BEFA');
      expect(de.length).toBeGreaterThan(480 * 640 * 0.2);
      expect(quantile(de, 0.99)).toBeLessThanOrEqual(2);
    });

    it('shows no halo of the old backdrop just outside the person’s edge', () => {
      const near = personAt(analysis.mask!, 480, 640, 2);
      const band = personAt(analysis.mask!, 480, 640, 6).map((v, i) => v & (1 - near[i]!));
      const de = deltaEToColor(img, band, '#28BEFA');
      console.info(`${file}: halo band mean ΔE2000 ${mean(de).toFixed(2)} over ${de.length} px`);
      expect(mean(de)).toBeLessThanOrEqual(HALO_MAX);
    });

    it('keeps the person’s inner pixels as in the resized source (no smoothing, no retouching)', async () => {
      const source = readFileSync(path.join(PORTRAITS, file));
      const info = await probeImage(source);
      const c = get().geometry.crop;
      const ref = await cropPixels(
        source,
        info,
        {
          ...c,
          predicted: get().geometry.predicted,
          extendsPast: { top: false, left: false, right: false },
          compromised: false,
          shouldersChecked: true,
        },
        { width: 480, height: 640 },
        '#28BEFA',
      );
      const inner = personAt(analysis.mask!, 480, 640, -8).map((v, i) => v & ref.valid[i]!);
      const de = deltaEBetween(img, { ...ref.image, channels: 3 }, inner);
      expect(de.length).toBeGreaterThan(480 * 640 * 0.15);
      // JPEG re-encoding alone leaves about 1 ΔE; a smoothing filter would move edges and texture far more
      expect(mean(de)).toBeLessThanOrEqual(2);
    });
  });
});

/**
 * Mean ΔE2000 to the blue in a 2–6 px band outside the re-analysed person edge (see docs/BENCHMARKS.md). Measured
 * 1.9–3.9 with the colour matte (the worst, portrait-02, is real flyaway hair beyond the coarse re-analysed edge).
 */
const HALO_MAX = 4.5;

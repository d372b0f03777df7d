import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { producePhoto, type ProducedPhoto } from '../../../src/main/production';
import { cropPixels } from '../../../src/main/production/crop-pixels';
import { decodeBase, probeImage } from '../../../src/main/production/decode';
import type { CropPlan } from '../../../src/shared/photo/crop-plan';
import { decode, inProcessAnalyzer } from './photo-metrics';

// A camera-sized capture (long side ≥ 2× the analysis copy) is decoded once at a reduced size and both the analysis
// copy and the crop are cut from those pixels. The photo must be what the same portrait gives at its own size.

const P = (f: string) => path.resolve('../shared/portraits', f);
let vision: Awaited<ReturnType<typeof inProcessAnalyzer>>;
let big: Buffer;
let small: ProducedPhoto;
let fromBig: ProducedPhoto;

beforeAll(async () => {
  vision = await inProcessAnalyzer();
  const source = await sharp(P('portrait-04.jpg')).jpeg({ quality: 95 }).toBuffer();
  // 2864×4000: decoded once at 1/2 (1432×2000)
  big = await sharp(source).resize(2864, 4000, { kernel: 'lanczos3' }).jpeg({ quality: 92 }).toBuffer();
  small = await producePhoto(source, 'chsi', vision.analyzer);
  fromBig = await producePhoto(big, 'chsi', vision.analyzer);
}, 180_000);
afterAll(() => vision?.close());

describe('a camera-sized capture', () => {
  it('gives the same verdict and framing as the portrait at its own size', () => {
    expect(fromBig.passed).toBe(small.passed);
    const a = fromBig.geometry.measured!;
    const b = small.geometry.measured!;
    expect(Math.abs(a.eyeLine - b.eyeLine)).toBeLessThan(8);
    expect(Math.abs(a.faceWidth - b.faceWidth)).toBeLessThan(10);
    expect(Math.abs(a.headTop - b.headTop)).toBeLessThan(10);
  });

  it('cuts the crop from the decoded pixels as the file would give it', async () => {
    const info = await probeImage(big);
    const base = await decodeBase(big, info, 2, '#28befa');
    const g = fromBig.geometry.crop;
    const plan: CropPlan = {
      ...g,
      predicted: fromBig.geometry.predicted,
      extendsPast: { top: false, left: false, right: false },
      compromised: false,
      shouldersChecked: true,
    };
    const out = { width: 480, height: 640 };
    const fromPixels = await cropPixels(big, info, plan, out, '#28befa', base);
    const fromFile = await cropPixels(big, info, plan, out, '#28befa');
    let diff = 0;
    for (let i = 0; i < fromFile.image.data.length; i++)
      diff += Math.abs(fromFile.image.data[i]! - fromPixels.image.data[i]!);
    expect(diff / fromFile.image.data.length).toBeLessThan(3); // mean per channel, 0–255
    expect(Buffer.from(fromPixels.valid).equals(Buffer.from(fromFile.valid))).toBe(true);
    const final = await decode(fromBig.jpeg);
    expect([final.width, final.height]).toEqual([480, 640]);
  });
});

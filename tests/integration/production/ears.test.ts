import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { producePhoto, type ProducedPhoto } from '../../../src/main/production';
import { cropPixels } from '../../../src/main/production/crop-pixels';
import { probeImage } from '../../../src/main/production/decode';
import { deltaE2000, rgbToLab, type Lab } from '../../../src/shared/color/lab';
import { boxMean } from '../../../src/shared/photo/box-filter';
import type { RawImage } from '../../../src/shared/image/raw-image';
import type { Analysis, Point } from '../../../src/shared/vision/analysis';
import { decode, deltaEBetween, deltaEToColor, inProcessAnalyzer, mean, personAt, quantile } from './photo-metrics';

// portrait-01: light skin against a light-grey studio backdrop. The selfie mask misses most of the subject's left ear
// (image right) there and the colour matte took its light skin for backdrop: the ear came out see-through blue. The
// spec wants both ears visible and the person's pixels untouched. The subject's head is turned a little to image
// left, so the other ear is hidden behind the cheek in the source: only source pixels that are not backdrop count.

const SOURCE = path.join('../shared/portraits', 'portrait-01.jpg');
/** ΔE2000 from the source's backdrop colour above which a source pixel is taken as person (ear), not backdrop. */
const NOT_BACKDROP = 10;
/** Px of the source's soft outline left out of the comparison. */
const RIM = 2;

let vision: Awaited<ReturnType<typeof inProcessAnalyzer>>;
let produced: ProducedPhoto;
let final: RawImage;
let source: RawImage;
let analysis: Analysis;

beforeAll(async () => {
  vision = await inProcessAnalyzer();
  const bytes = readFileSync(SOURCE);
  produced = await producePhoto(bytes, 'chsi', vision.analyzer);
  final = await decode(produced.jpeg);
  // Independent of production's own mask: ear positions come from a fresh analysis of the final photo.
  analysis = await vision.analyzer.analyze(final);
  const c = produced.geometry.crop;
  const ref = await cropPixels(
    bytes,
    await probeImage(bytes),
    {
      ...c,
      predicted: produced.geometry.predicted,
      extendsPast: { top: false, left: false, right: false },
      compromised: false,
      shouldersChecked: true,
    },
    { width: 480, height: 640 },
    '#28BEFA',
  );
  source = { ...ref.image, channels: 3 };
}, 120_000);
afterAll(() => vision?.close());

/** Pixels of a box beside a tragion, outward from the face: u, v in face widths (u away from the face, v down). */
function earBox(side: 0 | 1, u0: number, u1: number, v0: number, v1: number): Uint8Array {
  const p = analysis.landmarks!.points;
  const [c0, c1] = [p[234]!, p[454]!];
  const fw = Math.hypot(c1.x - c0.x, c1.y - c0.y);
  const ax = (c1.x - c0.x) / fw;
  const ay = (c1.y - c0.y) / fw;
  const s = side === 0 ? -1 : 1;
  // BlazeFace keypoints 4 / 5: the subject's right / left ear tragion (image left / right)
  const t: Point = analysis.faces[0]!.keypoints[4 + side]!;
  const out = new Uint8Array(480 * 640);
  for (let y = 0; y < 640; y++)
    for (let x = 0; x < 480; x++) {
      const u = ((x - t.x) * ax + (y - t.y) * ay) * s;
      const v = -(x - t.x) * ay + (y - t.y) * ax;
      if (u >= u0 * fw && u <= u1 * fw && v >= v0 * fw && v <= v1 * fw) out[y * 480 + x] = 1;
    }
  return out;
}

/** 1 where every pixel within r (square) is 1. */
function shrinkBy(mask: Uint8Array, r: number): Uint8Array {
  const box = boxMean(Float32Array.from(mask), 480, 640, r);
  return Uint8Array.from(box, (v) => (v >= 0.9999 ? 1 : 0));
}

function labAt(img: RawImage, i: number): Lab {
  return rgbToLab(img.data[i * 3]!, img.data[i * 3 + 1]!, img.data[i * 3 + 2]!);
}

/** The source's backdrop colour: mean of a patch at the crop's left edge that the re-analysis calls backdrop. */
function sourceBackdrop(): Lab {
  const nearPerson = personAt(analysis.mask!, 480, 640, 8);
  let n = 0;
  const acc = [0, 0, 0];
  for (let y = 100; y < 140; y++)
    for (let x = 4; x < 24; x++) {
      const i = y * 480 + x;
      if (nearPerson[i]) continue;
      for (let c = 0; c < 3; c++) acc[c]! += source.data[i * 3 + c]!;
      n++;
    }
  expect(n).toBeGreaterThan(400);
  return rgbToLab(acc[0]! / n, acc[1]! / n, acc[2]! / n);
}

describe('portrait-01 ears (light skin on a light-grey backdrop)', () => {
  // The hidden side's box holds the sideburn's wisps on the grey, which the matte rightly blends (measured mean 3.2,
  // p90 6.5–7.3 before and after the face guard): it checks that protecting the ears does not damage that side.
  // The visible ear measured mean 27.5, p90 42.7 to the source and 19.9 to the blue (p10 2.1) before the guard.
  it.each([
    ['image left (subject’s right, mostly hidden)', 0 as const, 0, { mean: 4, p90: 10 }],
    ['image right (subject’s left, against the backdrop)', 1 as const, 300, { mean: 3, p90: 6 }],
  ])('keeps the %s ear as in the source, not blue', (name, side, minPixels, bound) => {
    expect(analysis.landmarks).not.toBeNull();
    expect(analysis.faces.length).toBe(1);
    const backdrop = sourceBackdrop();
    // Outer ear between the tragion and the rim, from above the tragion to the lobe.
    const box = earBox(side, 0, 0.1, -0.08, 0.2);
    const person = box.map((v, i) => (deltaE2000(labAt(source, i), backdrop) > NOT_BACKDROP ? 1 : 0));
    // Pixels of the source's own soft outline (part skin, part grey) are rightly blended with the blue: skip 2 px.
    const inside = shrinkBy(person, RIM);
    const ear = box.map((v, i) => v & inside[i]!);
    const count = ear.reduce((s, v) => s + v, 0);
    const toSource = deltaEBetween(final, source, ear);
    const toBlue = deltaEToColor(final, ear, '#28BEFA');
    console.info(
      `portrait-01 ${name} ear: ${count} source ear px; ΔE2000 to the resized source mean ${mean(toSource).toFixed(2)} ` +
        `p90 ${count ? quantile(toSource, 0.9).toFixed(2) : '-'}; to #28BEFA mean ${mean(toBlue).toFixed(1)} ` +
        `p10 ${count ? quantile(toBlue, 0.1).toFixed(1) : '-'}`,
    );
    expect(count).toBeGreaterThanOrEqual(minPixels);
    if (count === 0) return;
    // JPEG re-encoding alone leaves about 1 ΔE (see the inner-pixel test in produce.test.ts)
    expect(mean(toSource)).toBeLessThanOrEqual(bound.mean);
    expect(quantile(toSource, 0.9)).toBeLessThanOrEqual(bound.p90);
    // light skin is ~40 ΔE2000 from the blue; a see-through ear is a blend within ~15–25
    expect(mean(toBlue)).toBeGreaterThanOrEqual(30);
    expect(quantile(toBlue, 0.1)).toBeGreaterThanOrEqual(20);
  });
});

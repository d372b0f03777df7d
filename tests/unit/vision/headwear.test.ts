import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../src/shared/checks/run-checks';
import { createRawImage, type RawImage } from '../../../src/shared/image/raw-image';
import { chsiProfile } from '../../../src/shared/spec/profile';
import type { Analysis } from '../../../src/shared/vision/analysis';
import { synthAnalysis } from './synthetic';

// synthAnalysis: face 240 px wide centred at x 240, eyes at y 250, mesh forehead top at y 140 (head top 62).
const skin: [number, number, number] = [200, 170, 150];
function face(): Analysis {
  const a = synthAnalysis();
  const p = a.landmarks!.points;
  // Brows 25 px above the eyes.
  for (const [i, x] of [
    [66, 185],
    [105, 175],
    [296, 295],
    [334, 305],
  ] as const)
    p[i] = { x, y: 225, z: 0 };
  return a;
}
function paint(img: RawImage, x0: number, x1: number, yTop: number, yBottom: (x: number) => number, rgb: number[]) {
  for (let x = x0; x < x1; x++) for (let y = yTop; y < yBottom(x); y++) img.data.set(rgb, (y * img.width + x) * 3);
  return img;
}
const headwear = (img: RawImage, headCoveringException = false) =>
  runChecks(face(), img, chsiProfile, ['headwear'], { headCoveringException })[0]!;

describe('headwear (免冠)', () => {
  it('a bare head passes', () => {
    expect(headwear(createRawImage(480, 640, 3, skin)).status).toBe('pass');
  });
  it('a coloured hat fails; with a registered religious/medical covering it only warns', () => {
    const hat = () => paint(createRawImage(480, 640, 3, skin), 100, 380, 40, () => 141, [30, 140, 40]);
    expect(headwear(hat())).toMatchObject({ status: 'fail', message: expect.stringContaining('免冠') });
    expect(headwear(hat(), true)).toMatchObject({ status: 'warn', message: expect.stringContaining('宗教/医疗') });
  });
  it('a dark brim straight across the forehead just above the brows fails, even with the exception', () => {
    const cap = () => paint(createRawImage(480, 640, 3, skin), 60, 420, 40, () => 216, [45, 45, 50]);
    expect(headwear(cap()).status).toBe('fail');
    expect(headwear(cap(), true).status).toBe('fail');
    expect(headwear(cap()).message).toMatch(/帽檐/);
  });
  it('a ragged fringe as low does not read as a brim; a dark hairline high on the forehead neither', () => {
    const ragged = paint(createRawImage(480, 640, 3, skin), 60, 420, 40, (x) => 200 + ((x * 7) % 30), [40, 35, 30]);
    expect(headwear(ragged).status).not.toBe('fail');
    const hairline = paint(createRawImage(480, 640, 3, skin), 60, 420, 40, () => 150, [40, 35, 30]);
    expect(headwear(hairline).status).toBe('pass');
  });
  it('with the face parsing (初审) the hand cues fail only when the model sees some hat too, else they warn', () => {
    const parsed = (hat: number) => ({
      ...face(),
      parsing: { model: 'test', hat, hair: 0.3, earringArea: 0, necklaceArea: 0, earringMax: 0, necklaceMax: 0 },
    });
    const cap = () => paint(createRawImage(480, 640, 3, skin), 60, 420, 40, () => 216, [45, 45, 50]);
    const hat = () => paint(createRawImage(480, 640, 3, skin), 100, 380, 40, () => 141, [30, 140, 40]);
    const run = (a: Analysis, img: RawImage) => runChecks(a, img, chsiProfile, ['headwear'])[0]!;
    expect(run(parsed(0.01), cap()).status).toBe('warn');
    expect(run(parsed(0.01), hat()).status).toBe('warn');
    expect(run(parsed(0.14), cap())).toMatchObject({ status: 'fail', message: expect.stringMatching(/帽檐/) });
    expect(run(parsed(0.06), hat()).status).toBe('fail');
    // A black band the colour cues cannot see: the hat share alone fails it.
    expect(run(parsed(0.15), createRawImage(480, 640, 3, skin)).status).toBe('fail');
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createVision } from '../../../src/main/vision';
import { decodeImage } from '../../../src/main/vision/decode-image';
import { createLivePipeline, SMOOTHING_FRAMES } from '../../../src/main/vision/live-pipeline';
import { runChecks } from '../../../src/shared/checks/run-checks';
import { measured } from './live-measured';
import { eyeOpenness } from '../../../src/shared/checks/face-checks';
import { chsiProfile } from '../../../src/shared/spec/profile';
import type { RawImage } from '../../../src/shared/image/raw-image';

// Live frames run Iris on every other analysed frame at least and carry its eye contours to the next one when the
// mesh shows the eyes unchanged (carryEyes). Real photos: eyes.open must still fail a closed eye in the live view.
const dev = (f: string) => path.resolve(__dirname, '../../../../shared/dev-photos', f);
const vision = createVision();
afterAll(() => vision.close());

const eyesOpen = (r: { checks?: { id: string; status: string }[] }) =>
  r.checks!.find((c) => c.id === 'eyes.open')!.status;
const load = async (f: string): Promise<RawImage> => decodeImage(readFileSync(dev(f)));

describe('live eyes: Iris every other frame', () => {
  it('on a still sitter Iris runs on every other frame, the carried contours equal a fresh run', async () => {
    const img = await load('pass-like-01.jpg');
    const live = createLivePipeline(vision, () => chsiProfile);
    const ran: boolean[] = [];
    let fresh: number[] | null = null;
    for (let k = 0; k < 8; k++) {
      const r = await measured(live, img);
      expect(r.dropped).toBe(false);
      const a = r.analysis!;
      expect(a.eyes).toHaveLength(2);
      const open = a.eyes!.map(eyeOpenness);
      ran.push(a.timings.eyes !== undefined);
      if (a.timings.eyes !== undefined) fresh = open;
      // The same pixels every frame: the carried eyes are the fresh ones (same mesh, identity move).
      else for (const [i, v] of open.entries()) expect(v).toBeCloseTo(fresh![i]!, 6);
      expect(eyesOpen(r)).toBe('pass');
    }
    // Never two frames in a row without Iris, and it was skipped on some.
    for (let k = 1; k < ran.length; k++) expect(ran[k - 1] || ran[k]).toBe(true);
    expect(ran.filter((x) => !x).length).toBeGreaterThanOrEqual(3);
  });

  for (const f of ['closed-eyes-01.jpg', 'closed-eyes-04.jpg', 'wink-01.jpg']) {
    it(`${f}: eyes.open fails on every live frame, carried ones too, and after an open-eyed sitter`, async () => {
      const img = await load(f);
      // The still photo's check first (what 初审 says): the live view must agree on every frame.
      const still = await vision.inspect(img);
      expect(runChecks(still.analysis, still.image, chsiProfile).find((c) => c.id === 'eyes.open')!.status).toBe(
        'fail',
      );
      const live = createLivePipeline(vision, () => chsiProfile);
      let carried = 0;
      for (let k = 0; k < 6; k++) {
        const r = await measured(live, img);
        if (r.analysis!.timings.eyes === undefined) carried++;
        expect(eyesOpen(r)).toBe('fail');
      }
      expect(carried).toBeGreaterThan(0);
      // An open-eyed sitter settled, then the closed eyes: shown as failing after the smoothing's frames.
      const open = await load('pass-like-01.jpg');
      live.reset();
      for (let k = 0; k < 5; k++) expect(eyesOpen(await measured(live, open))).toBe('pass');
      const shown: string[] = [];
      for (let k = 0; k < SMOOTHING_FRAMES + 3; k++) shown.push(eyesOpen(await measured(live, img)));
      expect(shown.slice(SMOOTHING_FRAMES - 1)).toEqual(Array(shown.length - SMOOTHING_FRAMES + 1).fill('fail'));
    });
  }
});

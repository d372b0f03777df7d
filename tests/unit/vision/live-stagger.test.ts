import { describe, expect, it } from 'vitest';
import { mergeDetached, stagesForFrame, STAGE_PERIOD } from '../../../src/main/vision/live-pipeline';
import type { Stage } from '../../../src/main/vision/analyzer';
import { synthAnalysis } from './synthetic';

// Drive stagesForFrame as the live pipeline does (every due stage runs) and record the slow stages per frame.
function schedule(frames: number): Stage[][] {
  const lastRan: Partial<Record<Stage, number>> = {};
  const out: Stage[][] = [];
  for (let n = 0; n < frames; n++) {
    const due = stagesForFrame(n, lastRan);
    for (const s of due) lastRan[s] = n;
    out.push(due.filter((s) => s === 'body' || s === 'mask' || s === 'crowd'));
  }
  return out;
}

describe('slow stages on the second worker', () => {
  it('never schedules two slow stages on the same frame after the first', () => {
    const slow = schedule(120);
    expect(slow[0]).toEqual(['crowd', 'body', 'mask']);
    for (const stages of slow.slice(1)) expect(stages.length).toBeLessThanOrEqual(1);
  });

  it('keeps all fresh: body and mask at least every period + 1 frames, the tiled search every period + 2', () => {
    const slow = schedule(240);
    for (const s of ['body', 'mask', 'crowd'] as const) {
      const at = slow.flatMap((stages, n) => (stages.includes(s) ? [n] : []));
      const gaps = at.slice(1).map((n, i) => n - at[i]!);
      expect(Math.max(...gaps), s).toBeLessThanOrEqual(STAGE_PERIOD[s] + (s === 'crowd' ? 2 : 1));
    }
  });

  it('a detached result replaces body/mask only when newer, with its frame number and time', () => {
    const base = { ...synthAnalysis(), frameOf: { faces: 7, landmarks: 7, body: 4, mask: 6 }, timings: { faces: 2 } };
    const slowBody = [{ name: 'nose' as const, x: 1, y: 2, score: 0.9 }];
    const fresh = { ...synthAnalysis(), body: slowBody, mask: null, frameOf: { body: 5 }, timings: { body: 11 } };
    const m = mergeDetached(base, fresh);
    expect(m.body).toBe(slowBody);
    expect(m.mask).toBe(base.mask);
    expect(m.frameOf).toEqual({ faces: 7, landmarks: 7, body: 5, mask: 6 });
    expect(m.timings).toEqual({ faces: 2, body: 11 });
    expect(base.frameOf.body).toBe(4); // the input analysis is not changed

    const older = mergeDetached(m, { ...fresh, body: [], frameOf: { body: 3 } });
    expect(older.body).toBe(slowBody);
    const otherSize = mergeDetached(m, { ...fresh, width: fresh.width + 1, frameOf: { body: 9 } });
    expect(otherSize.frameOf!.body).toBe(5);
  });
});

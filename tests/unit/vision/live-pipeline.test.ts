import { describe, expect, it } from 'vitest';
import { mergeAnalysis, stagesForFrame, STAGE_PERIOD } from '../../../src/main/vision/live-pipeline';
import { synthAnalysis } from './synthetic';

describe('live stagger', () => {
  it('runs every stage on the first frame, then the slow ones by period', () => {
    expect(stagesForFrame(0, {})).toEqual(['faces', 'landmarks', 'body', 'mask']);
    const last = { faces: 0, landmarks: 0, body: 0, mask: 0 };
    expect(stagesForFrame(1, last)).toEqual(['faces', 'landmarks']);
    expect(stagesForFrame(STAGE_PERIOD.body, last)).toContain('body');
  });
  it('counts from the last frame a stage really ran (dropped frames do not reset it)', () => {
    expect(stagesForFrame(9, { faces: 8, landmarks: 8, body: 2, mask: 8 })).toEqual(['faces', 'landmarks', 'body']);
  });
  it('keeps stale body/mask with their frame numbers', () => {
    const prev = { ...synthAnalysis(), frameOf: { faces: 3, body: 3, mask: 3 } };
    const next = { ...synthAnalysis(), body: [], frameOf: { faces: 4, landmarks: 4 } };
    const m = mergeAnalysis(prev, next, ['faces', 'landmarks']);
    expect(m.body).toBe(prev.body);
    expect(m.frameOf).toEqual({ faces: 4, landmarks: 4, body: 3, mask: 3 });
  });
});

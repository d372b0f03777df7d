import { describe, expect, it } from 'vitest';
import { mergeAnalysis, stagesForFrame, STAGE_PERIOD } from '../../../src/main/vision/live-pipeline';
import { synthAnalysis } from './synthetic';

describe('live stagger', () => {
  it('runs every stage on the first frame, then the slow ones by period', () => {
    expect(stagesForFrame(0, {})).toEqual(['faces', 'crowd', 'landmarks', 'body', 'mask']);
    const last = { faces: 0, crowd: 0, landmarks: 0, body: 0, mask: 0 };
    expect(stagesForFrame(1, last)).toEqual(['faces', 'landmarks']);
    expect(stagesForFrame(STAGE_PERIOD.body, { ...last, mask: 2 })).toContain('body');
    expect(stagesForFrame(STAGE_PERIOD.crowd, { ...last, body: 4, mask: 5 })).toContain('crowd');
    // Two due on the slow worker: the one more overdue for its period runs (mask 4/3 before body 4/4).
    expect(stagesForFrame(4, last)).toEqual(['faces', 'landmarks', 'mask']);
  });
  it('counts from the last frame a stage really ran (dropped frames do not reset it)', () => {
    expect(stagesForFrame(9, { faces: 8, crowd: 8, landmarks: 8, body: 2, mask: 8 })).toEqual([
      'faces',
      'landmarks',
      'body',
    ]);
  });
  it('keeps the tiled search faces until it runs again', () => {
    const other = { box: { x: 10, y: 10, width: 30, height: 30 }, score: 0.9, keypoints: [] };
    const prev = { ...synthAnalysis(), tiledFaces: [other] };
    const next = { ...synthAnalysis(), tiledFaces: undefined };
    expect(mergeAnalysis(prev, next, ['faces', 'landmarks']).tiledFaces).toEqual([other]);
    expect(mergeAnalysis(prev, { ...next, tiledFaces: [] }, ['faces', 'crowd']).tiledFaces).toEqual([]);
  });
  it('keeps stale body/mask with their frame numbers', () => {
    const prev = { ...synthAnalysis(), frameOf: { faces: 3, body: 3, mask: 3 } };
    const next = { ...synthAnalysis(), body: [], frameOf: { faces: 4, landmarks: 4 } };
    const m = mergeAnalysis(prev, next, ['faces', 'landmarks']);
    expect(m.body).toBe(prev.body);
    expect(m.frameOf).toEqual({ faces: 4, landmarks: 4, body: 3, mask: 3 });
  });
});

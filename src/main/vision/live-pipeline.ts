import type { Analysis } from '../../shared/vision/analysis';
import type { RawImage } from '../../shared/image/raw-image';
import type { PhotoProfile } from '../../shared/spec/profile';
import { runChecks } from '../../shared/checks/run-checks';
import { allChecksPass, createSmoother } from '../../shared/checks/smoothing';
import type { CheckResult } from '../../shared/checks/types';
import type { Stage } from './analyzer';
import type { Vision } from './vision-service';

/**
 * Stagger of the live stages: faces and landmarks every frame; body (MoveNet, the slowest) every 4th frame; the
 * person mask every 3rd. A stale part is at most (period − 1) frames old, which `frameOf` records.
 */
export const STAGE_PERIOD: Record<Stage, number> = { faces: 1, landmarks: 1, body: 4, mask: 3 };
/** A shown check status changes after this many consecutive frames agree. */
export const SMOOTHING_FRAMES = 3;

/** Stages due at frame n, given the frame each stage last produced a result for (dropped frames do not count). */
export function stagesForFrame(n: number, lastRan: Partial<Record<Stage, number>>): Stage[] {
  return (Object.keys(STAGE_PERIOD) as Stage[]).filter(
    (s) => lastRan[s] === undefined || n - lastRan[s]! >= STAGE_PERIOD[s],
  );
}

/** Merge this frame's fresh stages with the latest results of the staggered ones. */
export function mergeAnalysis(prev: Analysis | null, next: Analysis, ran: readonly Stage[]): Analysis {
  if (!prev || prev.width !== next.width || prev.height !== next.height) return next;
  const merged: Analysis = { ...next, frameOf: { ...prev.frameOf, ...next.frameOf } };
  if (!ran.includes('body')) merged.body = prev.body;
  if (!ran.includes('mask')) merged.mask = prev.mask;
  return merged;
}

export interface LiveResult {
  dropped: boolean;
  frame: number;
  analysis?: Analysis;
  checks?: CheckResult[];
  allPass?: boolean;
}

/** Live view: latest-wins frames, staggered stages, checks with temporal smoothing. */
export function createLivePipeline(vision: Vision, profile: () => PhotoProfile) {
  let frame = 0;
  let last: Analysis | null = null;
  let lastRan: Partial<Record<Stage, number>> = {};
  const smoother = createSmoother(SMOOTHING_FRAMES);
  return {
    async submit(image: Uint8Array | RawImage): Promise<LiveResult> {
      const n = frame++;
      const stages = stagesForFrame(n, lastRan);
      const r = await vision.analyzeLatest(image, { stages, frame: n });
      if (r.dropped) return { dropped: true, frame: n };
      for (const s of stages) lastRan[s] = n;
      const t0 = performance.now();
      const analysis = mergeAnalysis(last, r.analysis, stages);
      last = analysis;
      const checks = smoother.update(runChecks(analysis, r.image, profile()));
      analysis.timings = { ...analysis.timings, checks: performance.now() - t0 };
      return { dropped: false, frame: n, analysis, checks, allPass: allChecksPass(checks) };
    },
    reset() {
      frame = 0;
      last = null;
      lastRan = {};
      smoother.reset();
    },
  };
}

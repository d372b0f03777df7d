import type { Analysis } from '../../shared/vision/analysis';
import type { RawImage } from '../../shared/image/raw-image';
import type { PhotoProfile } from '../../shared/spec/profile';
import { DEFAULT_BACKDROP, type BackdropMode } from '../../shared/spec/backdrop';
import { runChecks } from '../../shared/checks/run-checks';
import { allChecksPass, createSmoother } from '../../shared/checks/smoothing';
import type { CheckResult } from '../../shared/checks/types';
import type { LiveStage as Stage } from './analyzer';
import type { Vision } from './vision-service';

/**
 * Stagger of the live stages: faces and landmarks every frame, on the fast worker, delivered with the frame. Body
 * (MoveNet, the slowest) is due every 4th frame, the person mask every 3rd and the tiled second-face search (crowd)
 * every 6th; they run on the second worker, detached: a frame never waits for them (the first frame neither: frames
 * before all three have a result carry no checks, `pending`), and their
 * result joins the first frame returned after it arrives (so a slow result is used from the frame after its own). A
 * due slow stage starts only when that worker is idle (otherwise it stays due; nothing queues). `frameOf` records
 * each result's source frame; staleness is measured by `npm run bench:vision` (`stale`, see docs/BENCHMARKS.md).
 */
export const STAGE_PERIOD: Record<Stage, number> = { faces: 1, crowd: 6, landmarks: 1, body: 4, mask: 3 };
/** A shown check status changes after this many consecutive frames agree. */
export const SMOOTHING_FRAMES = 3;
/** Stages of the second (slow) worker. */
const SLOW: readonly Stage[] = ['body', 'mask', 'crowd'];

/**
 * Stages due at frame n, given the frame each stage last produced a result for (dropped frames do not count).
 * One slow stage per frame once each has a result (the first frame runs everything): of those due, the one most
 * overdue relative to its own period (ties: body, mask, crowd), the others stay due. With periods 4/3/6 that runs
 * body every 4 frames, the mask every 3–4 and crowd every 6–8 ("body always first" had left the mask 25 frames old).
 */
export function stagesForFrame(n: number, lastRan: Partial<Record<Stage, number>>): Stage[] {
  const due = (Object.keys(STAGE_PERIOD) as Stage[]).filter(
    (s) => lastRan[s] === undefined || n - lastRan[s]! >= STAGE_PERIOD[s],
  );
  const slowDue = SLOW.filter((s) => due.includes(s));
  if (slowDue.length <= 1 || SLOW.some((s) => lastRan[s] === undefined)) return due;
  const late = (s: Stage) => (n - lastRan[s]!) / STAGE_PERIOD[s];
  const pick = slowDue.reduce((best, s) => (late(s) > late(best) ? s : best));
  return due.filter((s) => !SLOW.includes(s) || s === pick);
}

/** Merge this frame's fresh stages with the latest results of the staggered ones. */
export function mergeAnalysis(prev: Analysis | null, next: Analysis, ran: readonly Stage[]): Analysis {
  if (!prev || prev.width !== next.width || prev.height !== next.height) return next;
  const merged: Analysis = { ...next, frameOf: { ...prev.frameOf, ...next.frameOf } };
  if (!ran.includes('body')) merged.body = prev.body;
  if (!ran.includes('mask')) merged.mask = prev.mask;
  if (!ran.includes('crowd')) merged.tiledFaces = prev.tiledFaces;
  return merged;
}

export interface LiveResult {
  dropped: boolean;
  frame: number;
  analysis?: Analysis;
  /** The slow stages (body, mask, crowd) have not all been measured yet since the start or the last reset: no checks. */
  pending?: boolean;
  checks?: CheckResult[];
  allPass?: boolean;
}

/** Put a detached slow result into a frame's analysis, for the stages it ran (with their frame and time). */
export function mergeDetached(analysis: Analysis, fresh: Analysis | null): Analysis {
  if (!fresh || fresh.width !== analysis.width || fresh.height !== analysis.height) return analysis;
  const out: Analysis = { ...analysis, frameOf: { ...analysis.frameOf }, timings: { ...analysis.timings } };
  for (const s of SLOW) {
    const f = fresh.frameOf?.[s];
    if (f === undefined || (out.frameOf![s] ?? -1) > f) continue;
    if (s === 'body') out.body = fresh.body;
    else if (s === 'mask') out.mask = fresh.mask;
    else out.tiledFaces = fresh.tiledFaces;
    out.frameOf![s] = f;
    if (fresh.timings[s] !== undefined) out.timings[s] = fresh.timings[s]!;
  }
  return out;
}

/** Live view: latest-wins frames, staggered stages, checks with temporal smoothing (under the station's backdrop). */
export function createLivePipeline(
  vision: Vision,
  profile: () => PhotoProfile,
  backdrop: () => BackdropMode = () => DEFAULT_BACKDROP,
) {
  let frame = 0;
  let last: Analysis | null = null;
  let lastRan: Partial<Record<Stage, number>> = {};
  // Newest detached body/mask result not yet merged into a returned frame.
  let arrived: Analysis | null = null;
  let generation = 0;
  const smoother = createSmoother(SMOOTHING_FRAMES);

  function accept(a: Analysis, gen: number) {
    if (gen === generation) arrived = arrived ? mergeDetached(arrived, a) : a; // else from before a reset
  }

  return {
    async submit(image: Uint8Array | RawImage): Promise<LiveResult> {
      const n = frame++;
      const due = stagesForFrame(n, lastRan);
      // Slow stages always run detached, the first frame's too (it used to wait for them: ~4–7 frames dropped at
      // every start and every new sitter). Until body, mask and crowd have each been measured the frame carries its
      // faces and landmarks but no checks (`pending`): a verdict without the shoulders or the mask would be a guess.
      const stages = due.filter((s) => !SLOW.includes(s));
      const detached = due.filter((s) => SLOW.includes(s));
      const r = await vision.analyzeLatest(image, { stages, frame: n, detached, eyesCarry: true });
      if (r.dropped) return { dropped: true, frame: n };
      for (const s of stages) lastRan[s] = n;
      if (r.detached) {
        for (const s of detached) lastRan[s] = n;
        const gen = generation;
        r.detached.then(
          (a) => accept(a, gen),
          () => {
            // A failed slow stage is simply due again on the next frame.
            if (gen === generation) for (const s of detached) if (lastRan[s] === n) delete lastRan[s];
          },
        );
      }
      const t0 = performance.now();
      const analysis = mergeDetached(mergeAnalysis(last, r.analysis, stages), arrived);
      arrived = null;
      last = analysis;
      if (SLOW.some((s) => analysis.frameOf?.[s] === undefined)) {
        vision.recycle?.(r.image);
        return { dropped: false, frame: n, analysis, pending: true, checks: [], allPass: false };
      }
      const checks = smoother.update(runChecks(analysis, r.image, profile(), undefined, { backdrop: backdrop() }));
      analysis.timings = { ...analysis.timings, checks: performance.now() - t0 };
      vision.recycle?.(r.image); // nothing reads the pixels after the checks
      return { dropped: false, frame: n, analysis, pending: false, checks, allPass: allChecksPass(checks) };
    },
    reset() {
      frame = 0;
      last = null;
      lastRan = {};
      arrived = null;
      generation++;
      smoother.reset();
    },
  };
}

import type { Res } from '../../shared/contract';
import type { Analysis } from '../../shared/vision/analysis';
import type { PhotoProfile } from '../../shared/spec';
import { faceGeometry } from '../../shared/checks/face-geometry';
import { resolveProfile } from '../kernel/request-fields';
import type { BackdropSetting } from './backdrop-setting';
import { createLivePipeline } from './live-pipeline';
import type { Vision } from './vision-service';

/** The overlay's share of an analysis (no mesh, no mask). */
export function summarize(a: Analysis) {
  const g = faceGeometry(a);
  return {
    width: a.width,
    height: a.height,
    faces: a.faces,
    pose: a.pose,
    eyes: g ? { right: g.rightEye, left: g.leftEye } : null,
    body: a.body,
    timings: a.timings,
    frameOf: a.frameOf ?? {},
  };
}

export type FrameAnalysisResult = Res<'vision.analyzeFrame'>;

/**
 * The station's one live-view analysis (latest frame wins, slow stages staggered, statuses smoothed), shared by
 * the vision.analyzeFrame method (frames from the window's camera) and the station camera's own frames, which
 * hand their bytes over in-process.
 */
export interface LiveFrames {
  /** `profileId` absent = the default spec; `newSubject` forgets the smoothed statuses of the previous sitter. */
  analyze(frame: Uint8Array, opts?: { profileId?: string; newSubject?: boolean }): Promise<FrameAnalysisResult>;
}

export function createLiveFrames(getVision: () => Vision, backdrop: BackdropSetting): LiveFrames {
  let live: ReturnType<typeof createLivePipeline> | null = null;
  let profile: PhotoProfile = resolveProfile();
  return {
    async analyze(frame, opts = {}) {
      profile = resolveProfile(opts.profileId);
      live ??= createLivePipeline(
        getVision(),
        () => profile,
        () => backdrop.get(),
      );
      if (opts.newSubject) live.reset();
      const r = await live.submit(frame);
      return {
        dropped: r.dropped,
        frame: r.frame,
        pending: r.pending ?? false,
        allPass: r.allPass ?? false,
        checks: r.checks ?? [],
        analysis: r.analysis ? summarize(r.analysis) : null,
      };
    },
  };
}

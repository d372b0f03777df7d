import { ApiError } from '../../shared/api-error';
import type { Analysis } from '../../shared/vision/analysis';
import type { PhotoProfile } from '../../shared/spec';
import { runChecks, verdictOf } from '../../shared/checks/run-checks';
import { faceGeometry } from '../../shared/checks/face-geometry';
import type { HandlerGroup } from '../core/handlers';
import { decodeBase64, resolveProfile } from '../kernel/request-fields';
import { ImageDecodeError } from './decode-image';
import { createLivePipeline } from './live-pipeline';
import type { Vision } from './vision-service';
import { memoryBackdropSetting, type BackdropSetting } from './backdrop-setting';

function bytesOf(base64: string): Uint8Array {
  const buf = decodeBase64(base64, 'image');
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
}

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

async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ImageDecodeError) throw new ApiError('invalid_request', err.message, 'image');
    throw err;
  }
}

/** vision.* handlers. `getVision` starts the worker on first use only; `backdrop` is the station's setting. */
export function visionHandlers(
  getVision: () => Vision,
  backdrop: BackdropSetting = memoryBackdropSetting(),
): HandlerGroup<
  'vision.analyzeImage' | 'vision.analyzeFrame' | 'vision.status' | 'vision.settings' | 'vision.setBackdrop'
> {
  let live: ReturnType<typeof createLivePipeline> | null = null;
  let liveProfile: PhotoProfile = resolveProfile();
  return {
    'vision.analyzeImage': (req) =>
      guarded(async () => {
        const profile = resolveProfile(req.profileId);
        const { analysis, image } = await getVision().inspect(bytesOf(req.image));
        const checks = runChecks(analysis, image, profile, undefined, { backdrop: backdrop.get() });
        return { verdict: verdictOf(checks), checks, analysis: summarize(analysis) };
      }),
    'vision.analyzeFrame': (req) =>
      guarded(async () => {
        liveProfile = resolveProfile(req.profileId);
        live ??= createLivePipeline(
          getVision(),
          () => liveProfile,
          () => backdrop.get(),
        );
        if (req.newSubject) live.reset();
        const r = await live.submit(bytesOf(req.image));
        return {
          dropped: r.dropped,
          frame: r.frame,
          allPass: r.allPass ?? false,
          checks: r.checks ?? [],
          analysis: r.analysis ? summarize(r.analysis) : null,
        };
      }),
    'vision.settings': () => ({ backdrop: backdrop.get() }),
    'vision.setBackdrop': (req) => {
      backdrop.set(req.backdrop);
      return { backdrop: backdrop.get() };
    },
    'vision.status': async () => {
      const s = await getVision().status();
      return s;
    },
  };
}

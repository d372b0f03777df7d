import { ApiError } from '../../shared/api-error';
import { runChecks, verdictOf } from '../../shared/checks/run-checks';
import type { HandlerGroup } from '../kernel/handlers';
import { decodeBase64, resolveProfile } from '../kernel/request-fields';
import { ImageDecodeError } from './decode-image';
import { createLiveFrames, summarize, type LiveFrames } from './live-frames';
import type { Vision } from './vision-service';
import { memoryBackdropSetting, type BackdropSetting } from './backdrop-setting';

function bytesOf(base64: string): Uint8Array {
  const buf = decodeBase64(base64, 'image');
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
}

async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ImageDecodeError) throw new ApiError('invalid_request', err.message, 'image');
    throw err;
  }
}

/**
 * vision.* handlers. `getVision` starts the worker on first use only; `backdrop` is the station's setting;
 * `frames` is the live analysis the station camera shares.
 */
export function visionHandlers(
  getVision: () => Vision,
  backdrop: BackdropSetting = memoryBackdropSetting(),
  frames: LiveFrames = createLiveFrames(getVision, backdrop),
): HandlerGroup<
  'vision.analyzeImage' | 'vision.analyzeFrame' | 'vision.status' | 'vision.settings' | 'vision.setBackdrop'
> {
  return {
    'vision.analyzeImage': (req) =>
      guarded(async () => {
        const profile = resolveProfile(req.profileId);
        const { analysis, image } = await getVision().inspect(bytesOf(req.image));
        const checks = runChecks(analysis, image, profile, undefined, { backdrop: backdrop.get() });
        return { verdict: verdictOf(checks), checks, analysis: summarize(analysis) };
      }),
    'vision.analyzeFrame': (req) =>
      guarded(() => frames.analyze(bytesOf(req.image), { profileId: req.profileId, newSubject: req.newSubject })),
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

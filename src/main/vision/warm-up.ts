import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RawImage } from '../../shared/image/raw-image';
import { runChecks } from '../../shared/checks/run-checks';
import { DEFAULT_BACKDROP, type BackdropMode } from '../../shared/spec/backdrop';
import { chsiProfile, type PhotoProfile } from '../../shared/spec/profile';
import { modelsDir as defaultModelsDir } from '../kernel/paths';
import { ALL_STAGES } from './analyzer';
import { MODEL_FILES, type ModelId } from './model-files';
import type { Vision } from './vision-service';

/** The models the live view runs (the face embedding is for captures, not live). */
export const LIVE_MODELS: readonly ModelId[] = ['blazeface', 'facemesh', 'iris', 'movenet', 'selfie'];

export type WarmUpReport =
  | { skipped: 'models-missing'; missing: ModelId[] }
  | { skipped?: undefined; ms: number; timings: Record<string, number>; checks: number };

export interface WarmUpOptions {
  /** Where the .onnx files are (default: the app's models directory, as createVision). */
  modelsDir?: string;
  profile?: PhotoProfile;
  backdrop?: BackdropMode;
}

/**
 * Warm-up of the vision service, so the first live view is smooth: starts both workers (each loads its models),
 * runs every live stage once on a synthetic 1280×720 frame (the landmark stage on a stand-in face, so FaceMesh and
 * Iris run too: AnalyzeHints.warmUp), then runChecks once on its result on this thread (its code is cold before:
 * the first live frame's checks took 69 ms). Skipped, starting nothing, when a live model is missing. The studio
 * calls it in the background at start-up; `npm run bench:vision` calls this same function.
 */
export async function warmUpVision(vision: Vision, opts: WarmUpOptions = {}): Promise<WarmUpReport> {
  const dir = opts.modelsDir ?? defaultModelsDir();
  const missing = LIVE_MODELS.filter((id) => !existsSync(path.join(dir, MODEL_FILES[id])));
  if (missing.length) return { skipped: 'models-missing', missing };
  const t0 = performance.now();
  const frame = syntheticFrame();
  const { analysis, image } = await vision.inspect(frame, { stages: [...ALL_STAGES], warmUp: true });
  const checks = runChecks(analysis, image, opts.profile ?? chsiProfile, undefined, {
    backdrop: opts.backdrop ?? DEFAULT_BACKDROP,
  });
  vision.recycle?.(image);
  return { ms: performance.now() - t0, timings: analysis.timings, checks: checks.length };
}

/** A 1280×720 RGBA frame: grey backdrop, a skin-toned oval where a sitter's head would be, a darker body below. */
export function syntheticFrame(width = 1280, height = 720): RawImage {
  const data = new Uint8Array(width * height * 4);
  const cx = width / 2;
  const cy = height * 0.45;
  const rx = height / 7;
  const ry = height / 5;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const head = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
      const body = y > cy + ry && Math.abs(x - cx) < rx * 2.5;
      const [r, g, b] = head ? [224, 180, 150] : body ? [40, 44, 60] : [184, 184, 184];
      data[i] = r;
      data[i + 1] = g;
      data[i + 2] = b;
      data[i + 3] = 255;
    }
  return { width, height, channels: 4, data };
}

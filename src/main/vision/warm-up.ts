import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RawImage } from '../../shared/image/raw-image';
import { CHECK_IDS, runChecks } from '../../shared/checks/run-checks';
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
  | {
      skipped?: undefined;
      /** From the call to the checks' end (the models' loading included). */
      ms: number;
      /** Of which on the caller's thread (the synthetic frame, the checks): what a request may wait behind. */
      mainThreadMs: number;
      /** The longest of those blocks (one check, or the frame). */
      longestBlockMs: number;
      timings: Record<string, number>;
      checks: number;
    };

export interface WarmUpOptions {
  /** Where the .onnx files are (default: the app's models directory, as createVision). */
  modelsDir?: string;
  profile?: PhotoProfile;
  backdrop?: BackdropMode;
}

/**
 * Warm-up of the vision service, so the first live view is smooth: starts both workers (each loads its models),
 * runs every live stage once on a synthetic 1280×720 frame (the landmark stage on a stand-in face, so FaceMesh and
 * Iris run too: AnalyzeHints.warmUp), then runChecks CHECK_ROUNDS times on its result on this thread, one check at a time (its code is
 * cold before: the first live frame's checks took 69 ms). Skipped, starting nothing, when a live model is missing. The studio
 * calls it in the background at start-up; `npm run bench:vision` calls this same function.
 */
/** Times runChecks runs over the warm-up frame (each check on its own, yielding between them). */
export const CHECK_ROUNDS = 5;

export async function warmUpVision(vision: Vision, opts: WarmUpOptions = {}): Promise<WarmUpReport> {
  const dir = opts.modelsDir ?? defaultModelsDir();
  const missing = LIVE_MODELS.filter((id) => !existsSync(path.join(dir, MODEL_FILES[id])));
  if (missing.length) return { skipped: 'models-missing', missing };
  const t0 = performance.now();
  const frame = syntheticFrame();
  let mainMs = performance.now() - t0;
  let longestMs = mainMs;
  const { analysis, image } = await vision.inspect(frame, { stages: [...ALL_STAGES], warmUp: true });
  // One check at a time, yielding between them, so a request arriving meanwhile waits for one check at most.
  // Several rounds: after one the first live frame's checks still took ~2 frame intervals (the optimising compiler
  // had not kicked in), enough to drop a frame at 30 fps.
  let checks = 0;
  for (let round = 0; round < CHECK_ROUNDS; round++)
    for (const id of CHECK_IDS) {
      await new Promise((resolve) => setImmediate(resolve));
      const t1 = performance.now();
      const results = runChecks(analysis, image, opts.profile ?? chsiProfile, [id], {
        backdrop: opts.backdrop ?? DEFAULT_BACKDROP,
      });
      if (round === 0) checks += results.length;
      const ms = performance.now() - t1;
      mainMs += ms;
      longestMs = Math.max(longestMs, ms);
    }
  vision.recycle?.(image);
  return {
    ms: performance.now() - t0,
    mainThreadMs: mainMs,
    longestBlockMs: longestMs,
    timings: analysis.timings,
    checks,
  };
}

/** A 1280×720 RGBA frame: grey backdrop, a skin-toned oval where a sitter's head would be, a darker body below. */
export function syntheticFrame(width = 1280, height = 720): RawImage {
  const data = new Uint8Array(width * height * 4);
  const px = new Uint32Array(data.buffer);
  const rgba = (r: number, g: number, b: number) => new Uint32Array(new Uint8Array([r, g, b, 255]).buffer)[0]!;
  px.fill(rgba(184, 184, 184));
  const cx = width / 2;
  const cy = height * 0.45;
  const rx = height / 7;
  const ry = height / 5;
  const skin = rgba(224, 180, 150);
  const cloth = rgba(40, 44, 60);
  for (let y = 0; y < height; y++) {
    const d = 1 - ((y - cy) / ry) ** 2;
    // the head's span on this row, or the shoulders' below it
    const half = d >= 0 ? rx * Math.sqrt(d) : y > cy + ry ? rx * 2.5 : -1;
    if (half < 0) continue;
    const x0 = Math.max(0, Math.round(cx - half));
    const x1 = Math.min(width, Math.round(cx + half));
    px.fill(d >= 0 ? skin : cloth, y * width + x0, y * width + x1);
  }
  return { width, height, channels: 4, data };
}

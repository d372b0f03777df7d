import type { Analysis, FaceDetection } from '../../shared/vision/analysis';
import type { RawImage } from '../../shared/image/raw-image';
import { modelsDir as defaultModelsDir } from '../kernel/paths';
import { ALL_STAGES, type Stage } from './analyzer';
import { decodeImage } from './decode-image';
import type { ModelId } from './model-files';
import { createLane, LANE_DRAIN_MS, type LaneClosed } from './vision-lane';
import { resolveWorkerEntry, type WorkerEntry } from './worker-path';

export interface VisionOptions {
  /** Intra-op threads per ONNX session (default 1: measured faster on the 2-core station, see BENCHMARKS.md). */
  threads?: number;
  modelsDir?: string;
  workerEntry?: WorkerEntry;
}

export interface VisionStatus {
  started: boolean;
  ready: boolean;
  loaded: ModelId[];
  missing: ModelId[];
  threads: number;
}

export interface AnalyzeRequestOptions {
  stages?: Stage[];
  frame?: number;
  /**
   * Live use: slow stages (body, mask, crowd) to run on the second worker without delaying this frame's result.
   * They start when this frame's fast stages are done, and only if that worker is idle then (never queued);
   * `LatestResult.detached` then resolves with their analysis.
   */
  detached?: Stage[];
  /** Live frames: Iris may be skipped on the frame after one it ran on, its contours carried (AnalyzeHints). */
  eyesCarry?: boolean;
  /** Warm-up only (warmUpVision): see AnalyzeHints.warmUp. */
  warmUp?: boolean;
}

export interface Inspection {
  analysis: Analysis;
  image: RawImage;
}

export type LatestResult = { dropped: true } | ({ dropped: false; detached?: Promise<Analysis> } & Inspection);

export interface Vision {
  /** Analyse one image (encoded JPEG/PNG/WebP bytes, or raw RGB/RGBA pixels). */
  analyze(image: Uint8Array | RawImage, opts?: AnalyzeRequestOptions): Promise<Analysis>;
  /** Like analyze, and also returns the decoded pixels (what the checks need). */
  inspect(image: Uint8Array | RawImage, opts?: AnalyzeRequestOptions): Promise<Inspection>;
  /**
   * Live frames, latest wins: at most one frame runs and one waits; a newer frame replaces the waiting one,
   * whose promise resolves `{dropped: true}`. The analysis of frame N never waits for frame N+1.
   */
  analyzeLatest(image: Uint8Array | RawImage, opts?: AnalyzeRequestOptions): Promise<LatestResult>;
  status(): Promise<VisionStatus>;
  /**
   * Hand back the pixels of an Inspection / LatestResult once nothing reads them any more: their buffer is reused
   * for the next frame's copies (live frames are 2.6–3.7 MB each, 30 a second).
   */
  recycle?(image: RawImage): void;
  /**
   * Shutdown, safe while analyses run: refuses new work at once (they reject), waits up to `drainMs` for the
   * analyses in flight (detached slow stages too) to settle, then each worker releases its ORT sessions and exits
   * ('close' message); a worker that has not exited after `exitMs` is terminated (last resort: terminating inside an
   * ONNX run aborts the whole process with a native error).
   */
  close(opts?: VisionCloseOptions): Promise<VisionClosed>;
}

export interface VisionCloseOptions {
  drainMs?: number;
  exitMs?: number;
}

/** How each worker ended (see VisionLane.close). */
export interface VisionClosed {
  fast: LaneClosed;
  slow: LaneClosed;
}

/** Fast stages run every live frame on one worker; the slow ones on a second worker, so the two overlap. */
const FAST_STAGES: readonly Stage[] = ['faces', 'landmarks', 'embedding'];
const SLOW_STAGES: readonly Stage[] = ['body', 'mask', 'crowd'];
const FAST_MODELS: ModelId[] = ['blazeface', 'facemesh', 'iris', 'faceid'];
// BlazeFace twice: the slow worker runs it on the tiles of the second-face search.
// FaceMesh there too: face presence confirms each tiled face that is not the sitter's (analyzer, crowd). Without it
// the app's 初审 and live view counted every unconfirmed tiled hit (a hair bun) as a second face.
const SLOW_MODELS: ModelId[] = ['movenet', 'selfie', 'blazeface', 'facemesh'];

type FrameInput = { kind: 'raw'; image: RawImage } | { kind: 'encoded'; bytes: Uint8Array };

/**
 * The vision service. Two worker threads (fast: BlazeFace + FaceMesh + Iris; slow: MoveNet + selfie + BlazeFace on tiles with FaceMesh confirming them) start on first use,
 * not here. Pixels go to a worker by transfer; the slow worker gets its own copy, only when it has work.
 */
export function createVision(opts: VisionOptions = {}): Vision {
  const threads = opts.threads ?? 1;
  const dir = opts.modelsDir ?? defaultModelsDir();
  const entry = () => opts.workerEntry ?? resolveWorkerEntry();
  const fast = createLane(entry, { modelsDir: dir, threads, models: FAST_MODELS });
  const slow = createLane(entry, { modelsDir: dir, threads, models: SLOW_MODELS });
  let ready: Promise<VisionStatus> | null = null;
  let lastStatus: VisionStatus = { started: false, ready: false, loaded: [], missing: [], threads };
  let closed = false;
  let closing: Promise<VisionClosed> | null = null;
  // Every analysis started and not yet settled (detached ones too): close() lets them finish first.
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    const done = () => inFlight.delete(p);
    p.then(done, done);
    return p;
  };
  // Pixel buffers handed back (recycle, and the detached runs' returned copies), reused for the next copies: live
  // frames otherwise allocate 2–3 buffers of 2.6–3.7 MB each per frame, 30 a second, and the GC that follows
  // pauses this thread.
  const pool: ArrayBuffer[] = [];
  const POOL_MAX = 4;
  function recycle(image: RawImage | undefined): void {
    const buf = image?.data.buffer;
    if (!image || !(buf instanceof ArrayBuffer) || buf.byteLength === 0 || pool.length >= POOL_MAX) return;
    if (image.data.byteOffset !== 0 || image.data.byteLength !== buf.byteLength || pool.includes(buf)) return;
    pool.push(buf);
  }
  /** A copy of the pixels in a buffer of their own (transferable to a worker), from the pool when one fits. */
  function own(image: RawImage): RawImage {
    const n = image.data.byteLength;
    const k = pool.findIndex((b) => b.byteLength === n);
    const data = new Uint8Array(k >= 0 ? pool.splice(k, 1)[0]! : new ArrayBuffer(n));
    data.set(image.data);
    return { ...image, data };
  }
  // Copy the caller's bytes so transferring them to a worker never detaches the caller's buffer.
  function toInput(image: Uint8Array | RawImage): FrameInput {
    if (image instanceof Uint8Array) return { kind: 'encoded', bytes: new Uint8Array(image) };
    return { kind: 'raw', image: own(image) };
  }
  let liveBusy = false;
  let liveWaiting: {
    input: FrameInput;
    opts: AnalyzeRequestOptions;
    resolve(r: LatestResult): void;
    reject(e: Error): void;
  } | null = null;

  function start(): Promise<VisionStatus> {
    if (closed) return Promise.reject(new Error('视觉分析服务已关闭'));
    if (ready) return ready;
    lastStatus = { ...lastStatus, started: true };
    ready = Promise.all([fast.start(), slow.start()]).then(([f, s]) => {
      // BlazeFace is loaded by both workers: each model once.
      const loaded = [...new Set([...f.loaded, ...s.loaded])];
      const missing = [...new Set([...f.missing, ...s.missing])];
      lastStatus = { started: true, ready: true, loaded, missing, threads };
      return lastStatus;
    });
    return ready;
  }

  async function pixels(input: FrameInput): Promise<RawImage> {
    return input.kind === 'raw' ? input.image : decodeImage(input.bytes);
  }

  /** Both workers in parallel (the slow one on its own copy); the fast worker's analysis with the slow parts. */
  function run(input: FrameInput, o: AnalyzeRequestOptions): Promise<Inspection & { detached?: Promise<Analysis> }> {
    if (closed) return Promise.reject(new Error('视觉分析服务已关闭'));
    return track(runNow(input, o));
  }

  async function runNow(
    input: FrameInput,
    o: AnalyzeRequestOptions,
  ): Promise<Inspection & { detached?: Promise<Analysis> }> {
    await start();
    const image = await pixels(input);
    const stages = o.stages ?? ALL_STAGES;
    const f = stages.filter((s) => FAST_STAGES.includes(s));
    const sl = stages.filter((s) => SLOW_STAGES.includes(s));
    const d = (o.detached ?? []).filter((s) => SLOW_STAGES.includes(s) && !sl.includes(s));
    const hints = { ...(o.eyesCarry ? { eyesCarry: true } : {}), ...(o.warmUp ? { warmUp: true } : {}) };
    const useFast = f.length > 0 || sl.length === 0;
    // Detached work never waits behind anything: it starts only on an idle slow worker, and only once the fast
    // stages of the same frame are done (on its own copy of the pixels returned by the fast worker), so on two
    // cores it never competes with the frame's critical part, and the tiled search knows the sitter's face.
    const startDetached = (px: RawImage, knownFaces?: FaceDetection[]) => {
      if (!d.length || slow.inFlight() > 0 || closed) return undefined;
      const p = track(slow.run(own(px), d, o.frame, true, knownFaces ? { knownFaces } : {}));
      p.then(
        (r) => recycle(r.image),
        () => undefined,
      );
      return p;
    };
    let detached = useFast ? undefined : startDetached(image);
    const [a, b] = await Promise.all([
      useFast
        ? fast.run(image, f, o.frame, true, hints).then((r) => {
            detached = startDetached(r.image!, f.includes('faces') ? r.analysis.faces : undefined);
            return r;
          })
        : null,
      sl.length
        ? slow.run(useFast ? own(image) : image, sl, o.frame, !useFast, o.warmUp ? { warmUp: true } : {})
        : null,
    ]);
    return {
      analysis: combine(a?.analysis ?? b!.analysis, a ? (b?.analysis ?? null) : null),
      image: (a ?? b)!.image!,
      detached: detached?.then((r) => r.analysis),
    };
  }

  function pumpLive(): void {
    if (liveBusy || !liveWaiting) return;
    const job = liveWaiting;
    liveWaiting = null;
    liveBusy = true;
    run(job.input, job.opts).then(
      (r) => {
        liveBusy = false;
        job.resolve({ dropped: false, ...r });
        pumpLive();
      },
      (e: Error) => {
        liveBusy = false;
        job.reject(e);
        pumpLive();
      },
    );
  }

  const inspect = async (image: Uint8Array | RawImage, o: AnalyzeRequestOptions = {}): Promise<Inspection> => {
    const { analysis, image: pixelsOut } = await run(toInput(image), { ...o, detached: undefined });
    return { analysis, image: pixelsOut };
  };

  return {
    analyze: async (image, o = {}) => (await inspect(image, o)).analysis,
    inspect,
    analyzeLatest(image, o = {}) {
      return new Promise<LatestResult>((resolve, reject) => {
        if (liveWaiting) {
          // A dropped frame's copy goes straight back to the pool.
          if (liveWaiting.input.kind === 'raw') recycle(liveWaiting.input.image);
          liveWaiting.resolve({ dropped: true });
        }
        liveWaiting = { input: toInput(image), opts: o, resolve, reject };
        pumpLive();
      });
    },
    recycle,
    async status() {
      if (ready) await ready.catch(() => undefined);
      return lastStatus;
    },
    close(c = {}) {
      closed = true;
      if (liveWaiting) liveWaiting.resolve({ dropped: true });
      liveWaiting = null;
      closing ??= (async () => {
        const drainMs = c.drainMs ?? LANE_DRAIN_MS;
        const deadline = Date.now() + drainMs;
        // Runs still decoding or starting; each lane then also waits for what it has sent its worker.
        await settleWithin([...inFlight], drainMs);
        const left = Math.max(0, deadline - Date.now());
        const [f, s] = await Promise.all([
          fast.close({ drainMs: left, exitMs: c.exitMs }),
          slow.close({ drainMs: left, exitMs: c.exitMs }),
        ]);
        return { fast: f, slow: s };
      })();
      return closing;
    },
  };
}

/** Resolves when every promise has settled, or after `ms`. */
function settleWithin(ps: Promise<unknown>[], ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    void Promise.allSettled(ps).then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The fast worker's analysis with the slow worker's body and mask (and their timings and frame numbers). */
function combine(a: Analysis, b: Analysis | null): Analysis {
  if (!b || a === b) return a;
  return {
    ...a,
    body: b.body,
    mask: b.mask,
    tiledFaces: b.tiledFaces,
    timings: { ...a.timings, ...b.timings },
    frameOf: { ...a.frameOf, ...b.frameOf },
  };
}

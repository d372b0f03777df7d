import { Worker } from 'node:worker_threads';
import type { Analysis } from '../../shared/vision/analysis';
import type { RawImage } from '../../shared/image/raw-image';
import { modelsDir as defaultModelsDir } from '../core/paths';
import type { Stage } from './analyzer';
import { ImageDecodeError } from './decode-image';
import type { ModelId } from './model-files';
import { resolveWorkerEntry, type WorkerEntry } from './worker-path';
import type { FrameInput, WorkerInit, WorkerRequest, WorkerResponse } from './worker-protocol';

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
}

export interface Inspection {
  analysis: Analysis;
  image: RawImage;
}

export type LatestResult = { dropped: true } | ({ dropped: false } & Inspection);

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
  close(): Promise<void>;
}

interface Pending {
  resolve(r: Inspection): void;
  reject(e: Error): void;
}

/** The vision service. The worker thread (and the models) start on first use, not here. */
export function createVision(opts: VisionOptions = {}): Vision {
  const threads = opts.threads ?? 1;
  let worker: Worker | null = null;
  let ready: Promise<VisionStatus> | null = null;
  let lastStatus: VisionStatus = { started: false, ready: false, loaded: [], missing: [], threads };
  let nextId = 1;
  let closed = false;
  const pending = new Map<number, Pending>();
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
    const entry = opts.workerEntry ?? resolveWorkerEntry();
    const init: WorkerInit = { modelsDir: opts.modelsDir ?? defaultModelsDir(), threads };
    const w = new Worker(entry.file, { workerData: init, eval: entry.eval });
    worker = w;
    ready = new Promise<VisionStatus>((resolve, reject) => {
      w.on('message', (msg: WorkerResponse) => {
        if (msg.type === 'ready') {
          lastStatus = { started: true, ready: true, loaded: msg.loaded, missing: msg.missing, threads };
          resolve(lastStatus);
        } else if (msg.type === 'init-error') {
          reject(new Error(`视觉模型加载失败：${msg.message}`));
        } else {
          const p = pending.get(msg.id);
          if (!p) return;
          pending.delete(msg.id);
          if (msg.type === 'result') p.resolve({ analysis: msg.analysis, image: msg.image! });
          else p.reject(msg.decode ? new ImageDecodeError(msg.message) : new Error(msg.message));
        }
      });
      w.on('error', (err) => {
        reject(err);
        for (const p of pending.values()) p.reject(err);
        pending.clear();
      });
      w.on('exit', () => {
        for (const p of pending.values()) p.reject(new Error('视觉分析线程已退出'));
        pending.clear();
      });
    });
    lastStatus = { ...lastStatus, started: true };
    return ready;
  }

  async function run(input: FrameInput, o: AnalyzeRequestOptions): Promise<Inspection> {
    await start();
    const id = nextId++;
    const req: WorkerRequest = { type: 'analyze', id, input, stages: o.stages, frame: o.frame, returnImage: true };
    const transfer =
      input.kind === 'raw' ? [input.image.data.buffer as ArrayBuffer] : [input.bytes.buffer as ArrayBuffer];
    return new Promise<Inspection>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker!.postMessage(req, transfer);
    });
  }

  // Copy the caller's bytes so transferring them to the worker never detaches the caller's buffer.
  function toInput(image: Uint8Array | RawImage): FrameInput {
    if (image instanceof Uint8Array) return { kind: 'encoded', bytes: new Uint8Array(image) };
    return { kind: 'raw', image: { ...image, data: new Uint8Array(image.data) } };
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

  return {
    analyze: async (image, o = {}) => (await run(toInput(image), o)).analysis,
    inspect: (image, o = {}) => run(toInput(image), o),
    analyzeLatest(image, o = {}) {
      return new Promise<LatestResult>((resolve, reject) => {
        if (liveWaiting) liveWaiting.resolve({ dropped: true });
        liveWaiting = { input: toInput(image), opts: o, resolve, reject };
        pumpLive();
      });
    },
    async status() {
      if (ready) await ready.catch(() => undefined);
      return lastStatus;
    },
    async close() {
      closed = true;
      if (liveWaiting) liveWaiting.resolve({ dropped: true });
      liveWaiting = null;
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}

import { Worker } from 'node:worker_threads';
import type { Analysis } from '../../shared/vision/analysis';
import type { RawImage } from '../../shared/image/raw-image';
import type { AnalyzeHints, Stage } from './analyzer';
import { ImageDecodeError } from './decode-image';
import type { ModelId } from './model-files';
import type { WorkerEntry } from './worker-path';
import type { WorkerInit, WorkerRequest, WorkerResponse } from './worker-protocol';

export interface LaneReady {
  loaded: ModelId[];
  missing: ModelId[];
}

/** One vision worker thread holding some of the models; requests run one at a time in arrival order. */
export interface VisionLane {
  start(): Promise<LaneReady>;
  /** Requests sent and not yet answered (0 = idle). */
  inFlight(): number;
  /**
   * Analyse pixels handed over: `image.data`'s buffer (which it must own whole) is transferred, not copied, and
   * comes back in `image` when `returnImage` is set. (Shared buffers were measured to pile up: the worker isolates
   * rarely collect garbage, so each frame's SharedArrayBuffer stayed alive; peak RSS 964 MB.)
   */
  run(
    image: RawImage,
    stages: readonly Stage[],
    frame: number | undefined,
    returnImage: boolean,
    hints?: AnalyzeHints,
  ): Promise<LaneResult>;
  /**
   * Shutdown: refuses new runs, waits up to `drainMs` for the runs in flight, then sends 'close' (the worker
   * releases its ORT sessions and ends by itself) and waits up to `exitMs` for it to exit; only then terminates it.
   * Resolves how the thread ended.
   */
  close(opts?: LaneCloseOptions): Promise<LaneClosed>;
}

export interface LaneCloseOptions {
  drainMs?: number;
  exitMs?: number;
}

/** 'idle': never started; 'exited': ended by itself after 'close'; 'terminated': the last resort after a timeout. */
export type LaneClosed = 'idle' | 'exited' | 'terminated';

export const LANE_DRAIN_MS = 5000;
export const LANE_EXIT_MS = 2000;

export interface LaneResult {
  analysis: Analysis;
  image?: RawImage;
}

interface Pending {
  resolve(r: LaneResult): void;
  reject(e: Error): void;
}

export function createLane(entry: () => WorkerEntry, init: WorkerInit): VisionLane {
  let worker: Worker | null = null;
  let ready: Promise<LaneReady> | null = null;
  let nextId = 1;
  let closing: Promise<LaneClosed> | null = null;
  let exited: Promise<void> = Promise.resolve();
  const pending = new Map<number, Pending>();
  // Waiters for "no run in flight" (shutdown drain).
  let idleWaiters: (() => void)[] = [];
  const settled = () => {
    if (pending.size > 0) return;
    for (const w of idleWaiters) w();
    idleWaiters = [];
  };
  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    settled();
  };

  return {
    start() {
      if (ready) return ready;
      const e = entry();
      const w = new Worker(e.file, { workerData: init, eval: e.eval });
      worker = w;
      exited = new Promise((resolve) => w.once('exit', () => resolve()));
      ready = new Promise<LaneReady>((resolve, reject) => {
        w.on('message', (msg: WorkerResponse) => {
          if (msg.type === 'ready') resolve({ loaded: msg.loaded, missing: msg.missing });
          else if (msg.type === 'init-error') reject(new Error(`视觉模型加载失败：${msg.message}`));
          else if (msg.type === 'closed')
            return; // its 'exit' follows
          else {
            const p = pending.get(msg.id);
            if (!p) return;
            pending.delete(msg.id);
            if (msg.type === 'result') p.resolve({ analysis: msg.analysis, image: msg.image });
            else p.reject(msg.decode ? new ImageDecodeError(msg.message) : new Error(msg.message));
            settled();
          }
        });
        w.on('error', (err) => {
          reject(err);
          failAll(err);
        });
        w.on('exit', () => failAll(new Error('视觉分析线程已退出')));
      });
      return ready;
    },
    inFlight: () => pending.size,
    async run(image, stages, frame, returnImage, hints = {}) {
      if (closing) throw new Error(CLOSED);
      await this.start();
      if (closing || !worker) throw new Error(CLOSED);
      const id = nextId++;
      const input = { kind: 'raw' as const, image };
      const req: WorkerRequest = { type: 'analyze', id, input, stages: [...stages], frame, returnImage, ...hints };
      return new Promise<LaneResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker!.postMessage(req, [image.data.buffer as ArrayBuffer]);
      });
    },
    close(opts = {}) {
      closing ??= (async (): Promise<LaneClosed> => {
        const w = worker;
        if (!w) return 'idle';
        const drainMs = opts.drainMs ?? LANE_DRAIN_MS;
        const exitMs = opts.exitMs ?? LANE_EXIT_MS;
        // A worker still loading its models is not interrupted either (session creation is native code too).
        await within(
          ready!.then(
            () => undefined,
            () => undefined,
          ),
          drainMs,
        );
        if (pending.size > 0) await within(new Promise<void>((r) => idleWaiters.push(r)), drainMs);
        w.postMessage({ type: 'close' } satisfies WorkerRequest);
        const ended = await within(
          exited.then(() => true),
          exitMs,
        );
        worker = null;
        if (ended) return 'exited';
        // Stuck in a run past both timeouts, or kept alive by something else: the last resort.
        await w.terminate();
        return 'terminated';
      })();
      return closing;
    },
  };
}

const CLOSED = '视觉分析服务已关闭';

/** `p`'s value, or undefined when it rejects or `ms` pass first. */
function within<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise<T | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      () => {
        clearTimeout(timer);
        resolve(undefined);
      },
    );
  });
}

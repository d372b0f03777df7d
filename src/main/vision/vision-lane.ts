import { Worker } from 'node:worker_threads';
import type { Analysis } from '../../shared/vision/analysis';
import type { RawImage } from '../../shared/image/raw-image';
import type { Stage } from './analyzer';
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
  run(image: RawImage, stages: readonly Stage[], frame: number | undefined, returnImage: boolean): Promise<LaneResult>;
  terminate(): Promise<void>;
}

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
  const pending = new Map<number, Pending>();
  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  return {
    start() {
      if (ready) return ready;
      const e = entry();
      const w = new Worker(e.file, { workerData: init, eval: e.eval });
      worker = w;
      ready = new Promise<LaneReady>((resolve, reject) => {
        w.on('message', (msg: WorkerResponse) => {
          if (msg.type === 'ready') resolve({ loaded: msg.loaded, missing: msg.missing });
          else if (msg.type === 'init-error') reject(new Error(`视觉模型加载失败：${msg.message}`));
          else {
            const p = pending.get(msg.id);
            if (!p) return;
            pending.delete(msg.id);
            if (msg.type === 'result') p.resolve({ analysis: msg.analysis, image: msg.image });
            else p.reject(msg.decode ? new ImageDecodeError(msg.message) : new Error(msg.message));
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
    async run(image, stages, frame, returnImage) {
      await this.start();
      const id = nextId++;
      const input = { kind: 'raw' as const, image };
      const req: WorkerRequest = { type: 'analyze', id, input, stages: [...stages], frame, returnImage };
      return new Promise<LaneResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker!.postMessage(req, [image.data.buffer as ArrayBuffer]);
      });
    },
    async terminate() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}

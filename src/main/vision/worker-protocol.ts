import type { Analysis } from '../../shared/vision/analysis';
import type { RawImage } from '../../shared/image/raw-image';
import type { AnalyzeHints, Stage } from './analyzer';
import type { ModelId } from './model-files';

// Messages between the vision client (main thread) and the worker thread.

export type FrameInput = { kind: 'raw'; image: RawImage } | { kind: 'encoded'; bytes: Uint8Array };

export type WorkerRequest =
  | ({
      type: 'analyze';
      id: number;
      input: FrameInput;
      stages?: Stage[];
      frame?: number;
      returnImage?: boolean;
    } & AnalyzeHints)
  /** Shutdown: after the requests before it, release the ORT sessions, answer 'closed' and let the thread end. */
  | { type: 'close' };

export type WorkerResponse =
  | { type: 'ready'; loaded: ModelId[]; missing: ModelId[]; threads: number }
  | { type: 'init-error'; message: string }
  | { type: 'result'; id: number; analysis: Analysis; image?: RawImage }
  | { type: 'error'; id: number; message: string; decode: boolean }
  | { type: 'closed' };

export interface WorkerInit {
  modelsDir: string;
  threads: number;
  /** Models this worker loads (default all): the live view splits the fast and the slow ones over two workers. */
  models?: ModelId[];
}

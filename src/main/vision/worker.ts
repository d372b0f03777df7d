import { parentPort, workerData } from 'node:worker_threads';
import { createAnalyzer } from './analyzer';
import { decodeImage, ImageDecodeError } from './decode-image';
import { MODEL_FILES, type ModelId } from './model-files';
import { loadOrtModels } from './ort-sessions';
import type { WorkerInit, WorkerRequest, WorkerResponse } from './worker-protocol';

// A vision worker thread: loads its models once, then analyses one frame per message. Inference never runs
// on the main thread, so the UI and IPC stay responsive.

const port = parentPort!;
const init = workerData as WorkerInit;
const send = (msg: WorkerResponse, transfer: ArrayBuffer[] = []) => port.postMessage(msg, transfer);

loadOrtModels(init.modelsDir, init.threads, init.models).then(
  ({ models, missing }) => {
    const analyzer = createAnalyzer(models);
    // One request at a time: the analyzer reuses its input tensors, so two frames must not interleave.
    let queue = Promise.resolve();
    port.on('message', (req: WorkerRequest) => {
      queue = queue.then(() => handle(req));
    });
    async function handle(req: WorkerRequest) {
      try {
        const image = req.input.kind === 'raw' ? req.input.image : await decodeImage(req.input.bytes);
        const analysis = await analyzer.analyze(image, { stages: req.stages, frame: req.frame });
        const transfer: ArrayBuffer[] = [];
        if (analysis.mask) transfer.push(analysis.mask.data.buffer as ArrayBuffer);
        if (req.returnImage && !(image.data.buffer instanceof SharedArrayBuffer))
          transfer.push(image.data.buffer as ArrayBuffer);
        send({ type: 'result', id: req.id, analysis, image: req.returnImage ? image : undefined }, transfer);
      } catch (err) {
        send({
          type: 'error',
          id: req.id,
          message: err instanceof Error ? err.message : String(err),
          decode: err instanceof ImageDecodeError,
        });
      }
    }
    const loaded = (init.models ?? (Object.keys(MODEL_FILES) as ModelId[])).filter((id) => models[id]);
    send({ type: 'ready', loaded, missing, threads: init.threads });
  },
  (err: unknown) => send({ type: 'init-error', message: err instanceof Error ? err.message : String(err) }),
);

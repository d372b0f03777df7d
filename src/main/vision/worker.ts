import { parentPort, workerData } from 'node:worker_threads';
import { createAnalyzer } from './analyzer';
import { decodeImage, ImageDecodeError } from './decode-image';
import { MODEL_FILES, type ModelId, type ModelSet } from './model-files';
import { loadOrtModels } from './ort-sessions';
import type { WorkerInit, WorkerRequest, WorkerResponse } from './worker-protocol';

// A vision worker thread: loads its models once, then analyses one frame per message. Inference never runs
// on the main thread, so the UI and IPC stay responsive. A 'close' message releases the ORT sessions after the
// requests before it and lets the thread end by itself: terminating it inside session.run aborts the process.

const port = parentPort!;
const init = workerData as WorkerInit;
const send = (msg: WorkerResponse, transfer: ArrayBuffer[] = []) => port.postMessage(msg, transfer);

const loading = loadOrtModels(init.modelsDir, init.threads, init.models);
loading.then(
  ({ models, missing }) => {
    const loaded = (init.models ?? (Object.keys(MODEL_FILES) as ModelId[])).filter((id) => models[id]);
    send({ type: 'ready', loaded, missing, threads: init.threads });
  },
  (err: unknown) => send({ type: 'init-error', message: err instanceof Error ? err.message : String(err) }),
);

const analyzerReady = loading.then(({ models }) => ({ models, analyzer: createAnalyzer(models) }));
// One request at a time, in arrival order (from before the models are loaded too): the analyzer reuses its input
// tensors, so two frames must not interleave, and 'close' must come after every frame sent before it.
let queue: Promise<unknown> = analyzerReady.catch(() => undefined);
port.on('message', (req: WorkerRequest) => {
  queue = queue.then(() => (req.type === 'close' ? shutdown() : handle(req)));
});

async function handle(req: Extract<WorkerRequest, { type: 'analyze' }>) {
  try {
    const { analyzer } = await analyzerReady;
    const image = req.input.kind === 'raw' ? req.input.image : await decodeImage(req.input.bytes);
    const analysis = await analyzer.analyze(image, {
      stages: req.stages,
      frame: req.frame,
      eyesCarry: req.eyesCarry,
      warmUp: req.warmUp,
      knownFaces: req.knownFaces,
    });
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

async function shutdown() {
  const models: ModelSet = await analyzerReady.then(
    (r) => r.models,
    () => ({}),
  );
  await Promise.allSettled(Object.values(models).map((m) => m.close()));
  send({ type: 'closed' });
  port.close(); // nothing else keeps the thread alive: it exits on its own
}

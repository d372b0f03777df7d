import { loadavg } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as ort from 'onnxruntime-node';
import { convertTfjsSource } from '../models/build-models';
import { MODEL_SOURCES } from '../models/model-sources';
import { MODELS_DIR } from '../models/paths';

// `npm run bench:models [-- --runs N]`: per-model inference latency with 1 vs 2 intra-op threads, plus the
// converter's transpose pass on/off. The last line of output is JSON so other tooling can pick the numbers up.

interface Variant {
  name: string;
  threads: number;
  // ORT's worker threads busy-wait between ops by default; that burns the second core the UI also needs.
  spinning: boolean;
  // Converted in memory without the transpose-sinking pass (TF.js models only).
  withoutTransposePass?: boolean;
}

const VARIANTS: Variant[] = [
  { name: '1 thread', threads: 1, spinning: true },
  { name: '2 threads', threads: 2, spinning: true },
  { name: '2 threads, no spin', threads: 2, spinning: false },
  { name: '1 thread, no transpose pass', threads: 1, spinning: true, withoutTransposePass: true },
];

// Pause between runs so one session's spinning workers have gone idle before the next session runs.
const GAP_MS = 5;
const SETTLE_MS = 50;

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

// Deterministic pseudo-random input in the model's range (timings do not depend on the values much).
function inputTensor(meta: ort.InferenceSession.ValueMetadata): ort.Tensor {
  if (!meta.isTensor) throw new Error('model input is not a tensor');
  const shape = meta.shape.map((d) => (typeof d === 'number' ? d : 1));
  const count = shape.reduce((a, b) => a * b, 1);
  let state = 12345;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  if (meta.type === 'int32') {
    return new ort.Tensor(
      'int32',
      Int32Array.from({ length: count }, () => next() * 256),
      shape,
    );
  }
  return new ort.Tensor('float32', Float32Array.from({ length: count }, next), shape);
}

interface Contender {
  variant: Variant;
  session: ort.InferenceSession;
  feeds: Record<string, ort.Tensor>;
  times: number[];
  cpuMs: number;
}

async function open(file: string, variant: Variant, bytes: Uint8Array | undefined): Promise<Contender> {
  const options: ort.InferenceSession.SessionOptions = {
    graphOptimizationLevel: 'all',
    // BlazeFace's export carries unused initializers; ORT's warning about them is noise here.
    logSeverityLevel: 3,
    executionMode: 'sequential',
    intraOpNumThreads: variant.threads,
    interOpNumThreads: 1,
    extra: { session: { intra_op: { allow_spinning: variant.spinning ? '1' : '0' } } },
  };
  const session = bytes
    ? await ort.InferenceSession.create(bytes, options)
    : await ort.InferenceSession.create(join(MODELS_DIR, file), options);
  const meta = session.inputMetadata[0];
  const name = session.inputNames[0];
  if (!meta || !name) throw new Error(`${file}: no input`);
  return { variant, session, feeds: { [name]: inputTensor(meta) }, times: [], cpuMs: 0 };
}

// The variants of one model run interleaved, so a burst of load from other work on the machine hits all alike.
async function benchModel(file: string, plainBytes: Uint8Array | undefined, runs: number, warmup: number) {
  const variants = VARIANTS.filter((v) => !v.withoutTransposePass || plainBytes);
  const contenders: Contender[] = [];
  for (const variant of variants) {
    contenders.push(await open(file, variant, variant.withoutTransposePass ? plainBytes : undefined));
  }
  for (const c of contenders) for (let i = 0; i < warmup; i++) await c.session.run(c.feeds);
  for (let i = 0; i < runs; i++) {
    for (const c of contenders) {
      const start = performance.now();
      await c.session.run(c.feeds);
      c.times.push(performance.now() - start);
      await sleep(GAP_MS);
    }
  }
  // CPU cost is measured per variant in a block of its own: interleaving would bill one pool's spinning to another.
  for (const c of contenders) {
    await sleep(SETTLE_MS);
    const cpuStart = process.cpuUsage();
    for (let i = 0; i < runs; i++) await c.session.run(c.feeds);
    // The settle pause after the block captures the workers' spin-down, which the app pays for too.
    await sleep(SETTLE_MS);
    const cpu = process.cpuUsage(cpuStart);
    c.cpuMs = (cpu.user + cpu.system) / 1000;
  }
  const results = contenders.map((c) => {
    const sorted = [...c.times].sort((a, b) => a - b);
    return {
      model: file,
      variant: c.variant.name,
      threads: c.variant.threads,
      spinning: c.variant.spinning,
      transposePass: !c.variant.withoutTransposePass,
      runs,
      medianMs: round(percentile(sorted, 50)),
      p95Ms: round(percentile(sorted, 95)),
      minMs: round(sorted[0] ?? NaN),
      // CPU time per run across all threads: what the inference takes away from the rest of the app.
      cpuMsPerRun: round(c.cpuMs / runs),
    };
  });
  for (const c of contenders) await c.session.release();
  return results;
}

async function main(): Promise<void> {
  const runs = argument('--runs', 100);
  const warmup = argument('--warmup', 10);
  // The machine is shared: the load average says whether this run was a quiet one.
  const loadBefore = loadavg().map(round);
  console.log(
    `onnxruntime-node ${ort.env.versions.common}, graphOptimizationLevel all, ${runs} runs, ${warmup} warm-up`,
  );
  console.log(`load average before: ${loadBefore.join(' ')}`);
  const header = ['model'.padEnd(26), 'variant'.padEnd(30), 'median ms'.padStart(10), 'p95 ms'.padStart(9)];
  console.log([...header, 'min ms'.padStart(9), 'cpu ms/run'.padStart(12)].join(''));
  const results = [];
  for (const source of MODEL_SOURCES) {
    const plain = source.kind === 'tfjs' ? convertTfjsSource(source, false) : undefined;
    for (const r of await benchModel(source.file, plain, runs, warmup)) {
      results.push(r);
      const cells = [r.model.padEnd(26), r.variant.padEnd(30), r.medianMs.toFixed(2).padStart(10)];
      const rest = [r.p95Ms, r.minMs].map((v) => v.toFixed(2).padStart(9));
      console.log([...cells, ...rest, r.cpuMsPerRun.toFixed(2).padStart(12)].join(''));
    }
  }
  const loadAfter = loadavg().map(round);
  console.log(`load average after: ${loadAfter.join(' ')}`);
  console.log(
    JSON.stringify({ bench: 'models', ort: ort.env.versions.common, runs, warmup, loadBefore, loadAfter, results }),
  );
}

await main();

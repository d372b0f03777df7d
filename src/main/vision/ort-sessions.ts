import { existsSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import {
  MODEL_FILES,
  MODEL_INPUTS,
  type ModelId,
  type ModelRunner,
  type ModelSet,
  type OutputTensor,
} from './model-files';

export interface LoadedModels {
  models: ModelSet;
  /** Models whose .onnx file is not in the models directory (their stages are skipped). */
  missing: ModelId[];
}

/** Load the models (default all) present in `dir` once, with `threads` intra-op threads each (sequential). */
export async function loadOrtModels(dir: string, threads: number, only?: readonly ModelId[]): Promise<LoadedModels> {
  const models: ModelSet = {};
  const missing: ModelId[] = [];
  for (const id of only ?? (Object.keys(MODEL_FILES) as ModelId[])) {
    const file = path.join(dir, MODEL_FILES[id]);
    if (!existsSync(file)) {
      missing.push(id);
      continue;
    }
    models[id] = await ortRunner(id, file, threads);
  }
  return { models, missing };
}

async function ortRunner(id: ModelId, file: string, threads: number): Promise<ModelRunner> {
  const session = await ort.InferenceSession.create(file, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
    // No busy-waiting between ops: the station's two cores are shared with the UI and the other vision worker.
    extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
  });
  const spec = MODEL_INPUTS[id];
  const inputName = session.inputNames[0]!;
  // Reused int32 input (MoveNet): a plain loop, since Int32Array.from with a map function took 13 ms per frame.
  const ints = spec.dtype === 'int32' ? new Int32Array(spec.dims.reduce((p, d) => p * d, 1)) : null;
  return {
    async run(input) {
      const data = ints ? toInt32(input, ints) : input;
      const tensor = new ort.Tensor(spec.dtype, data, spec.dims);
      const result = await session.run({ [inputName]: tensor });
      return session.outputNames.map((n): OutputTensor => ({
        data: result[n]!.data as Float32Array,
        dims: result[n]!.dims,
      }));
    },
    close: () => session.release(),
  };
}

function toInt32(input: Float32Array, out: Int32Array): Int32Array {
  for (let i = 0; i < out.length; i++) out[i] = Math.round(input[i]!);
  return out;
}

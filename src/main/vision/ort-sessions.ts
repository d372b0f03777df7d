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

/** Load every model present in `dir` once, with `threads` intra-op threads each (sequential execution). */
export async function loadOrtModels(dir: string, threads: number): Promise<LoadedModels> {
  const models: ModelSet = {};
  const missing: ModelId[] = [];
  for (const id of Object.keys(MODEL_FILES) as ModelId[]) {
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
  });
  const spec = MODEL_INPUTS[id];
  const inputName = session.inputNames[0]!;
  return {
    async run(input) {
      const data = spec.dtype === 'int32' ? Int32Array.from(input, (v) => Math.round(v)) : input;
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

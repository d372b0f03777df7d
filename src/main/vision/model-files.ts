// The five models and the files they are loaded from (under modelsDir(); names fixed by models/manifest.json).

export type ModelId = 'blazeface' | 'facemesh' | 'movenet' | 'selfie' | 'iris' | 'faceid';

export const MODEL_FILES: Record<ModelId, string> = {
  blazeface: 'blazeface-front-128.onnx',
  facemesh: 'facemesh.onnx',
  movenet: 'movenet-lightning.onnx',
  selfie: 'selfie.onnx',
  iris: 'iris.onnx',
  faceid: 'faceres.onnx',
};

export interface ModelInput {
  dims: number[];
  dtype: 'float32' | 'int32';
}

/** External layout of every model is NHWC. */
export const MODEL_INPUTS: Record<ModelId, ModelInput> = {
  blazeface: { dims: [1, 128, 128, 3], dtype: 'float32' },
  facemesh: { dims: [1, 192, 192, 3], dtype: 'float32' },
  movenet: { dims: [1, 192, 192, 3], dtype: 'int32' },
  selfie: { dims: [1, 256, 256, 3], dtype: 'float32' },
  // Both eyes in one run (batch 2: the subject's right eye, then the mirrored left eye).
  iris: { dims: [2, 64, 64, 3], dtype: 'float32' },
  faceid: { dims: [1, 224, 224, 3], dtype: 'float32' },
};

export interface OutputTensor {
  data: Float32Array;
  dims: readonly number[];
}

/** One loaded model: NHWC input in, outputs in the model's declared order. */
export interface ModelRunner {
  run(input: Float32Array): Promise<OutputTensor[]>;
  close(): Promise<void>;
}

export type ModelSet = Partial<Record<ModelId, ModelRunner>>;

import { createHash } from 'node:crypto';
import type { BuiltModel } from './build-models';
import { IR_VERSION, OPSET } from './convert-tfjs';
import type { SourceRef, UsageNotes } from './model-sources';
import { summarizeOnnxModel, type OnnxIoInfo } from './onnx-codec';

export interface ManifestEntry {
  file: string;
  title: string;
  sha256: string;
  bytes: number;
  converted: boolean;
  opset: number;
  inputs: OnnxIoInfo[];
  outputs: OnnxIoInfo[];
  source: SourceRef;
  usage: UsageNotes;
}

export interface Manifest {
  // No timestamps: the manifest must be byte-identical on every regeneration.
  generatedBy: string;
  converter: { opset: number; irVersion: number; layout: string };
  models: ManifestEntry[];
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function manifestEntry(model: BuiltModel): ManifestEntry {
  const summary = summarizeOnnxModel(model.bytes);
  const opset = summary.opsets.find((o) => o.domain === '' || o.domain === 'ai.onnx')?.version ?? 0;
  return {
    file: model.source.file,
    title: model.source.title,
    sha256: sha256Hex(model.bytes),
    bytes: model.bytes.length,
    converted: model.source.kind === 'tfjs',
    opset,
    inputs: summary.inputs,
    outputs: summary.outputs,
    source: model.source.source,
    usage: model.source.usage,
  };
}

export function buildManifest(models: readonly BuiltModel[]): Manifest {
  return {
    generatedBy: 'npm run models (scripts/models/generate-models.ts)',
    converter: {
      opset: OPSET,
      irVersion: IR_VERSION,
      layout: 'external tensors NHWC as in TF.js; NCHW inside around Conv/Pool/Resize',
    },
    models: models.map(manifestEntry),
  };
}

export function serializeManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

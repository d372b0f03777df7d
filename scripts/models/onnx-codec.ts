import { ModelProtoType } from './onnx-schema';
import { DTYPE_FROM_ONNX, type DType, type OnnxModel } from './onnx-types';

export function encodeOnnxModel(model: OnnxModel): Uint8Array {
  const error = ModelProtoType.verify(model);
  if (error) throw new Error(`invalid ONNX model object: ${error}`);
  return ModelProtoType.encode(ModelProtoType.fromObject(model)).finish();
}

export interface OnnxIoInfo {
  name: string;
  dtype: DType;
  // Unknown (symbolic) dimensions are reported as their dim_param name.
  shape: (number | string)[];
}

export interface OnnxSummary {
  irVersion: number;
  opsets: { domain: string; version: number }[];
  inputs: OnnxIoInfo[];
  outputs: OnnxIoInfo[];
  nodeCount: number;
  opTypes: Record<string, number>;
}

interface DecodedValueInfo {
  name: string;
  type?: {
    tensor_type?: { elem_type?: number; shape?: { dim?: { dim_value?: number; dim_param?: string }[] } };
  };
}

interface DecodedModel {
  ir_version?: number;
  opset_import?: { domain?: string; version?: number }[];
  graph?: {
    node?: { op_type?: string }[];
    input?: DecodedValueInfo[];
    output?: DecodedValueInfo[];
    initializer?: { name?: string }[];
  };
}

function ioInfo(value: DecodedValueInfo): OnnxIoInfo {
  const tensorType = value.type?.tensor_type;
  const dtype = DTYPE_FROM_ONNX[tensorType?.elem_type ?? 0];
  if (!dtype) throw new Error(`unsupported elem_type for ${value.name}`);
  const shape = (tensorType?.shape?.dim ?? []).map((d) => (d.dim_param ? d.dim_param : Number(d.dim_value ?? 0)));
  return { name: value.name, dtype, shape };
}

// Reads back an ONNX file with our own schema subset: used for the manifest and to check what we wrote.
export function summarizeOnnxModel(bytes: Uint8Array): OnnxSummary {
  const decoded = ModelProtoType.toObject(ModelProtoType.decode(bytes), {
    longs: Number,
    defaults: false,
  }) as DecodedModel;
  const graph = decoded.graph ?? {};
  const initializers = new Set((graph.initializer ?? []).map((t) => t.name));
  const opTypes: Record<string, number> = {};
  for (const node of graph.node ?? []) {
    const op = node.op_type ?? '';
    opTypes[op] = (opTypes[op] ?? 0) + 1;
  }
  return {
    irVersion: Number(decoded.ir_version ?? 0),
    opsets: (decoded.opset_import ?? []).map((o) => ({ domain: o.domain ?? '', version: Number(o.version ?? 0) })),
    // Old exporters list initializers as graph inputs too; those are not real inputs.
    inputs: (graph.input ?? []).filter((v) => !initializers.has(v.name)).map(ioInfo),
    outputs: (graph.output ?? []).map(ioInfo),
    nodeCount: (graph.node ?? []).length,
    opTypes,
  };
}

// Plain-object mirrors of the ONNX messages we write (protobufjs encodes these directly).

export const ONNX_DTYPE = { float32: 1, uint8: 2, int8: 3, int32: 6, int64: 7, bool: 9, float16: 10 } as const;

export type DType = 'float32' | 'int32' | 'int64' | 'bool';

export const DTYPE_FROM_ONNX: Record<number, DType | undefined> = { 1: 'float32', 6: 'int32', 7: 'int64', 9: 'bool' };

export type TensorData = Float32Array | Int32Array | BigInt64Array | Uint8Array;

export interface OnnxTensor {
  name: string;
  dims: number[];
  data_type: number;
  raw_data: Uint8Array;
}

export interface OnnxAttribute {
  name: string;
  type: number;
  f?: number;
  i?: number;
  s?: Uint8Array;
  floats?: number[];
  ints?: number[];
}

export interface OnnxNode {
  name: string;
  op_type: string;
  input: string[];
  output: string[];
  attribute: OnnxAttribute[];
}

export interface OnnxDimension {
  dim_value?: number;
  dim_param?: string;
}

export interface OnnxValueInfo {
  name: string;
  type: { tensor_type: { elem_type: number; shape: { dim: OnnxDimension[] } } };
}

export interface OnnxGraph {
  name: string;
  node: OnnxNode[];
  initializer: OnnxTensor[];
  input: OnnxValueInfo[];
  output: OnnxValueInfo[];
}

export interface OnnxModel {
  ir_version: number;
  producer_name: string;
  producer_version: string;
  model_version: number;
  doc_string: string;
  graph: OnnxGraph;
  opset_import: { domain: string; version: number }[];
  metadata_props: { key: string; value: string }[];
}

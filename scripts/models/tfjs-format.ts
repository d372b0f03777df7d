// Types of the TF.js graph-model format (model.json) — only the fields the converter reads.

export interface TfAttrValue {
  s?: string;
  i?: string | number;
  f?: number;
  b?: boolean;
  type?: string;
  shape?: { dim?: { size?: string | number }[]; unknownRank?: boolean };
  list?: { s?: string[]; i?: (string | number)[]; f?: number[]; b?: boolean[]; type?: string[] };
  tensor?: unknown;
}

export interface TfNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, TfAttrValue>;
}

export type TfjsWeightDtype = 'float32' | 'int32' | 'bool';

export interface TfjsQuantization {
  dtype: 'float16' | 'uint8' | 'uint16';
  min?: number;
  scale?: number;
  original_dtype?: string;
}

export interface TfjsWeightSpec {
  name: string;
  shape: number[];
  dtype: TfjsWeightDtype;
  quantization?: TfjsQuantization;
}

export interface TfjsWeightGroup {
  paths: string[];
  weights: TfjsWeightSpec[];
}

export interface TfjsSignatureEntry {
  name: string;
  dtype: string;
  tensorShape?: { dim?: { size?: string | number }[] };
}

export interface TfjsGraphModelJson {
  format?: string;
  generatedBy?: string;
  convertedBy?: string;
  modelTopology: { node: TfNode[]; library?: unknown; versions?: unknown };
  weightsManifest: TfjsWeightGroup[];
  signature?: { inputs?: Record<string, TfjsSignatureEntry>; outputs?: Record<string, TfjsSignatureEntry> };
}

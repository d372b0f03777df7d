import type { TfAttrValue, TfNode } from '../../../scripts/models/tfjs-format';
import type { ConstTensor } from '../../../scripts/models/weight-decoding';

// Builders for small hand-written TF.js graphs, in the same JSON shape the converter reads from model.json.

export const str = (s: string): TfAttrValue => ({ s: Buffer.from(s).toString('base64') });
export const ints = (...values: number[]): TfAttrValue => ({ list: { i: values.map(String) } });
export const strs = (...values: string[]): TfAttrValue => ({
  list: { s: values.map((v) => Buffer.from(v).toString('base64')) },
});
export const bool = (b: boolean): TfAttrValue => ({ b });
export const type = (t: string): TfAttrValue => ({ type: t });

export function placeholder(name: string, shape: number[], dtype = 'DT_FLOAT'): TfNode {
  return {
    name,
    op: 'Placeholder',
    attr: { dtype: type(dtype), shape: { shape: { dim: shape.map((size) => ({ size: String(size) })) } } },
  };
}

export const node = (name: string, op: string, input: string[], attr: Record<string, TfAttrValue> = {}): TfNode => ({
  name,
  op,
  input,
  attr,
});

export const floats = (shape: number[], values: number[]): ConstTensor => ({
  dtype: 'float32',
  shape,
  data: Float32Array.from(values),
});

export const int32s = (shape: number[], values: number[]): ConstTensor => ({
  dtype: 'int32',
  shape,
  data: Int32Array.from(values),
});

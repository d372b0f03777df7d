import { ATTRIBUTE_TYPE } from './onnx-schema';
import {
  ONNX_DTYPE,
  type DType,
  type OnnxAttribute,
  type OnnxGraph,
  type OnnxNode,
  type OnnxTensor,
  type OnnxValueInfo,
  type TensorData,
} from './onnx-types';

export type AttrValue = { i: number } | { f: number } | { s: string } | { ints: number[] } | { floats: number[] };

export interface ValueInfo {
  dtype: DType;
  // -1 marks a size unknown at conversion time (e.g. the batch of FaceMesh).
  shape: number[];
}

export interface IrNode {
  name: string;
  op: string;
  inputs: string[];
  outputs: string[];
  attrs: Record<string, AttrValue>;
}

export interface Initializer extends ValueInfo {
  data: TensorData;
}

function encodeRaw(dtype: DType, data: TensorData): Uint8Array {
  // Explicit little-endian writes keep the file bytes independent of the host.
  const width = dtype === 'int64' ? 8 : dtype === 'bool' ? 1 : 4;
  const view = new DataView(new ArrayBuffer(data.length * width));
  for (let i = 0; i < data.length; i++) {
    const value = data[i] ?? 0;
    if (dtype === 'float32') view.setFloat32(i * 4, Number(value), true);
    else if (dtype === 'int32') view.setInt32(i * 4, Number(value), true);
    else if (dtype === 'int64') view.setBigInt64(i * 8, BigInt(value), true);
    else view.setUint8(i, Number(value));
  }
  return new Uint8Array(view.buffer);
}

function encodeAttribute(name: string, value: AttrValue): OnnxAttribute {
  if ('i' in value) return { name, type: ATTRIBUTE_TYPE.INT, i: value.i };
  if ('f' in value) return { name, type: ATTRIBUTE_TYPE.FLOAT, f: value.f };
  if ('s' in value) return { name, type: ATTRIBUTE_TYPE.STRING, s: new TextEncoder().encode(value.s) };
  if ('ints' in value) return { name, type: ATTRIBUTE_TYPE.INTS, ints: value.ints };
  return { name, type: ATTRIBUTE_TYPE.FLOATS, floats: value.floats };
}

export function valueInfoProto(name: string, info: ValueInfo, symbolicDim = 'batch'): OnnxValueInfo {
  return {
    name,
    type: {
      tensor_type: {
        elem_type: ONNX_DTYPE[info.dtype],
        shape: { dim: info.shape.map((d) => (d < 0 ? { dim_param: symbolicDim } : { dim_value: d })) },
      },
    },
  };
}

export class OnnxGraphBuilder {
  nodes: IrNode[] = [];
  readonly initializers = new Map<string, Initializer>();
  readonly values = new Map<string, ValueInfo>();
  private readonly taken = new Set<string>();

  uniqueName(base: string): string {
    let name = base;
    for (let n = 1; this.taken.has(name); n++) name = `${base}_${n}`;
    this.taken.add(name);
    return name;
  }

  declareInput(name: string, info: ValueInfo): string {
    const unique = this.uniqueName(name);
    this.values.set(unique, info);
    return unique;
  }

  addInitializer(base: string, dtype: DType, shape: number[], data: TensorData): string {
    const count = shape.reduce((a, b) => a * b, 1);
    if (count !== data.length) throw new Error(`initializer ${base}: ${data.length} values for shape [${shape}]`);
    const name = this.uniqueName(base);
    this.initializers.set(name, { dtype, shape, data });
    this.values.set(name, { dtype, shape });
    return name;
  }

  float(base: string, values: readonly number[], shape: number[] = [values.length]): string {
    return this.addInitializer(base, 'float32', shape, Float32Array.from(values));
  }

  int64(base: string, values: readonly number[], shape: number[] = [values.length]): string {
    return this.addInitializer(base, 'int64', shape, BigInt64Array.from(values.map((v) => BigInt(v))));
  }

  // Adds one node; returns the names of its outputs (deduplicated from the hints).
  add(op: string, inputs: string[], outputs: (ValueInfo & { name: string })[], attrs: Record<string, AttrValue> = {}) {
    const outputNames = outputs.map((o) => {
      const name = this.uniqueName(o.name);
      this.values.set(name, { dtype: o.dtype, shape: o.shape });
      return name;
    });
    this.nodes.push({
      name: this.uniqueName(`${outputNames[0] ?? op}/${op}`),
      op,
      inputs,
      outputs: outputNames,
      attrs,
    });
    return outputNames;
  }

  // Single-output convenience form.
  add1(op: string, inputs: string[], output: ValueInfo & { name: string }, attrs: Record<string, AttrValue> = {}) {
    const [name] = this.add(op, inputs, [output], attrs);
    if (name === undefined) throw new Error('node without output');
    return name;
  }

  info(name: string): ValueInfo {
    const info = this.values.get(name);
    if (!info) throw new Error(`unknown ONNX value ${name}`);
    return info;
  }

  consumers(name: string): IrNode[] {
    return this.nodes.filter((n) => n.inputs.includes(name));
  }

  producer(name: string): IrNode | undefined {
    return this.nodes.find((n) => n.outputs.includes(name));
  }

  renameValue(from: string, to: string): void {
    for (const node of this.nodes) {
      node.inputs = node.inputs.map((n) => (n === from ? to : n));
      node.outputs = node.outputs.map((n) => (n === from ? to : n));
    }
    const info = this.values.get(from);
    if (info) this.values.set(to, info);
    this.values.delete(from);
    this.taken.add(to);
  }

  toProto(name: string, inputs: string[], outputs: string[]): OnnxGraph {
    const used = new Set(this.nodes.flatMap((n) => n.inputs));
    const initializer: OnnxTensor[] = [];
    for (const [tensorName, init] of this.initializers) {
      if (!used.has(tensorName)) continue;
      initializer.push({
        name: tensorName,
        dims: init.shape,
        data_type: ONNX_DTYPE[init.dtype],
        raw_data: encodeRaw(init.dtype, init.data),
      });
    }
    const node: OnnxNode[] = this.nodes.map((n) => ({
      name: n.name,
      op_type: n.op,
      input: n.inputs,
      output: n.outputs,
      attribute: Object.entries(n.attrs).map(([key, value]) => encodeAttribute(key, value)),
    }));
    return {
      name,
      node,
      initializer,
      input: inputs.map((i) => valueInfoProto(i, this.info(i))),
      output: outputs.map((o) => valueInfoProto(o, this.info(o))),
    };
  }
}

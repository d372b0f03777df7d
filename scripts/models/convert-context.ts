import { NCHW_TO_NHWC, NHWC_TO_NCHW, permuteShape } from './layout';
import type { OnnxGraphBuilder, ValueInfo } from './onnx-graph';
import { parseInputRef } from './tfjs-attrs';
import type { TfNode } from './tfjs-format';
import type { ConstTensor } from './weight-decoding';

export interface TfValue extends ValueInfo {
  // ONNX value name once materialised (consts are materialised lazily, only if used as a tensor).
  onnx?: string;
  constant?: ConstTensor;
}

function refKey(ref: string): string {
  const { node, index } = parseInputRef(ref);
  return `${node}:${index}`;
}

export class ConvertContext {
  private readonly values = new Map<string, TfValue>();

  constructor(readonly graph: OnnxGraphBuilder) {}

  inputs(node: TfNode): string[] {
    return (node.input ?? []).filter((ref) => !ref.startsWith('^'));
  }

  input(node: TfNode, index: number): string {
    const ref = this.inputs(node)[index];
    if (ref === undefined) throw new Error(`${node.op} ${node.name}: missing input ${index}`);
    return ref;
  }

  private lookup(ref: string): TfValue {
    const value = this.values.get(refKey(ref));
    if (!value) throw new Error(`TF value ${ref} has not been converted`);
    return value;
  }

  setConst(nodeName: string, constant: ConstTensor): void {
    this.values.set(`${nodeName}:0`, { dtype: constant.dtype, shape: constant.shape, constant });
  }

  setOutput(node: TfNode, index: number, onnx: string): void {
    const info = this.graph.info(onnx);
    this.values.set(`${node.name}:${index}`, { ...info, onnx });
  }

  info(ref: string): ValueInfo {
    const { dtype, shape } = this.lookup(ref);
    return { dtype, shape };
  }

  isConst(ref: string): boolean {
    return this.lookup(ref).constant !== undefined;
  }

  constOf(ref: string): ConstTensor {
    const constant = this.lookup(ref).constant;
    if (!constant) throw new Error(`${ref} must be a constant for this conversion`);
    return constant;
  }

  constInts(ref: string): number[] {
    const constant = this.constOf(ref);
    if (constant.dtype !== 'int32') throw new Error(`${ref} must be an int32 constant`);
    return Array.from(constant.data);
  }

  // ONNX value name for a TF tensor input, materialising constants as initializers on first use.
  value(ref: string): string {
    const value = this.lookup(ref);
    if (value.onnx) return value.onnx;
    if (!value.constant) throw new Error(`TF value ${ref} has no ONNX value`);
    const name = parseInputRef(ref).node;
    value.onnx = this.graph.addInitializer(name, value.constant.dtype, value.constant.shape, value.constant.data);
    return value.onnx;
  }

  toNchw(ref: string, hint: string): string {
    const info = this.info(ref);
    if (info.shape.length !== 4) throw new Error(`${ref}: expected a 4-d NHWC tensor`);
    return this.graph.add1(
      'Transpose',
      [this.value(ref)],
      { name: `${hint}/to_nchw`, dtype: info.dtype, shape: permuteShape(info.shape, NHWC_TO_NCHW) },
      { perm: { ints: [...NHWC_TO_NCHW] } },
    );
  }

  fromNchw(onnx: string, node: TfNode): string {
    const info = this.graph.info(onnx);
    return this.graph.add1(
      'Transpose',
      [onnx],
      { name: node.name, dtype: info.dtype, shape: permuteShape(info.shape, NCHW_TO_NHWC) },
      { perm: { ints: [...NCHW_TO_NHWC] } },
    );
  }
}

export type OpHandler = (ctx: ConvertContext, node: TfNode) => void;

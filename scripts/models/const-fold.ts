import type { ConvertContext } from './convert-context';
import { attrInt } from './tfjs-attrs';
import type { TfNode } from './tfjs-format';
import type { ConstTensor } from './weight-decoding';

// Shape arithmetic folded at conversion time. Graphs exported with a dynamic input size compute their resize
// targets at run time (Shape → StridedSlice → Mul → Pack → ResizeBilinear); once the ONNX input is given a fixed
// size every shape is known, so these nodes become int32 constants and the Resize gets a constant size.

function int32(shape: number[], values: number[]): ConstTensor {
  return { dtype: 'int32', shape, data: Int32Array.from(values) };
}

function allConst(ctx: ConvertContext, node: TfNode): boolean {
  return ctx.inputs(node).every((ref) => ctx.isConst(ref) && ctx.constOf(ref).dtype === 'int32');
}

function stridedSlice1d(ctx: ConvertContext, node: TfNode): ConstTensor | undefined {
  const [xRef, beginRef, endRef, stridesRef] = ctx.inputs(node);
  if (!xRef || !beginRef || !endRef || !stridesRef) return undefined;
  const x = ctx.constOf(xRef);
  if (x.shape.length !== 1) return undefined;
  for (const mask of ['ellipsis_mask', 'new_axis_mask']) {
    if (attrInt(node, mask, 0) !== 0) return undefined;
  }
  const n = x.shape[0] ?? 0;
  const [b0 = 0] = ctx.constInts(beginRef);
  const [e0 = n] = ctx.constInts(endRef);
  const [s = 1] = ctx.constInts(stridesRef);
  if (s !== 1) return undefined;
  const clamp = (v: number) => Math.min(n, Math.max(0, v < 0 ? v + n : v));
  const begin = attrInt(node, 'begin_mask', 0) & 1 ? 0 : clamp(b0);
  if (attrInt(node, 'shrink_axis_mask', 0) & 1) return int32([], [x.data[begin] ?? 0]);
  const end = attrInt(node, 'end_mask', 0) & 1 ? n : clamp(e0);
  const values = Array.from(x.data.slice(begin, Math.max(begin, end)));
  return int32([values.length], values);
}

function elementwise(ctx: ConvertContext, node: TfNode, f: (a: number, b: number) => number): ConstTensor | undefined {
  const [aRef, bRef] = ctx.inputs(node);
  if (!aRef || !bRef) return undefined;
  const a = ctx.constOf(aRef);
  const b = ctx.constOf(bRef);
  const aN = a.data.length;
  const bN = b.data.length;
  if (aN !== bN && aN !== 1 && bN !== 1) return undefined;
  const shape = aN >= bN ? a.shape : b.shape;
  const n = Math.max(aN, bN);
  return int32(
    shape,
    Array.from({ length: n }, (_, i) => f(a.data[aN === 1 ? 0 : i] ?? 0, b.data[bN === 1 ? 0 : i] ?? 0)),
  );
}

function fold(ctx: ConvertContext, node: TfNode): ConstTensor | undefined {
  if (node.op === 'Shape') {
    const shape = ctx.info(ctx.input(node, 0)).shape;
    if (shape.some((d) => d < 0)) return undefined;
    return int32([shape.length], shape);
  }
  if (!allConst(ctx, node)) return undefined;
  switch (node.op) {
    case 'StridedSlice':
      return stridedSlice1d(ctx, node);
    case 'Mul':
      return elementwise(ctx, node, (a, b) => a * b);
    case 'Add':
    case 'AddV2':
      return elementwise(ctx, node, (a, b) => a + b);
    case 'Sub':
      return elementwise(ctx, node, (a, b) => a - b);
    case 'Pack': {
      const refs = ctx.inputs(node);
      if (attrInt(node, 'axis', 0) !== 0 || refs.some((r) => ctx.constOf(r).shape.length !== 0)) return undefined;
      return int32(
        [refs.length],
        refs.map((r) => ctx.constOf(r).data[0] ?? 0),
      );
    }
    default:
      return undefined;
  }
}

// True when the node was folded into a constant (the caller then skips its handler).
export function foldConstantNode(ctx: ConvertContext, node: TfNode): boolean {
  const folded = fold(ctx, node);
  if (!folded) return false;
  ctx.setConst(node.name, folded);
  return true;
}

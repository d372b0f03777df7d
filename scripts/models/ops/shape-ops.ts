import type { ConvertContext, OpHandler } from '../convert-context';
import type { AttrValue, ValueInfo } from '../onnx-graph';
import { normalizeAxis, reshapeShape } from '../shape-utils';
import { attrInt, attrInts } from '../tfjs-attrs';
import type { TfNode } from '../tfjs-format';

function scalarInt(ctx: ConvertContext, ref: string): number {
  const [value] = ctx.constInts(ref);
  if (value === undefined) throw new Error(`${ref}: expected a scalar`);
  return value;
}

function unsqueeze(ctx: ConvertContext, x: string, axis: number, name: string): string {
  const info = ctx.graph.info(x);
  const at = axis < 0 ? axis + info.shape.length + 1 : axis;
  const shape = [...info.shape.slice(0, at), 1, ...info.shape.slice(at)];
  const axes = ctx.graph.int64(`${name}/axes`, [at]);
  return ctx.graph.add1('Unsqueeze', [x, axes], { name, dtype: info.dtype, shape });
}

function squeeze(ctx: ConvertContext, x: string, axes: number[], name: string): string {
  const info = ctx.graph.info(x);
  const resolved = axes.map((a) => normalizeAxis(a, info.shape.length));
  const shape = info.shape.filter((_, i) => !resolved.includes(i));
  const axesName = ctx.graph.int64(`${name}/axes`, resolved);
  return ctx.graph.add1('Squeeze', [x, axesName], { name, dtype: info.dtype, shape });
}

const reshape: OpHandler = (ctx, node) => {
  const x = ctx.input(node, 0);
  const target = ctx.constInts(ctx.input(node, 1));
  // ONNX treats 0 as "copy this dim" unless allowzero; TF means a literal 0.
  const attrs: Record<string, AttrValue> = target.includes(0) ? { allowzero: { i: 1 } } : {};
  const shapeName = ctx.graph.int64(`${node.name}/shape`, target);
  const info = ctx.info(x);
  const out = { name: node.name, dtype: info.dtype, shape: reshapeShape(info.shape, target) };
  ctx.setOutput(node, 0, ctx.graph.add1('Reshape', [ctx.value(x), shapeName], out, attrs));
};

const expandDims: OpHandler = (ctx, node) => {
  const axis = scalarInt(ctx, ctx.input(node, 1));
  ctx.setOutput(node, 0, unsqueeze(ctx, ctx.value(ctx.input(node, 0)), axis, node.name));
};

const squeezeOp: OpHandler = (ctx, node) => {
  const x = ctx.input(node, 0);
  let axes = attrInts(node, 'squeeze_dims', []);
  if (axes.length === 0) {
    const shape = ctx.info(x).shape;
    if (shape.some((d) => d < 0)) throw new Error(`${node.name}: Squeeze of all unit dims needs a known shape`);
    axes = shape.flatMap((d, i) => (d === 1 ? [i] : []));
  }
  ctx.setOutput(node, 0, squeeze(ctx, ctx.value(x), axes, node.name));
};

function concatShape(infos: ValueInfo[], axis: number): number[] {
  const first = infos[0];
  if (!first) throw new Error('concat of nothing');
  const size = infos.reduce((n, i) => (n < 0 || (i.shape[axis] ?? -1) < 0 ? -1 : n + (i.shape[axis] ?? 0)), 0);
  return first.shape.map((d, i) => (i === axis ? size : d));
}

const concat: OpHandler = (ctx, node) => {
  const refs = ctx.inputs(node);
  const axisRef = refs.pop();
  if (axisRef === undefined) throw new Error(`${node.name}: ConcatV2 without inputs`);
  const infos = refs.map((r) => ctx.info(r));
  const rank = infos[0]?.shape.length ?? 0;
  const axis = normalizeAxis(scalarInt(ctx, axisRef), rank);
  const out = { name: node.name, dtype: infos[0]?.dtype ?? 'float32', shape: concatShape(infos, axis) };
  ctx.setOutput(
    node,
    0,
    ctx.graph.add1(
      'Concat',
      refs.map((r) => ctx.value(r)),
      out,
      { axis: { i: axis } },
    ),
  );
};

const pack: OpHandler = (ctx, node) => {
  const refs = ctx.inputs(node);
  const rank = (ctx.info(ctx.input(node, 0)).shape.length ?? 0) + 1;
  const axis = normalizeAxis(attrInt(node, 'axis', 0), rank);
  const expanded = refs.map((r, i) => unsqueeze(ctx, ctx.value(r), axis, `${node.name}/item${i}`));
  if (expanded.length === 1 && expanded[0] !== undefined) {
    ctx.setOutput(node, 0, expanded[0]);
    return;
  }
  const infos = expanded.map((e) => ctx.graph.info(e));
  const out = { name: node.name, dtype: infos[0]?.dtype ?? 'float32', shape: concatShape(infos, axis) };
  ctx.setOutput(node, 0, ctx.graph.add1('Concat', expanded, out, { axis: { i: axis } }));
};

const unpack: OpHandler = (ctx, node) => {
  const x = ctx.input(node, 0);
  const info = ctx.info(x);
  const axis = normalizeAxis(attrInt(node, 'axis', 0), info.shape.length);
  const count = attrInt(node, 'num', info.shape[axis] ?? -1);
  if (count <= 0) throw new Error(`${node.name}: Unpack needs a known count`);
  let parts = [ctx.value(x)];
  if (count > 1) {
    const partShape = info.shape.map((d, i) => (i === axis ? 1 : d));
    const outputs = Array.from({ length: count }, (_, i) => ({
      name: `${node.name}/split${i}`,
      dtype: info.dtype,
      shape: partShape,
    }));
    // Without a 'split' input the axis is split into equal parts, one per output.
    parts = ctx.graph.add('Split', [ctx.value(x)], outputs, { axis: { i: axis } });
  }
  parts.forEach((part, i) =>
    ctx.setOutput(node, i, squeeze(ctx, part, [axis], i === 0 ? node.name : `${node.name}:${i}`)),
  );
};

function padding(ctx: ConvertContext, node: TfNode, constantValue: string | undefined): void {
  const x = ctx.input(node, 0);
  const info = ctx.info(x);
  const pairs = ctx.constInts(ctx.input(node, 1));
  const rank = info.shape.length;
  if (pairs.length !== rank * 2) throw new Error(`${node.name}: paddings do not match rank ${rank}`);
  // TF [[b0, e0], [b1, e1], ...] → ONNX [b0, b1, ..., e0, e1, ...]
  const begins = Array.from({ length: rank }, (_, i) => pairs[i * 2] ?? 0);
  const ends = Array.from({ length: rank }, (_, i) => pairs[i * 2 + 1] ?? 0);
  const pads = ctx.graph.int64(`${node.name}/pads`, [...begins, ...ends]);
  const shape = info.shape.map((d, i) => (d < 0 ? d : d + (begins[i] ?? 0) + (ends[i] ?? 0)));
  const inputs = [ctx.value(x), pads, ...(constantValue ? [constantValue] : [])];
  ctx.setOutput(
    node,
    0,
    ctx.graph.add1('Pad', inputs, { name: node.name, dtype: info.dtype, shape }, { mode: { s: 'constant' } }),
  );
}

export const shapeOps: Record<string, OpHandler> = {
  Reshape: reshape,
  ExpandDims: expandDims,
  Squeeze: squeezeOp,
  ConcatV2: concat,
  Pack: pack,
  Unpack: unpack,
  Pad: (ctx, node) => padding(ctx, node, undefined),
  PadV2: (ctx, node) => padding(ctx, node, ctx.value(ctx.input(node, 2))),
};

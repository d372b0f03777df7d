import type { ConvertContext, OpHandler } from '../convert-context';
import { normalizeAxis } from '../shape-utils';
import { attrBool } from '../tfjs-attrs';
import type { TfNode } from '../tfjs-format';

// Reductions over constant axes (FaceRes' global average pooling). Opset 17: ReduceSum takes its axes as an input
// (since 13), ReduceMean still as an attribute (until 18).

function reduction(ctx: ConvertContext, node: TfNode) {
  const x = ctx.input(node, 0);
  const info = ctx.info(x);
  const axes = ctx.constInts(ctx.input(node, 1)).map((a) => normalizeAxis(a, info.shape.length));
  const keep = attrBool(node, 'keep_dims', false);
  const shape = keep
    ? info.shape.map((d, i) => (axes.includes(i) ? 1 : d))
    : info.shape.filter((_, i) => !axes.includes(i));
  return { x: ctx.value(x), axes, keep, out: { name: node.name, dtype: info.dtype, shape } };
}

const sum: OpHandler = (ctx, node) => {
  const r = reduction(ctx, node);
  const axes = ctx.graph.int64(`${node.name}/axes`, r.axes);
  ctx.setOutput(node, 0, ctx.graph.add1('ReduceSum', [r.x, axes], r.out, { keepdims: { i: r.keep ? 1 : 0 } }));
};

const mean: OpHandler = (ctx, node) => {
  const r = reduction(ctx, node);
  ctx.setOutput(
    node,
    0,
    ctx.graph.add1('ReduceMean', [r.x], r.out, { axes: { ints: r.axes }, keepdims: { i: r.keep ? 1 : 0 } }),
  );
};

const square: OpHandler = (ctx, node) => {
  const x = ctx.input(node, 0);
  const v = ctx.value(x);
  ctx.setOutput(node, 0, ctx.graph.add1('Mul', [v, v], { name: node.name, ...ctx.info(x) }));
};

export const reduceOps: Record<string, OpHandler> = {
  Sum: sum,
  Mean: mean,
  Square: square,
};

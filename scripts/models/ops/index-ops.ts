import type { OpHandler } from '../convert-context';
import { ONNX_DTYPE } from '../onnx-types';
import { normalizeAxis } from '../shape-utils';
import { attrType } from '../tfjs-attrs';

const argMax: OpHandler = (ctx, node) => {
  const x = ctx.input(node, 0);
  const info = ctx.info(x);
  const [rawAxis] = ctx.constInts(ctx.input(node, 1));
  const axis = normalizeAxis(rawAxis ?? 0, info.shape.length);
  const shape = info.shape.filter((_, i) => i !== axis);
  const outType = node.attr?.output_type ? attrType(node, 'output_type') : 'int64';
  // ONNX ArgMax always yields int64 and, like TF, picks the first index on ties (select_last_index=0).
  const index = ctx.graph.add1(
    'ArgMax',
    [ctx.value(x)],
    { name: outType === 'int64' ? node.name : `${node.name}/int64`, dtype: 'int64', shape },
    { axis: { i: axis }, keepdims: { i: 0 } },
  );
  if (outType === 'int64') {
    ctx.setOutput(node, 0, index);
    return;
  }
  const cast = ctx.graph.add1(
    'Cast',
    [index],
    { name: node.name, dtype: outType, shape },
    { to: { i: ONNX_DTYPE[outType] } },
  );
  ctx.setOutput(node, 0, cast);
};

const gatherNd: OpHandler = (ctx, node) => {
  const params = ctx.input(node, 0);
  const indicesRef = ctx.input(node, 1);
  const paramsInfo = ctx.info(params);
  const indicesInfo = ctx.info(indicesRef);
  const depth = indicesInfo.shape[indicesInfo.shape.length - 1] ?? -1;
  if (depth < 0) throw new Error(`${node.name}: GatherNd needs a known index depth`);
  // ONNX GatherND takes int64 indices only.
  let indices: string;
  if (ctx.isConst(indicesRef)) {
    const constant = ctx.constOf(indicesRef);
    indices = ctx.graph.int64(`${node.name}/indices`, Array.from(constant.data), constant.shape);
  } else if (indicesInfo.dtype === 'int64') {
    indices = ctx.value(indicesRef);
  } else {
    indices = ctx.graph.add1(
      'Cast',
      [ctx.value(indicesRef)],
      { name: `${node.name}/indices`, dtype: 'int64', shape: indicesInfo.shape },
      { to: { i: ONNX_DTYPE.int64 } },
    );
  }
  const shape = [...indicesInfo.shape.slice(0, -1), ...paramsInfo.shape.slice(depth)];
  const out = ctx.graph.add1('GatherND', [ctx.value(params), indices], {
    name: node.name,
    dtype: paramsInfo.dtype,
    shape,
  });
  ctx.setOutput(node, 0, out);
};

export const indexOps: Record<string, OpHandler> = {
  ArgMax: argMax,
  GatherNd: gatherNd,
};

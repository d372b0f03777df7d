import type { ConvertContext, OpHandler } from '../convert-context';
import type { AttrValue } from '../onnx-graph';
import { ONNX_DTYPE } from '../onnx-types';
import { broadcastShapes } from '../shape-utils';
import { attrFloat, attrType } from '../tfjs-attrs';
import type { TfNode } from '../tfjs-format';

function binaryOutput(ctx: ConvertContext, node: TfNode) {
  const a = ctx.info(ctx.input(node, 0));
  const b = ctx.info(ctx.input(node, 1));
  return { name: node.name, dtype: a.dtype, shape: broadcastShapes(a.shape, b.shape) };
}

function binary(op: string): OpHandler {
  return (ctx, node) => {
    const inputs = [ctx.value(ctx.input(node, 0)), ctx.value(ctx.input(node, 1))];
    ctx.setOutput(node, 0, ctx.graph.add1(op, inputs, binaryOutput(ctx, node)));
  };
}

function unary(op: string, attrs: (node: TfNode) => Record<string, AttrValue> = () => ({})): OpHandler {
  return (ctx, node) => {
    const x = ctx.input(node, 0);
    ctx.setOutput(node, 0, ctx.graph.add1(op, [ctx.value(x)], { name: node.name, ...ctx.info(x) }, attrs(node)));
  };
}

// Relu6 has no ONNX op: Clip with scalar bounds (opset ≥ 11 takes them as inputs).
export function clipValue(ctx: ConvertContext, x: string, name: string, min: number, max: number): string {
  const info = ctx.graph.info(x);
  const lo = ctx.graph.float(`${name}/clip_min`, [min], []);
  const hi = ctx.graph.float(`${name}/clip_max`, [max], []);
  return ctx.graph.add1('Clip', [x, lo, hi], { name, ...info });
}

const relu6: OpHandler = (ctx, node) => {
  ctx.setOutput(node, 0, clipValue(ctx, ctx.value(ctx.input(node, 0)), node.name, 0, 6));
};

const squaredDifference: OpHandler = (ctx, node) => {
  const out = binaryOutput(ctx, node);
  const diff = ctx.graph.add1('Sub', [ctx.value(ctx.input(node, 0)), ctx.value(ctx.input(node, 1))], {
    ...out,
    name: `${node.name}/diff`,
  });
  ctx.setOutput(node, 0, ctx.graph.add1('Mul', [diff, diff], out));
};

// floor(a / b): for integers a - mod(a, b) is an exact multiple of b (ONNX Mod with fmod=0 takes the divisor's sign).
const floorDiv: OpHandler = (ctx, node) => {
  const out = binaryOutput(ctx, node);
  const a = ctx.value(ctx.input(node, 0));
  const b = ctx.value(ctx.input(node, 1));
  if (out.dtype === 'float32') {
    const quotient = ctx.graph.add1('Div', [a, b], { ...out, name: `${node.name}/div` });
    ctx.setOutput(node, 0, ctx.graph.add1('Floor', [quotient], out));
    return;
  }
  const remainder = ctx.graph.add1('Mod', [a, b], { ...out, name: `${node.name}/mod` }, { fmod: { i: 0 } });
  const exact = ctx.graph.add1('Sub', [a, remainder], { ...out, name: `${node.name}/exact` });
  ctx.setOutput(node, 0, ctx.graph.add1('Div', [exact, b], out));
};

const addN: OpHandler = (ctx, node) => {
  const refs = ctx.inputs(node);
  const shape = refs.map((r) => ctx.info(r).shape).reduce((a, b) => broadcastShapes(a, b));
  const first = ctx.info(ctx.input(node, 0));
  ctx.setOutput(
    node,
    0,
    ctx.graph.add1(
      'Sum',
      refs.map((r) => ctx.value(r)),
      { name: node.name, dtype: first.dtype, shape },
    ),
  );
};

const rsqrt: OpHandler = (ctx, node) => {
  const x = ctx.input(node, 0);
  const info = ctx.info(x);
  const root = ctx.graph.add1('Sqrt', [ctx.value(x)], { name: `${node.name}/sqrt`, ...info });
  ctx.setOutput(node, 0, ctx.graph.add1('Reciprocal', [root], { name: node.name, ...info }));
};

const cast: OpHandler = (ctx, node) => {
  const x = ctx.input(node, 0);
  const info = ctx.info(x);
  const to = attrType(node, 'DstT');
  if (to === info.dtype) {
    ctx.setOutput(node, 0, ctx.value(x));
    return;
  }
  const out = ctx.graph.add1(
    'Cast',
    [ctx.value(x)],
    { name: node.name, dtype: to, shape: info.shape },
    {
      to: { i: ONNX_DTYPE[to] },
    },
  );
  ctx.setOutput(node, 0, out);
};

const identity: OpHandler = (ctx, node) => {
  ctx.setOutput(node, 0, ctx.value(ctx.input(node, 0)));
};

export const elementwiseOps: Record<string, OpHandler> = {
  Add: binary('Add'),
  AddV2: binary('Add'),
  AddN: addN,
  Sub: binary('Sub'),
  Mul: binary('Mul'),
  RealDiv: binary('Div'),
  Div: binary('Div'),
  Maximum: binary('Max'),
  Minimum: binary('Min'),
  Prelu: binary('PRelu'),
  SquaredDifference: squaredDifference,
  FloorDiv: floorDiv,
  Relu: unary('Relu'),
  Relu6: relu6,
  Elu: unary('Elu'),
  LeakyRelu: unary('LeakyRelu', (node) => ({ alpha: { f: attrFloat(node, 'alpha', 0.2) } })),
  Sigmoid: unary('Sigmoid'),
  // TF Softmax is over the last axis; ONNX (opset ≥ 13) takes the axis as an attribute.
  Softmax: unary('Softmax', () => ({ axis: { i: -1 } })),
  Tanh: unary('Tanh'),
  Sqrt: unary('Sqrt'),
  Rsqrt: rsqrt,
  Exp: unary('Exp'),
  Neg: unary('Neg'),
  Abs: unary('Abs'),
  Floor: unary('Floor'),
  Cast: cast,
  Identity: identity,
};

import type { ConvertContext, OpHandler } from '../convert-context';
import {
  broadcastConstToLayout,
  conv2dFilterToOihw,
  depthwiseFilterToOihw,
  NHWC_TO_NCHW,
  transposedConvFilterToIohw,
} from '../layout';
import type { AttrValue } from '../onnx-graph';
import { axisPadding, transposedConvPadding, type TfPadding } from '../padding';
import { attrFloat, attrInts, attrString, attrStrings } from '../tfjs-attrs';
import type { TfNode } from '../tfjs-format';
import { clipValue } from './elementwise';

export interface SpatialParams {
  strides: [number, number];
  dilations: [number, number];
  padding: TfPadding;
  explicit: [[number, number], [number, number]] | undefined;
}

export function spatialParams(node: TfNode): SpatialParams {
  const format = attrString(node, 'data_format', 'NHWC');
  if (format !== 'NHWC') throw new Error(`${node.name}: data_format ${format} is not supported`);
  const strides = attrInts(node, 'strides', [1, 1, 1, 1]);
  const dilations = attrInts(node, 'dilations', [1, 1, 1, 1]);
  const padding = attrString(node, 'padding') as TfPadding;
  const explicitList = attrInts(node, 'explicit_paddings', []);
  const explicit: SpatialParams['explicit'] =
    padding === 'EXPLICIT'
      ? [
          [explicitList[2] ?? 0, explicitList[3] ?? 0],
          [explicitList[4] ?? 0, explicitList[5] ?? 0],
        ]
      : undefined;
  return {
    strides: [strides[1] ?? 1, strides[2] ?? 1],
    dilations: [dilations[1] ?? 1, dilations[2] ?? 1],
    padding,
    explicit,
  };
}

// ONNX pads are [top, left, bottom, right]; TF SAME can be asymmetric, so they are always explicit.
export function onnxConvGeometry(inputHw: [number, number], kernelHw: [number, number], params: SpatialParams) {
  const axes = [0, 1].map((i) =>
    axisPadding(
      params.padding,
      inputHw[i] ?? -1,
      kernelHw[i] ?? 1,
      params.strides[i] ?? 1,
      params.dilations[i] ?? 1,
      params.explicit?.[i],
    ),
  );
  const [h, w] = axes as [(typeof axes)[0], (typeof axes)[0]];
  return { pads: [h.before, w.before, h.after, w.after], output: [h.output, w.output] as [number, number] };
}

type Activation = 'Relu' | 'Relu6' | 'Prelu' | 'LeakyRelu' | 'Elu' | 'Sigmoid' | 'Tanh';

interface Fusion {
  bias?: string;
  activation?: Activation;
  // Extra activation operand (Prelu alpha), as a TF ref.
  alpha?: string;
}

function readFusion(ctx: ConvertContext, node: TfNode): Fusion {
  const fused = attrStrings(node, 'fused_ops');
  if (fused.length === 0) return {};
  const args = ctx.inputs(node).slice(2);
  const [first, activation, ...rest] = fused;
  if (first !== 'BiasAdd' || rest.length > 0)
    throw new Error(`${node.name}: fused ops ${fused.join('+')} not supported`);
  if (
    activation !== undefined &&
    !['Relu', 'Relu6', 'Prelu', 'LeakyRelu', 'Elu', 'Sigmoid', 'Tanh'].includes(activation)
  ) {
    throw new Error(`${node.name}: fused activation ${activation} not supported`);
  }
  return { bias: args[0], activation: activation as Activation | undefined, alpha: args[1] };
}

function activate(ctx: ConvertContext, node: TfNode, x: string, fusion: Fusion): string {
  const info = ctx.graph.info(x);
  const name = `${node.name}/act`;
  switch (fusion.activation) {
    case undefined:
      return x;
    case 'Relu6':
      return clipValue(ctx, x, name, 0, 6);
    case 'LeakyRelu':
      return ctx.graph.add1(
        'LeakyRelu',
        [x],
        { name, ...info },
        { alpha: { f: attrFloat(node, 'leakyrelu_alpha', 0.2) } },
      );
    case 'Prelu': {
      if (!fusion.alpha) throw new Error(`${node.name}: Prelu without alpha`);
      // The alpha broadcasts against NHWC in TF; re-lay it out for the NCHW conv output.
      const alpha = ctx.constOf(fusion.alpha);
      const moved = broadcastConstToLayout(alpha.data as Float32Array, alpha.shape, NHWC_TO_NCHW);
      const slope = ctx.graph.addInitializer(`${node.name}/alpha`, 'float32', moved.shape, moved.data);
      return ctx.graph.add1('PRelu', [x, slope], { name, ...info });
    }
    default:
      return ctx.graph.add1(fusion.activation, [x], { name, ...info });
  }
}

function biasInput(ctx: ConvertContext, node: TfNode, fusion: Fusion): string[] {
  if (!fusion.bias) return [];
  const bias = ctx.constOf(fusion.bias);
  return [ctx.graph.addInitializer(`${node.name}/bias`, 'float32', [bias.data.length], bias.data)];
}

function conv(ctx: ConvertContext, node: TfNode, depthwise: boolean): void {
  const x = ctx.input(node, 0);
  const filter = ctx.constOf(ctx.input(node, 1));
  if (filter.dtype !== 'float32') throw new Error(`${node.name}: filter must be float32`);
  const [kh = 1, kw = 1, filterIn = 1, filterOut = 1] = filter.shape;
  const [n = -1, h = -1, w = -1, channels = -1] = ctx.info(x).shape;
  const params = spatialParams(node);
  const geometry = onnxConvGeometry([h, w], [kh, kw], params);
  const weight = depthwise
    ? depthwiseFilterToOihw(filter.data as Float32Array, filter.shape)
    : conv2dFilterToOihw(filter.data as Float32Array, filter.shape);
  // Depthwise: one group per input channel. Conv2D: grouped when the filter sees fewer channels than the input.
  const group = depthwise ? filterIn : channels / filterIn;
  if (!Number.isInteger(group) || group < 1) throw new Error(`${node.name}: cannot infer conv groups`);
  const outChannels = depthwise ? filterIn * filterOut : filterOut;
  const fusion = readFusion(ctx, node);
  const weightName = ctx.graph.addInitializer(`${node.name}/weight`, 'float32', weight.shape, weight.data);
  const attrs: Record<string, AttrValue> = {
    kernel_shape: { ints: [kh, kw] },
    strides: { ints: [...params.strides] },
    dilations: { ints: [...params.dilations] },
    pads: { ints: geometry.pads },
    group: { i: group },
  };
  const input = ctx.toNchw(x, node.name);
  const convOut = ctx.graph.add1(
    'Conv',
    [input, weightName, ...biasInput(ctx, node, fusion)],
    { name: `${node.name}/nchw`, dtype: 'float32', shape: [n, outChannels, ...geometry.output] },
    attrs,
  );
  ctx.setOutput(node, 0, ctx.fromNchw(activate(ctx, node, convOut, fusion), node));
}

const conv2dBackpropInput: OpHandler = (ctx, node) => {
  const sizes = ctx.constInts(ctx.input(node, 0));
  const filter = ctx.constOf(ctx.input(node, 1));
  const dy = ctx.input(node, 2);
  const [kh = 1, kw = 1, outChannels = 1] = filter.shape;
  const [n = -1, h = -1, w = -1] = ctx.info(dy).shape;
  const [, outH = -1, outW = -1] = sizes;
  const params = spatialParams(node);
  if (params.padding === 'EXPLICIT') throw new Error(`${node.name}: EXPLICIT transposed conv padding not supported`);
  const rows = transposedConvPadding(params.padding, outH, h, kh, params.strides[0], params.dilations[0]);
  const cols = transposedConvPadding(params.padding, outW, w, kw, params.strides[1], params.dilations[1]);
  const weight = transposedConvFilterToIohw(filter.data as Float32Array, filter.shape);
  const weightName = ctx.graph.addInitializer(`${node.name}/weight`, 'float32', weight.shape, weight.data);
  const input = ctx.toNchw(dy, node.name);
  const out = ctx.graph.add1(
    'ConvTranspose',
    [input, weightName],
    { name: `${node.name}/nchw`, dtype: 'float32', shape: [n, outChannels, outH, outW] },
    {
      kernel_shape: { ints: [kh, kw] },
      strides: { ints: [...params.strides] },
      dilations: { ints: [...params.dilations] },
      pads: { ints: [rows.before, cols.before, rows.after, cols.after] },
      output_padding: { ints: [rows.outputPadding, cols.outputPadding] },
    },
  );
  ctx.setOutput(node, 0, ctx.fromNchw(out, node));
};

export const convOps: Record<string, OpHandler> = {
  Conv2D: (ctx, node) => conv(ctx, node, false),
  _FusedConv2D: (ctx, node) => conv(ctx, node, false),
  DepthwiseConv2dNative: (ctx, node) => conv(ctx, node, true),
  FusedDepthwiseConv2dNative: (ctx, node) => conv(ctx, node, true),
  _FusedDepthwiseConv2dNative: (ctx, node) => conv(ctx, node, true),
  Conv2DBackpropInput: conv2dBackpropInput,
};

import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { convertGraph, convertTfjsModel, type ConversionOptions } from '../../../scripts/models/convert-tfjs';
import { encodeOnnxModel, summarizeOnnxModel } from '../../../scripts/models/onnx-codec';
import type { IrNode } from '../../../scripts/models/onnx-graph';
import { coordinateTransformMode } from '../../../scripts/models/ops/resize-ops';
import type { TfNode } from '../../../scripts/models/tfjs-format';
import type { ConstTensor } from '../../../scripts/models/weight-decoding';
import { bool, floats, int32s, ints, node, placeholder, str, strs, type } from './tiny-graphs';

function options(outputs: string[], optimizeTransposes = false): ConversionOptions {
  return {
    graphName: 'tiny',
    inputs: [{ tf: 'x', onnx: 'image' }],
    outputs: outputs.map((tf, i) => ({ tf, onnx: `out${i}` })),
    optimizeTransposes,
    docString: '',
    metadata: {},
  };
}

function convert(nodes: TfNode[], weights: Record<string, ConstTensor>, outputs: string[], optimize = false) {
  const json = { modelTopology: { node: nodes }, weightsManifest: [] };
  return convertGraph(json, new Map(Object.entries(weights)), options(outputs, optimize));
}

async function run(nodes: TfNode[], weights: Record<string, ConstTensor>, input: Float32Array, shape: number[]) {
  const json = { modelTopology: { node: nodes }, weightsManifest: [] };
  const bytes = encodeOnnxModel(convertTfjsModel(json, new Map(Object.entries(weights)), options(['y'], true)));
  const session = await ort.InferenceSession.create(bytes);
  const out = await session.run({ image: new ort.Tensor('float32', input, shape) });
  await session.release();
  return out.out0?.data as Float32Array;
}

// Initializer contents as plain numbers (int64 ones are bigint in memory).
const values = (graph: { initializers: Map<string, { data: ArrayLike<unknown> & Iterable<unknown> }> }, name = '') =>
  [...(graph.initializers.get(name)?.data ?? [])].map(Number);

const only = (nodes: IrNode[], op: string) => {
  const found = nodes.filter((n) => n.op === op);
  expect(found).toHaveLength(1);
  return found[0] as IrNode;
};

const convAttrs = {
  strides: ints(1, 2, 2, 1),
  padding: str('SAME'),
  dilations: ints(1, 1, 1, 1),
  data_format: str('NHWC'),
};

describe('conv attribute mapping', () => {
  it('_FusedConv2D + BiasAdd + Relu6 → Conv(pads asym, bias) + Clip(0,6) between layout transposes', () => {
    const graph = convert(
      [
        placeholder('x', [1, 8, 8, 3]),
        node('w', 'Const', []),
        node('b', 'Const', []),
        node('y', '_FusedConv2D', ['x', 'w', 'b'], {
          ...convAttrs,
          fused_ops: strs('BiasAdd', 'Relu6'),
          num_args: { i: '1' },
        }),
      ],
      { w: floats([3, 3, 3, 4], new Array(108).fill(0.1)), b: floats([4], [1, 2, 3, 4]) },
      ['y'],
    );
    const conv = only(graph.nodes, 'Conv');
    expect(conv.attrs).toMatchObject({
      kernel_shape: { ints: [3, 3] },
      strides: { ints: [2, 2] },
      pads: { ints: [0, 0, 1, 1] },
      group: { i: 1 },
    });
    expect(graph.info(conv.inputs[1] ?? '').shape).toEqual([4, 3, 3, 3]);
    expect(conv.inputs).toHaveLength(3);
    const clip = only(graph.nodes, 'Clip');
    expect(values(graph, clip.inputs[1])).toEqual([0]);
    expect(values(graph, clip.inputs[2])).toEqual([6]);
    expect(graph.nodes.map((n) => n.op)).toEqual(['Transpose', 'Conv', 'Clip', 'Transpose']);
    expect(graph.info('out0').shape).toEqual([1, 4, 4, 4]);
  });

  it('depthwise conv becomes a grouped Conv with one group per channel', () => {
    const graph = convert(
      [
        placeholder('x', [1, 6, 6, 4]),
        node('w', 'Const', []),
        node('y', 'DepthwiseConv2dNative', ['x', 'w'], { ...convAttrs, strides: ints(1, 1, 1, 1) }),
      ],
      { w: floats([5, 5, 4, 2], new Array(200).fill(1)) },
      ['y'],
    );
    const conv = only(graph.nodes, 'Conv');
    expect(conv.attrs.group).toEqual({ i: 4 });
    expect(conv.attrs.pads).toEqual({ ints: [2, 2, 2, 2] });
    expect(graph.info('out0').shape).toEqual([1, 6, 6, 8]);
  });

  it('fused Prelu alpha is re-laid out to broadcast over NCHW', () => {
    const graph = convert(
      [
        placeholder('x', [1, 4, 4, 2]),
        node('w', 'Const', []),
        node('b', 'Const', []),
        node('a', 'Const', []),
        node('y', '_FusedConv2D', ['x', 'w', 'b', 'a'], {
          ...convAttrs,
          strides: ints(1, 1, 1, 1),
          padding: str('VALID'),
          fused_ops: strs('BiasAdd', 'Prelu'),
          num_args: { i: '2' },
        }),
      ],
      { w: floats([1, 1, 2, 3], [1, 0, 0, 0, 1, 0]), b: floats([3], [0, 0, 0]), a: floats([1, 1, 3], [0.1, 0.2, 0.3]) },
      ['y'],
    );
    const prelu = only(graph.nodes, 'PRelu');
    expect(graph.initializers.get(prelu.inputs[1] ?? '')?.shape).toEqual([1, 3, 1, 1]);
  });
});

describe('other attribute mapping', () => {
  it.each([
    [false, true, 'half_pixel'],
    [true, false, 'align_corners'],
    [false, false, 'asymmetric'],
  ])('ResizeBilinear align_corners=%s half_pixel_centers=%s → %s', (align, half, mode) => {
    expect(coordinateTransformMode(align, half)).toBe(mode);
    const graph = convert(
      [
        placeholder('x', [1, 4, 4, 3]),
        node('size', 'Const', []),
        node('y', 'ResizeBilinear', ['x', 'size'], { align_corners: bool(align), half_pixel_centers: bool(half) }),
      ],
      { size: int32s([2], [8, 8]) },
      ['y'],
    );
    const resize = only(graph.nodes, 'Resize');
    expect(resize.attrs).toMatchObject({ mode: { s: 'linear' }, coordinate_transformation_mode: { s: mode } });
    expect(values(graph, resize.inputs[3])).toEqual([1, 3, 8, 8]);
  });

  it('Pad paddings [[b,e],…] become ONNX [b…, e…]', () => {
    const graph = convert(
      [placeholder('x', [1, 2, 2, 3]), node('p', 'Const', []), node('y', 'Pad', ['x', 'p'])],
      { p: int32s([4, 2], [0, 0, 1, 2, 0, 0, 0, 5]) },
      ['y'],
    );
    const pad = only(graph.nodes, 'Pad');
    expect(values(graph, pad.inputs[1])).toEqual([0, 1, 0, 0, 0, 2, 0, 5]);
    expect(graph.info('out0').shape).toEqual([1, 5, 2, 8]);
  });

  it('ArgMax with output_type int32 casts ONNX int64 indices back; GatherNd takes int64 indices', () => {
    const graph = convert(
      [
        placeholder('x', [1, 10, 3]),
        node('axis', 'Const', []),
        node('am', 'ArgMax', ['x', 'axis'], { output_type: type('DT_INT32') }),
        node('idx', 'Const', []),
        node('y', 'GatherNd', ['x', 'idx']),
      ],
      { axis: int32s([], [1]), idx: int32s([2, 2], [0, 1, 0, 9]) },
      ['am', 'y'],
    );
    expect(only(graph.nodes, 'ArgMax').attrs).toEqual({ axis: { i: 1 }, keepdims: { i: 0 } });
    expect(graph.info('out0')).toEqual({ dtype: 'int32', shape: [1, 3] });
    const gather = only(graph.nodes, 'GatherND');
    expect(graph.initializers.get(gather.inputs[1] ?? '')?.dtype).toBe('int64');
    expect(graph.info('out1').shape).toEqual([2, 3]);
  });

  it('rejects ops it does not know instead of guessing', () => {
    expect(() => convert([placeholder('x', [1]), node('y', 'Bogus', ['x'])], {}, ['y'])).toThrow(
      /unsupported TF op Bogus/,
    );
  });
});

describe('transpose optimisation', () => {
  it('cancels the layout transposes between two convs joined by element-wise ops', () => {
    const pointwise = (name: string, input: string) =>
      node(name, '_FusedConv2D', [input, 'w', 'b'], {
        ...convAttrs,
        strides: ints(1, 1, 1, 1),
        fused_ops: strs('BiasAdd', 'Relu'),
        num_args: { i: '1' },
      });
    const nodes = [
      placeholder('x', [1, 4, 4, 2]),
      node('w', 'Const', []),
      node('b', 'Const', []),
      node('c', 'Const', []),
      pointwise('c1', 'x'),
      node('m', 'Mul', ['c1', 'c']),
      node('s', 'Sigmoid', ['m']),
      node('a', 'AddV2', ['s', 'c1']),
      pointwise('y', 'a'),
    ];
    const weights = { w: floats([1, 1, 2, 2], [1, 0, 0, 1]), b: floats([2], [0, 0]), c: floats([2], [2, 3]) };
    const plain = convert(nodes, weights, ['y']);
    const optimised = convert(nodes, weights, ['y'], true);
    expect(plain.nodes.filter((n) => n.op === 'Transpose')).toHaveLength(4);
    expect(optimised.nodes.filter((n) => n.op === 'Transpose')).toHaveLength(2);
    // The per-channel constant now broadcasts over NCHW.
    const mul = only(optimised.nodes, 'Mul');
    expect(optimised.initializers.get(mul.inputs[1] ?? '')?.shape).toEqual([1, 2, 1, 1]);
  });
});

describe('numerics through onnxruntime', () => {
  it('SAME padding of an even kernel pads bottom/right only, like TF', async () => {
    // 2×2 box filter on a 3×3 ramp: TF SAME sums x[i..i+1][j..j+1] with zeros past the bottom/right edge.
    const x = Float32Array.from({ length: 9 }, (_, i) => i + 1);
    const out = await run(
      [
        placeholder('x', [1, 3, 3, 1]),
        node('w', 'Const', []),
        node('y', 'Conv2D', ['x', 'w'], { ...convAttrs, strides: ints(1, 1, 1, 1) }),
      ],
      { w: floats([2, 2, 1, 1], [1, 1, 1, 1]) },
      x,
      [1, 3, 3, 1],
    );
    expect(Array.from(out)).toEqual([12, 16, 9, 24, 28, 15, 15, 17, 9]);
  });

  it('half-pixel bilinear upsampling matches the TF formula', async () => {
    const out = await run(
      [
        placeholder('x', [1, 1, 2, 1]),
        node('size', 'Const', []),
        node('y', 'ResizeBilinear', ['x', 'size'], { half_pixel_centers: bool(true) }),
      ],
      { size: int32s([2], [1, 4]) },
      Float32Array.of(0, 4),
      [1, 1, 2, 1],
    );
    // Source x = (i + 0.5) / 2 - 0.5 → -0.25, 0.25, 0.75, 1.25, clamped to [0, 1].
    expect(Array.from(out)).toEqual([0, 1, 3, 4]);
  });
});

describe('ONNX encoding', () => {
  it('writes a model our schema reads back with NHWC I/O and opset 17', () => {
    const json = {
      modelTopology: { node: [placeholder('x', [-1, 2, 2, 3]), node('y', 'Relu', ['x'])] },
      weightsManifest: [],
    };
    const bytes = encodeOnnxModel(convertTfjsModel(json, new Map(), options(['y'])));
    const summary = summarizeOnnxModel(bytes);
    expect(summary.opsets).toEqual([{ domain: '', version: 17 }]);
    expect(summary.inputs).toEqual([{ name: 'image', dtype: 'float32', shape: ['batch', 2, 2, 3] }]);
    expect(summary.outputs).toEqual([{ name: 'out0', dtype: 'float32', shape: ['batch', 2, 2, 3] }]);
    expect(summary.opTypes).toEqual({ Relu: 1 });
  });
});

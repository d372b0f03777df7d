import type { ConvertContext } from '../convert-context';
import type { OpHandler } from '../convert-context';
import { attrInts } from '../tfjs-attrs';
import type { TfNode } from '../tfjs-format';
import { onnxConvGeometry, spatialParams } from './conv-ops';

function pool(ctx: ConvertContext, node: TfNode, op: 'MaxPool' | 'AveragePool'): void {
  const x = ctx.input(node, 0);
  const ksize = attrInts(node, 'ksize');
  const kernel: [number, number] = [ksize[1] ?? 1, ksize[2] ?? 1];
  const [n = -1, h = -1, w = -1, c = -1] = ctx.info(x).shape;
  const params = spatialParams(node);
  const geometry = onnxConvGeometry([h, w], kernel, params);
  const input = ctx.toNchw(x, node.name);
  // count_include_pad=0 (default) matches TF's SAME average pooling, which ignores padded cells.
  const out = ctx.graph.add1(
    op,
    [input],
    { name: `${node.name}/nchw`, dtype: 'float32', shape: [n, c, ...geometry.output] },
    { kernel_shape: { ints: kernel }, strides: { ints: [...params.strides] }, pads: { ints: geometry.pads } },
  );
  ctx.setOutput(node, 0, ctx.fromNchw(out, node));
}

export const poolOps: Record<string, OpHandler> = {
  MaxPool: (ctx, node) => pool(ctx, node, 'MaxPool'),
  AvgPool: (ctx, node) => pool(ctx, node, 'AveragePool'),
};

import type { OpHandler } from '../convert-context';
import { attrBool } from '../tfjs-attrs';
import type { TfNode } from '../tfjs-format';

// TF resize flags → ONNX Resize coordinate_transformation_mode.
export function coordinateTransformMode(alignCorners: boolean, halfPixelCenters: boolean): string {
  if (alignCorners && halfPixelCenters) throw new Error('align_corners and half_pixel_centers are exclusive');
  if (alignCorners) return 'align_corners';
  // TF clamps negative source coordinates to 0 like ONNX 'half_pixel'; they differ only for 1-pixel outputs.
  if (halfPixelCenters) return 'half_pixel';
  return 'asymmetric';
}

function resizeMode(node: TfNode): { mode: string; nearest?: string } {
  if (node.op === 'ResizeBilinear') return { mode: 'linear' };
  if (attrBool(node, 'half_pixel_centers', false)) {
    throw new Error(`${node.name}: ResizeNearestNeighbor with half_pixel_centers is not supported`);
  }
  // TF nearest: floor(out * scale), or round() with align_corners.
  return { mode: 'nearest', nearest: attrBool(node, 'align_corners', false) ? 'round_prefer_ceil' : 'floor' };
}

const resize: OpHandler = (ctx, node) => {
  const x = ctx.input(node, 0);
  const [height = 0, width = 0] = ctx.constInts(ctx.input(node, 1));
  const input = ctx.toNchw(x, node.name);
  const [n = -1, c = -1, inH = -1, inW = -1] = ctx.graph.info(input).shape;
  const { mode, nearest } = resizeMode(node);
  const transform = coordinateTransformMode(
    attrBool(node, 'align_corners', false),
    attrBool(node, 'half_pixel_centers', false),
  );
  const attrs = {
    mode: { s: mode },
    coordinate_transformation_mode: { s: transform },
    ...(nearest ? { nearest_mode: { s: nearest } } : {}),
  };
  // 'sizes' needs every dim; fall back to scales when the batch is dynamic.
  const inputs =
    n >= 0 && c >= 0
      ? [input, '', '', ctx.graph.int64(`${node.name}/sizes`, [n, c, height, width])]
      : [input, '', ctx.graph.float(`${node.name}/scales`, [1, 1, height / inH, width / inW])];
  const out = ctx.graph.add1(
    'Resize',
    inputs,
    {
      name: `${node.name}/nchw`,
      dtype: 'float32',
      shape: [n, c, height, width],
    },
    attrs,
  );
  ctx.setOutput(node, 0, ctx.fromNchw(out, node));
};

export const resizeOps: Record<string, OpHandler> = {
  ResizeBilinear: resize,
  ResizeNearestNeighbor: resize,
};

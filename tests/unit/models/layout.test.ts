import { describe, expect, it } from 'vitest';
import {
  broadcastConstToLayout,
  composePermutations,
  conv2dFilterToOihw,
  depthwiseFilterToOihw,
  invertPermutation,
  NCHW_TO_NHWC,
  NHWC_TO_NCHW,
  permuteShape,
  transposeData,
  transposedConvFilterToIohw,
} from '../../../scripts/models/layout';

const iota = (n: number) => Float32Array.from({ length: n }, (_, i) => i);
const at = (shape: number[], index: number[]) => index.reduce((flat, v, d) => flat * (shape[d] ?? 1) + v, 0);

describe('permutations', () => {
  it('NHWC→NCHW and back are inverses', () => {
    expect(invertPermutation(NHWC_TO_NCHW)).toEqual([...NCHW_TO_NHWC]);
    expect(composePermutations(NHWC_TO_NCHW, NCHW_TO_NHWC)).toEqual([0, 1, 2, 3]);
    expect(permuteShape([1, 192, 192, 3], NHWC_TO_NCHW)).toEqual([1, 3, 192, 192]);
  });

  it('composition matches applying two transposes', () => {
    const shape = [2, 3, 4];
    const data = iota(24);
    const first = [1, 2, 0];
    const second = [2, 0, 1];
    const twice = transposeData(transposeData(data, shape, first), permuteShape(shape, first), second);
    expect(Array.from(twice)).toEqual(Array.from(transposeData(data, shape, composePermutations(first, second))));
  });
});

describe('transposeData', () => {
  it('moves every element to its permuted index', () => {
    const shape = [1, 2, 3, 4];
    const out = transposeData(iota(24), shape, NHWC_TO_NCHW);
    const outShape = permuteShape(shape, NHWC_TO_NCHW);
    for (let h = 0; h < 2; h++)
      for (let w = 0; w < 3; w++)
        for (let c = 0; c < 4; c++) expect(out[at(outShape, [0, c, h, w])]).toBe(at(shape, [0, h, w, c]));
  });

  it('keeps the typed array kind', () => {
    expect(transposeData(Int32Array.of(1, 2, 3, 4), [2, 2], [1, 0])).toEqual(Int32Array.of(1, 3, 2, 4));
  });
});

describe('filter layouts', () => {
  it('Conv2D HWIO → OIHW', () => {
    const shape = [3, 2, 4, 5];
    const { data, shape: out } = conv2dFilterToOihw(iota(120), shape);
    expect(out).toEqual([5, 4, 3, 2]);
    expect(data[at(out, [4, 1, 2, 0])]).toBe(at(shape, [2, 0, 1, 4]));
  });

  it('depthwise [kh,kw,C,M] → [C*M,1,kh,kw] with TF channel order c*M+m', () => {
    const shape = [3, 3, 4, 2];
    const { data, shape: out } = depthwiseFilterToOihw(iota(72), shape);
    expect(out).toEqual([8, 1, 3, 3]);
    for (let c = 0; c < 4; c++)
      for (let m = 0; m < 2; m++) expect(data[at(out, [c * 2 + m, 0, 1, 2])]).toBe(at(shape, [1, 2, c, m]));
  });

  it('Conv2DBackpropInput [kh,kw,out,in] → ConvTranspose [in,out,kh,kw]', () => {
    const shape = [2, 2, 1, 16];
    const { data, shape: out } = transposedConvFilterToIohw(iota(64), shape);
    expect(out).toEqual([16, 1, 2, 2]);
    expect(data[at(out, [7, 0, 1, 0])]).toBe(at(shape, [1, 0, 0, 7]));
  });
});

describe('broadcast constants across layouts', () => {
  it('a per-channel vector becomes [1,C,1,1]', () => {
    const moved = broadcastConstToLayout(Float32Array.of(1, 2, 3), [3], NHWC_TO_NCHW);
    expect(moved.shape).toEqual([1, 3, 1, 1]);
    expect(Array.from(moved.data)).toEqual([1, 2, 3]);
  });

  it('a PReLU alpha [1,1,C] becomes [1,C,1,1]', () => {
    expect(broadcastConstToLayout(iota(8), [1, 1, 8], NHWC_TO_NCHW).shape).toEqual([1, 8, 1, 1]);
  });

  it('a spatial map [H,W,1] becomes [1,1,H,W] with values in place', () => {
    const moved = broadcastConstToLayout(iota(6), [2, 3, 1], NHWC_TO_NCHW);
    expect(moved.shape).toEqual([1, 1, 2, 3]);
    expect(Array.from(moved.data)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('scalars are left alone', () => {
    expect(broadcastConstToLayout(Float32Array.of(6), [], NHWC_TO_NCHW).shape).toEqual([]);
  });
});

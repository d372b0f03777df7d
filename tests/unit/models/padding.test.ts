import { describe, expect, it } from 'vitest';
import { axisPadding, samePadding, transposedConvPadding, validPadding } from '../../../scripts/models/padding';

describe('TF SAME padding', () => {
  it('puts the odd pixel after (bottom/right), not before', () => {
    // 192 → 96 with a 3×3 stride-2 kernel needs 1 pixel of padding in total, all of it at the end.
    expect(samePadding(192, 3, 2)).toEqual({ before: 0, after: 1, output: 96 });
    expect(samePadding(128, 2, 1)).toEqual({ before: 0, after: 1, output: 128 });
    expect(samePadding(5, 4, 1)).toEqual({ before: 1, after: 2, output: 5 });
  });

  it('is symmetric for odd kernels at stride 1', () => {
    expect(samePadding(48, 5, 1)).toEqual({ before: 2, after: 2, output: 48 });
  });

  it('never pads negatively when the stride overshoots the kernel', () => {
    expect(samePadding(64, 1, 2)).toEqual({ before: 0, after: 0, output: 32 });
  });

  it('accounts for dilation', () => {
    expect(samePadding(10, 3, 1, 2)).toEqual({ before: 2, after: 2, output: 10 });
  });

  it('yields the ONNX output size ceil(in / stride) for every small case', () => {
    for (let input = 1; input <= 20; input++) {
      for (let kernel = 1; kernel <= 5; kernel++) {
        for (let stride = 1; stride <= 3; stride++) {
          const p = samePadding(input, kernel, stride);
          const onnxOutput = Math.floor((input + p.before + p.after - kernel) / stride) + 1;
          expect(onnxOutput).toBe(Math.ceil(input / stride));
          expect(p.after - p.before).toBeGreaterThanOrEqual(0);
          expect(p.after - p.before).toBeLessThanOrEqual(1);
        }
      }
    }
  });
});

describe('VALID and EXPLICIT padding', () => {
  it('VALID shrinks by the kernel', () => {
    expect(validPadding(192, 3, 3)).toEqual({ before: 0, after: 0, output: 64 });
    expect(validPadding(256, 64, 64)).toEqual({ before: 0, after: 0, output: 4 });
    expect(() => validPadding(2, 3, 1)).toThrow();
  });

  it('EXPLICIT uses the given pads', () => {
    expect(axisPadding('EXPLICIT', 10, 3, 1, 1, [2, 0])).toEqual({ before: 2, after: 0, output: 10 });
  });

  it('refuses unknown spatial sizes', () => {
    expect(() => axisPadding('SAME', -1, 3, 1, 1)).toThrow();
  });
});

describe('Conv2DBackpropInput padding', () => {
  it('crops nothing for a 2×2 stride-2 upsample', () => {
    expect(transposedConvPadding('SAME', 256, 128, 2, 2)).toEqual({ before: 0, after: 0, outputPadding: 0 });
  });

  it('crops the forward SAME padding back off', () => {
    // Forward: 256 → 128 with k=3, s=2 pads 0 before and 1 after; full transposed length is 257.
    expect(transposedConvPadding('SAME', 256, 128, 3, 2)).toEqual({ before: 0, after: 1, outputPadding: 0 });
  });

  it('uses output_padding when the transposed conv falls short', () => {
    // 5 → 3 (k=1, s=2): transposed length is 2*(3-1)+1 = 5, exact; 6 → 3 needs one extra pixel.
    expect(transposedConvPadding('SAME', 6, 3, 1, 2)).toEqual({ before: 0, after: 0, outputPadding: 1 });
  });
});

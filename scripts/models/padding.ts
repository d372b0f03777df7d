// Spatial output sizes and padding with TensorFlow's rules (NHWC ops, per spatial axis).

export type TfPadding = 'SAME' | 'VALID' | 'EXPLICIT';

export interface AxisPadding {
  before: number;
  after: number;
  output: number;
}

export function effectiveKernel(kernel: number, dilation: number): number {
  return (kernel - 1) * dilation + 1;
}

// TF SAME: output = ceil(in / stride); the odd pixel of padding goes after (bottom/right), unlike a symmetric pad.
export function samePadding(input: number, kernel: number, stride: number, dilation = 1): AxisPadding {
  const output = Math.ceil(input / stride);
  const total = Math.max((output - 1) * stride + effectiveKernel(kernel, dilation) - input, 0);
  const before = Math.floor(total / 2);
  return { before, after: total - before, output };
}

export function validPadding(input: number, kernel: number, stride: number, dilation = 1): AxisPadding {
  const output = Math.ceil((input - effectiveKernel(kernel, dilation) + 1) / stride);
  if (output <= 0) throw new Error(`VALID window ${kernel} does not fit input ${input}`);
  return { before: 0, after: 0, output };
}

export function explicitPadding(
  input: number,
  kernel: number,
  stride: number,
  dilation: number,
  before: number,
  after: number,
): AxisPadding {
  const output = Math.floor((input + before + after - effectiveKernel(kernel, dilation)) / stride) + 1;
  return { before, after, output };
}

export function axisPadding(
  padding: TfPadding,
  input: number,
  kernel: number,
  stride: number,
  dilation: number,
  explicit?: readonly [number, number],
): AxisPadding {
  if (input < 0) throw new Error('spatial size must be known to compute padding');
  if (padding === 'SAME') return samePadding(input, kernel, stride, dilation);
  if (padding === 'VALID') return validPadding(input, kernel, stride, dilation);
  if (!explicit) throw new Error('EXPLICIT padding needs explicit_paddings');
  return explicitPadding(input, kernel, stride, dilation, explicit[0], explicit[1]);
}

// Padding of the forward conv whose gradient Conv2DBackpropInput computes: `output` is the conv's input size.
export function transposedConvPadding(
  padding: TfPadding,
  output: number,
  input: number,
  kernel: number,
  stride: number,
  dilation = 1,
): { before: number; after: number; outputPadding: number } {
  const forward = axisPadding(padding, output, kernel, stride, dilation);
  if (forward.output !== input) throw new Error(`transposed conv: ${output} does not map to ${input}`);
  // ONNX ConvTranspose: out = stride*(in-1) + output_padding + k_eff - before - after.
  const full = stride * (input - 1) + effectiveKernel(kernel, dilation);
  const after = full - output - forward.before;
  if (after >= 0) return { before: forward.before, after, outputPadding: 0 };
  return { before: forward.before, after: 0, outputPadding: -after };
}

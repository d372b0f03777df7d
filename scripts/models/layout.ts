// NHWC (TensorFlow) ↔ NCHW (ONNX conv/pool/resize) layout helpers.

export const NHWC_TO_NCHW = [0, 3, 1, 2] as const;
export const NCHW_TO_NHWC = [0, 2, 3, 1] as const;

type NumericArray = Float32Array | Int32Array | Uint8Array;

export function invertPermutation(perm: readonly number[]): number[] {
  const inverse = new Array<number>(perm.length).fill(0);
  perm.forEach((axis, i) => {
    inverse[axis] = i;
  });
  return inverse;
}

export function isIdentityPermutation(perm: readonly number[]): boolean {
  return perm.every((axis, i) => axis === i);
}

export function composePermutations(first: readonly number[], second: readonly number[]): number[] {
  // Transpose(Transpose(x, first), second) == Transpose(x, result)
  return second.map((axis) => first[axis] ?? -1);
}

export function permuteShape(shape: readonly number[], perm: readonly number[]): number[] {
  return perm.map((axis) => shape[axis] ?? -1);
}

function strides(shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) out[i] = (out[i + 1] ?? 1) * (shape[i + 1] ?? 1);
  return out;
}

// Generic N-d transpose of a dense row-major array: out[i_perm] = in[i].
export function transposeData<T extends NumericArray>(data: T, shape: readonly number[], perm: readonly number[]): T {
  if (perm.length !== shape.length) throw new Error('permutation rank mismatch');
  const outShape = permuteShape(shape, perm);
  const inStrides = strides(shape);
  const out = new (data.constructor as new (n: number) => T)(data.length);
  const rank = shape.length;
  const index = new Array<number>(rank).fill(0);
  const step = perm.map((axis) => inStrides[axis] ?? 0);
  for (let o = 0; o < data.length; o++) {
    let source = 0;
    for (let d = 0; d < rank; d++) source += (index[d] ?? 0) * (step[d] ?? 0);
    out[o] = data[source] ?? 0;
    for (let d = rank - 1; d >= 0; d--) {
      const next = (index[d] ?? 0) + 1;
      if (next < (outShape[d] ?? 1)) {
        index[d] = next;
        break;
      }
      index[d] = 0;
    }
  }
  return out;
}

// TF Conv2D filter [kh, kw, in, out] → ONNX Conv weight [out, in, kh, kw].
export function conv2dFilterToOihw(data: Float32Array, shape: readonly number[]) {
  return { data: transposeData(data, shape, [3, 2, 0, 1]), shape: permuteShape(shape, [3, 2, 0, 1]) };
}

// TF depthwise filter [kh, kw, C, M] → grouped ONNX Conv weight [C*M, 1, kh, kw]; TF output channel = c*M + m.
export function depthwiseFilterToOihw(data: Float32Array, shape: readonly number[]) {
  const [kh = 0, kw = 0, channels = 0, multiplier = 0] = shape;
  const moved = transposeData(data, [kh, kw, channels * multiplier], [2, 0, 1]);
  return { data: moved, shape: [channels * multiplier, 1, kh, kw] };
}

// TF Conv2DBackpropInput filter [kh, kw, out, in] → ONNX ConvTranspose weight [in, out, kh, kw].
export function transposedConvFilterToIohw(data: Float32Array, shape: readonly number[]) {
  return { data: transposeData(data, shape, [3, 2, 0, 1]), shape: permuteShape(shape, [3, 2, 0, 1]) };
}

// A constant that broadcasts against an NHWC tensor, rewritten to broadcast identically against its NCHW version.
export function broadcastConstToLayout<T extends NumericArray>(
  data: T,
  shape: readonly number[],
  perm: readonly number[],
): { data: T; shape: number[] } {
  if (shape.length === 0 || shape.every((d) => d === 1)) return { data, shape: [...shape] };
  if (shape.length > perm.length) throw new Error('constant rank exceeds tensor rank');
  const padded = [...new Array<number>(perm.length - shape.length).fill(1), ...shape];
  return { data: transposeData(data, padded, perm), shape: permuteShape(padded, perm) };
}

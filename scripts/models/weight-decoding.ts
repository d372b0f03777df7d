import { float16BitsToFloat32 } from './float16';
import type { TfjsWeightGroup, TfjsWeightSpec } from './tfjs-format';

export interface ConstTensor {
  dtype: 'float32' | 'int32' | 'bool';
  shape: number[];
  data: Float32Array | Int32Array | Uint8Array;
}

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function quantizedByteSize(spec: TfjsWeightSpec, count: number): number {
  const q = spec.quantization;
  if (!q) return count * (spec.dtype === 'bool' ? 1 : 4);
  return count * (q.dtype === 'uint8' ? 1 : 2);
}

// Copies out of the shard buffer so every typed array is aligned and owns its memory.
function readLittleEndian(bytes: Uint8Array, offset: number, length: number): DataView {
  return new DataView(bytes.slice(offset, offset + length).buffer);
}

export function decodeWeight(spec: TfjsWeightSpec, bytes: Uint8Array, offset: number): ConstTensor {
  const count = elementCount(spec.shape);
  const size = quantizedByteSize(spec, count);
  if (offset + size > bytes.length) throw new Error(`weight ${spec.name} overruns the weight data`);
  const view = readLittleEndian(bytes, offset, size);
  const q = spec.quantization;
  if (q) {
    if (q.dtype === 'float16') {
      if (spec.dtype !== 'float32') throw new Error(`float16 quantization of ${spec.dtype} is not supported`);
      const bits = new Uint16Array(count);
      for (let i = 0; i < count; i++) bits[i] = view.getUint16(i * 2, true);
      return { dtype: 'float32', shape: spec.shape, data: float16BitsToFloat32(bits) };
    }
    // Affine uint8/uint16 quantization: value = min + q * scale (TF.js dequantises the same way).
    const min = q.min ?? 0;
    const scale = q.scale ?? 1;
    const values = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      const raw = q.dtype === 'uint8' ? view.getUint8(i) : view.getUint16(i * 2, true);
      values[i] = min + raw * scale;
    }
    if (spec.dtype === 'int32') return { dtype: 'int32', shape: spec.shape, data: Int32Array.from(values, Math.round) };
    return { dtype: 'float32', shape: spec.shape, data: values };
  }
  if (spec.dtype === 'float32') {
    const values = new Float32Array(count);
    for (let i = 0; i < count; i++) values[i] = view.getFloat32(i * 4, true);
    return { dtype: 'float32', shape: spec.shape, data: values };
  }
  if (spec.dtype === 'int32') {
    const values = new Int32Array(count);
    for (let i = 0; i < count; i++) values[i] = view.getInt32(i * 4, true);
    return { dtype: 'int32', shape: spec.shape, data: values };
  }
  const values = new Uint8Array(count);
  for (let i = 0; i < count; i++) values[i] = view.getUint8(i);
  return { dtype: 'bool', shape: spec.shape, data: values };
}

// Weight groups are concatenated in manifest order; the shards of one group are concatenated in path order.
export function decodeWeights(
  groups: readonly TfjsWeightGroup[],
  readShard: (path: string) => Uint8Array,
): Map<string, ConstTensor> {
  const weights = new Map<string, ConstTensor>();
  for (const group of groups) {
    const shards = group.paths.map(readShard);
    const total = shards.reduce((n, s) => n + s.length, 0);
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const shard of shards) {
      bytes.set(shard, at);
      at += shard.length;
    }
    let offset = 0;
    for (const spec of group.weights) {
      weights.set(spec.name, decodeWeight(spec, bytes, offset));
      offset += quantizedByteSize(spec, elementCount(spec.shape));
    }
    if (offset !== total) throw new Error(`weight group ${group.paths.join(',')}: ${total - offset} unread bytes`);
  }
  return weights;
}

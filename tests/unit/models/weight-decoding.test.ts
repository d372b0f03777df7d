import { describe, expect, it } from 'vitest';
import { float16BitsToFloat32 } from '../../../scripts/models/float16';
import type { TfjsWeightGroup } from '../../../scripts/models/tfjs-format';
import { decodeWeight, decodeWeights } from '../../../scripts/models/weight-decoding';

function bytes(write: (view: DataView) => void, length: number): Uint8Array {
  const view = new DataView(new ArrayBuffer(length));
  write(view);
  return new Uint8Array(view.buffer);
}

describe('float16 decoding', () => {
  it('decodes normal, subnormal and special values exactly', () => {
    const decoded = float16BitsToFloat32(
      Uint16Array.of(0x3c00, 0xc000, 0x7bff, 0x0001, 0x3555, 0x7c00, 0xfc00, 0x8000),
    );
    expect(Array.from(decoded)).toEqual([1, -2, 65504, 2 ** -24, Math.fround(0.333251953125), Infinity, -Infinity, -0]);
    expect(Object.is(decoded[7], -0)).toBe(true);
    expect(float16BitsToFloat32(Uint16Array.of(0x7e00))[0]).toBeNaN();
  });
});

describe('TF.js weight decoding', () => {
  it('reads float32, int32, float16-quantised and uint8-affine weights in manifest order', () => {
    const data = bytes((v) => {
      v.setFloat32(0, 1.5, true);
      v.setFloat32(4, -2.25, true);
      v.setInt32(8, -7, true);
      v.setUint16(12, 0x3800, true); // 0.5
      v.setUint16(14, 0xbc00, true); // -1
      v.setUint8(16, 0);
      v.setUint8(17, 10);
    }, 18);
    const groups: TfjsWeightGroup[] = [
      {
        paths: ['a.bin', 'b.bin'],
        weights: [
          { name: 'f', shape: [2], dtype: 'float32' },
          { name: 'i', shape: [], dtype: 'int32' },
          { name: 'h', shape: [1, 2], dtype: 'float32', quantization: { dtype: 'float16' } },
          { name: 'q', shape: [2], dtype: 'float32', quantization: { dtype: 'uint8', min: -1, scale: 0.5 } },
        ],
      },
    ];
    // The group is split over two shards at an arbitrary byte: they must be concatenated first.
    const shards: Record<string, Uint8Array> = { 'a.bin': data.slice(0, 5), 'b.bin': data.slice(5) };
    const weights = decodeWeights(groups, (p) => shards[p] ?? new Uint8Array());
    expect(Array.from(weights.get('f')?.data ?? [])).toEqual([1.5, -2.25]);
    expect(weights.get('i')).toEqual({ dtype: 'int32', shape: [], data: Int32Array.of(-7) });
    expect(weights.get('h')).toEqual({ dtype: 'float32', shape: [1, 2], data: Float32Array.of(0.5, -1) });
    expect(Array.from(weights.get('q')?.data ?? [])).toEqual([-1, 4]);
  });

  it('rejects a manifest that does not cover the data exactly', () => {
    const groups: TfjsWeightGroup[] = [{ paths: ['x'], weights: [{ name: 'w', shape: [1], dtype: 'float32' }] }];
    expect(() => decodeWeights(groups, () => new Uint8Array(8))).toThrow(/unread/);
    expect(() => decodeWeight({ name: 'w', shape: [4], dtype: 'float32' }, new Uint8Array(8), 0)).toThrow(/overruns/);
  });
});

// IEEE 754 binary16 → binary32, exact for every value (subnormals, infinities, NaN), via a 65536-entry table.
let table: Float32Array | undefined;

function buildTable(): Float32Array {
  const out = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >> 10) & 0x1f;
    const fraction = h & 0x3ff;
    let value: number;
    if (exponent === 0) value = fraction * 2 ** -24;
    else if (exponent === 0x1f) value = fraction === 0 ? Infinity : NaN;
    else value = (1 + fraction / 1024) * 2 ** (exponent - 15);
    out[h] = sign * value;
  }
  return out;
}

export function float16BitsToFloat32(bits: Uint16Array): Float32Array {
  table ??= buildTable();
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = table[bits[i] ?? 0] ?? 0;
  return out;
}

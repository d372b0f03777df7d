// Mean over a (2r+1)² window, clipped at the borders (each pixel divides by its own window's pixel count).
// Two running-sum passes: O(width·height) whatever the radius.
//
// The per-row work is in small functions of their own (here and in the other matting passes): V8 optimises a
// function called once per row after a few rows, with complete type feedback, where a whole-image loop inside a
// function called once per photo runs interpreted until on-stack replacement and deoptimises again on the code after
// the loop — the first few photos of a session then took two to three times as long (bench:photo).

/**
 * `out` and `tmp` may be passed in (length width·height) so hot paths reuse buffers instead of allocating;
 * `out` must not alias `src` or `tmp`.
 */
export function boxMean(
  src: Float32Array,
  width: number,
  height: number,
  r: number,
  out: Float32Array = new Float32Array(src.length),
  tmp: Float32Array = new Float32Array(src.length),
): Float32Array {
  // Horizontal pass: clipped windows at both ends, a constant (2r+1) window in between (one multiply per pixel).
  const col = new Float64Array(width);
  const full = 1 / (2 * r + 1);
  const left = Math.min(r, width);
  const right = Math.max(left, width - r);
  for (let y = 0; y < height; y++) boxRow(src, tmp, y * width, width, r, full, left, right);
  for (let y = 0; y < Math.min(r, height - 1) + 1; y++) addRow(col, tmp, y * width, width);
  for (let y = 0; y < height; y++) {
    const lo = Math.max(0, y - r);
    const hi = Math.min(height - 1, y + r);
    const add = y + r + 1 < height ? (y + r + 1) * width : -1;
    const sub = y - r >= 0 ? (y - r) * width : -1;
    columnRow(col, tmp, out, y * width, width, 1 / (hi - lo + 1), add, sub);
  }
  return out;
}

function boxRow(
  src: Float32Array,
  tmp: Float32Array,
  row: number,
  width: number,
  r: number,
  full: number,
  left: number,
  right: number,
): void {
  let sum = 0;
  for (let x = 0; x < Math.min(r, width - 1) + 1; x++) sum += src[row + x]!;
  let x = 0;
  for (; x < left; x++) {
    tmp[row + x] = sum / (Math.min(width - 1, x + r) + 1);
    if (x + r + 1 < width) sum += src[row + x + r + 1]!;
  }
  for (; x < right; x++) {
    tmp[row + x] = sum * full;
    if (x + r + 1 < width) sum += src[row + x + r + 1]!;
    sum -= src[row + x - r]!;
  }
  for (; x < width; x++) {
    tmp[row + x] = sum / (width - Math.max(0, x - r));
    if (x - r >= 0) sum -= src[row + x - r]!;
  }
}

function addRow(col: Float64Array, tmp: Float32Array, row: number, width: number): void {
  for (let x = 0; x < width; x++) col[x]! += tmp[row + x]!;
}

/** Output row `row` from the running column sums, then the sums moved on a row (`add` / `sub` -1: none). */
function columnRow(
  col: Float64Array,
  tmp: Float32Array,
  out: Float32Array,
  row: number,
  width: number,
  inv: number,
  add: number,
  sub: number,
): void {
  if (add >= 0 && sub >= 0) {
    for (let x = 0; x < width; x++) {
      const c = col[x]!;
      out[row + x] = c * inv;
      col[x] = c + tmp[add + x]! - tmp[sub + x]!;
    }
    return;
  }
  for (let x = 0; x < width; x++) {
    out[row + x] = col[x]! * inv;
    if (add >= 0) col[x]! += tmp[add + x]!;
    if (sub >= 0) col[x]! -= tmp[sub + x]!;
  }
}

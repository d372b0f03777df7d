// The segmentation model sometimes marks a bright patch of a busy backdrop (sky between trees, a lamp) as person.
// Such patches are not connected to the sitter: keep only the connected person region(s) and drop the rest.

/** Components smaller than this fraction of the largest one are islands (an arm cut off by the frame is not). */
export const ISLAND_FRACTION = 0.2;

/**
 * 1 where `prob ≥ threshold` and the pixel belongs to the largest 4-connected component, or to one at least
 * ISLAND_FRACTION of its size that touches the bottom edge (the body continues below the frame); 0 elsewhere.
 */
export function personComponents(prob: Float32Array, width: number, height: number, threshold = 0.5): Uint8Array {
  const n = width * height;
  const label = new Int32Array(n);
  const stack = new Int32Array(n);
  const next = new Int32Array(4);
  const flags = new Uint8Array(1);
  const sizes: number[] = [0];
  const atBottom: boolean[] = [false];
  for (let row = 0; row < n; row += width)
    labelRow(prob, label, stack, next, flags, sizes, atBottom, row, width, n, threshold);
  let largest = 0;
  for (let id = 1; id < sizes.length; id++) if (sizes[id]! > (sizes[largest] ?? 0)) largest = id;
  const keep = sizes.map(
    (s, id) => id !== 0 && (id === largest || (atBottom[id]! && s >= ISLAND_FRACTION * sizes[largest]!)),
  );
  const out = new Uint8Array(n);
  for (let row = 0; row < n; row += width) keepRow(label, keep, out, row, width);
  return out;
}

function keepRow(label: Int32Array, keep: boolean[], out: Uint8Array, row: number, width: number): void {
  for (let i = row; i < row + width; i++) out[i] = keep[label[i]!] ? 1 : 0;
}

/** Each unlabelled person pixel of the row floods a new component (a per-row kernel, see box-filter.ts). */
function labelRow(
  prob: Float32Array,
  label: Int32Array,
  stack: Int32Array,
  next: Int32Array,
  flags: Uint8Array,
  sizes: number[],
  atBottom: boolean[],
  row: number,
  width: number,
  n: number,
  threshold: number,
): void {
  for (let start = row; start < row + width; start++) {
    if (label[start] !== 0 || prob[start]! < threshold) continue;
    const id = sizes.length;
    sizes.push(floodPerson(prob, label, stack, next, flags, start, id, width, n, threshold));
    atBottom.push(flags[0] === 1);
  }
}

/**
 * Labels the 4-connected component of `start` with `id`; returns its size, `flags[0]` 1 when it touches the bottom
 * edge. A function of its own, called once per component (V8 optimises it early, see box-filter.ts).
 */
function floodPerson(
  prob: Float32Array,
  label: Int32Array,
  stack: Int32Array,
  next: Int32Array,
  flags: Uint8Array,
  start: number,
  id: number,
  width: number,
  n: number,
  threshold: number,
): number {
  let size = 0;
  let bottom = false;
  let top = 0;
  stack[top++] = start;
  label[start] = id;
  while (top > 0) {
    const i = stack[--top]!;
    size++;
    const x = i % width;
    if (i >= n - width) bottom = true;
    // 4-neighbours into a reused buffer (no allocation per pixel); -1 where the neighbour is off the image
    next[0] = x > 0 ? i - 1 : -1;
    next[1] = x < width - 1 ? i + 1 : -1;
    next[2] = i >= width ? i - width : -1;
    next[3] = i < n - width ? i + width : -1;
    for (let k = 0; k < 4; k++) {
      const j = next[k]!;
      if (j < 0 || label[j] !== 0 || prob[j]! < threshold) continue;
      label[j] = id;
      stack[top++] = j;
    }
  }
  flags[0] = bottom ? 1 : 0;
  return size;
}

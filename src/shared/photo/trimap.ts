// Trimap from the model's person probabilities: where the model is confident and away from its edge the pixel is
// definitely person (kept untouched) or definitely backdrop (painted blue); only the band between is matted. The
// band is narrow where the model's edge is crisp (a shoulder) and as wide as the model's own uncertainty where it
// is soft (hair), but never further than `maxBand` from the person, so a backdrop blob cannot leak in.

export const BACKGROUND = 0;
export const UNKNOWN = 1;
export const FOREGROUND = 2;

export interface TrimapOptions {
  /** Person pixels within this many px of the model's edge are matted (the model often spills onto the backdrop). */
  inner: number;
  /** Backdrop pixels within this many px of the model's edge are matted (hair the model missed). */
  outer: number;
  /** Probabilities strictly between these count as the model being unsure. */
  low: number;
  high: number;
  /** Unsure pixels are matted only within this many px of the person region. */
  maxBand: number;
}

export const defaultTrimapOptions: TrimapOptions = { inner: 10, outer: 5, low: 0.1, high: 0.9, maxBand: 10 };

/**
 * `person` is the connected person region (personComponents); `valid` marks pixels that came from the source (the
 * rest is padding and always background).
 */
export function buildTrimap(
  prob: Float32Array,
  person: Uint8Array,
  valid: Uint8Array,
  width: number,
  height: number,
  options: TrimapOptions = defaultTrimapOptions,
): Uint8Array {
  const n = width * height;
  // Person pixels in each pixel's (2r+1)² window (clipped at the borders), counted exactly: the person pixel is at
  // the edge when its window holds any other pixel, the backdrop pixel when its window holds a person pixel.
  const counts = new Map<number, Int32Array>();
  const count = (r: number) => {
    let c = counts.get(r);
    if (!c) counts.set(r, (c = windowCount(person, width, height, r)));
    return c;
  };
  const nearIn = count(options.inner);
  const nearOut = count(options.outer);
  const reach = count(options.maxBand);
  const ri = options.inner;
  const out = new Uint8Array(n);
  for (let y = 0; y < height; y++) {
    const rows = Math.min(height - 1, y + ri) - Math.max(0, y - ri) + 1;
    trimapRow(prob, person, valid, nearIn, nearOut, reach, out, options.low, options.high, ri, rows, y, width);
  }
  return out;
}

/** Row y of the trimap (a per-row kernel, see box-filter.ts); `rows`: the inner window's rows inside the image. */
function trimapRow(
  prob: Float32Array,
  person: Uint8Array,
  valid: Uint8Array,
  nearIn: Int32Array,
  nearOut: Int32Array,
  reach: Int32Array,
  out: Uint8Array,
  low: number,
  high: number,
  ri: number,
  rows: number,
  y: number,
  width: number,
): void {
  for (let x = 0, i = y * width; x < width; x++, i++) {
    if (!valid[i]) continue;
    const q = prob[i]!;
    const edge = person[i]
      ? nearIn[i]! < rows * (Math.min(width - 1, x + ri) - Math.max(0, x - ri) + 1)
      : nearOut[i]! > 0;
    const unsure = q > low && q < high && reach[i]! > 0;
    out[i] = edge || unsure ? UNKNOWN : person[i] ? FOREGROUND : BACKGROUND;
  }
}

/** Count of non-zero pixels of `bin` in each pixel's (2r+1)² window clipped at the image borders (two running sums). */
export function windowCount(bin: Uint8Array, width: number, height: number, r: number): Int32Array {
  const n = width * height;
  const row = new Int32Array(n);
  const out = new Int32Array(n);
  const col = new Int32Array(width);
  for (let y = 0; y < height; y++) countRow(bin, row, y * width, width, r);
  for (let y = 0; y <= Math.min(r, height - 1); y++) for (let x = 0; x < width; x++) col[x]! += row[y * width + x]!;
  for (let y = 0; y < height; y++) {
    const add = y + r + 1 < height ? (y + r + 1) * width : -1;
    const sub = y - r >= 0 ? (y - r) * width : -1;
    countColumnRow(row, col, out, y * width, width, add, sub);
  }
  return out;
}

function countRow(bin: Uint8Array, row: Int32Array, o: number, width: number, r: number): void {
  let sum = 0;
  for (let x = 0; x <= Math.min(r, width - 1); x++) sum += bin[o + x] ? 1 : 0;
  for (let x = 0; x < width; x++) {
    row[o + x] = sum;
    if (x + r + 1 < width && bin[o + x + r + 1]) sum++;
    if (x - r >= 0 && bin[o + x - r]) sum--;
  }
}

function countColumnRow(
  row: Int32Array,
  col: Int32Array,
  out: Int32Array,
  o: number,
  width: number,
  add: number,
  sub: number,
): void {
  for (let x = 0; x < width; x++) {
    out[o + x] = col[x]!;
    if (add >= 0) col[x]! += row[add + x]!;
    if (sub >= 0) col[x]! -= row[sub + x]!;
  }
}

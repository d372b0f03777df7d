import type { RawImage } from '../image/raw-image';
import type { Box } from '../vision/analysis';

// 初审 of a cut-out: what is left of the old background in the new one. On a final photo every pixel is either the
// backdrop colour (painted by production) or the person; a blob of other pixels in the backdrop that is not joined
// to the person — a dark speck of a bookshelf above the head, a lamp beside the shoulder — is a piece of the old
// background the matte kept (issue 11: "background islands").

/** A pixel further than this from the backdrop colour (RGB distance, 0..441) is not backdrop. */
export const ISLAND_RGB_DISTANCE = 40;
/** A blob within this many px of the person is part of the outline (hair strands, the fringe), not an island. */
export const ISLAND_NEAR_PX = 6;
/** Largest island (px) the 初审 accepts: a blob above ~4×5 px is visible on the photo (issue 11 target: 20 px²). */
export const ISLAND_MAX_PX = 20;

export interface IslandMeasure {
  /** Area of the largest island, px (0 when there is none). */
  largest: number;
  /** Islands of at least 3 px (smaller ones are JPEG noise). */
  count: number;
  /** Bounding box of the largest island, image px. */
  box: Box | null;
}

/**
 * Connected blobs (4-connected) of non-backdrop pixels that are farther than ISLAND_NEAR_PX from the person. The
 * person is the largest blob, plus any blob touching the bottom edge of at least a fifth its size (the body goes on
 * below the photo). Pure; one labelling pass, then a window search around the pixels of the few blobs that are not
 * the person (a clean cut-out has none).
 */
export function backgroundIslands(img: Pixels, backdrop: readonly [number, number, number]): IslandMeasure {
  const f = findIslands(img, backdrop);
  let largest = 0;
  let best = 0;
  let count = 0;
  for (let k = 1; k < f.sizes.length; k++) {
    if (!f.island[k]) continue;
    if (f.sizes[k]! >= 3) count++;
    if (f.sizes[k]! > largest) {
      largest = f.sizes[k]!;
      best = k;
    }
  }
  const b = best ? f.boxes[best]! : null;
  return { largest, count, box: b ? { x: b[0], y: b[1], width: b[2] - b[0] + 1, height: b[3] - b[1] + 1 } : null };
}

/**
 * Production's clean-up after compositing: every island (as backgroundIslands finds them) painted with the backdrop
 * colour, in place. Returns the number of pixels painted.
 */
export function paintIslands(img: Pixels, backdrop: readonly [number, number, number]): number {
  const f = findIslands(img, backdrop);
  const ch = img.channels ?? 3;
  let painted = 0;
  if (!f.island.some(Boolean)) return 0;
  for (let row = 0; row < f.label.length; row += img.width)
    painted += paintRow(img.data, f.label, f.island, ch, backdrop, row, img.width);
  return painted;
}

function paintRow(
  data: Pixels['data'],
  label: Int32Array,
  island: boolean[],
  ch: number,
  backdrop: readonly [number, number, number],
  row: number,
  w: number,
): number {
  let painted = 0;
  for (let i = row; i < row + w; i++) {
    if (!island[label[i]!]) continue;
    data[i * ch] = backdrop[0];
    data[i * ch + 1] = backdrop[1];
    data[i * ch + 2] = backdrop[2];
    painted++;
  }
  return painted;
}

/** Pixels of a final photo (RawImage, or the compositor's RGB buffer). */
type Pixels = Pick<RawImage, 'width' | 'height' | 'data'> & { channels?: number };

/** 1 in `fg` where a pixel of the row is farther than √lim from the backdrop colour (a per-row kernel). */
function notBackdropRow(
  data: Pixels['data'],
  fg: Uint8Array,
  channels: number,
  br: number,
  bg: number,
  bb: number,
  lim: number,
  row: number,
  w: number,
): void {
  for (let i = row; i < row + w; i++) {
    const o = i * channels;
    const dr = data[o]! - br;
    const dg = data[o + 1]! - bg;
    const db = data[o + 2]! - bb;
    if (dr * dr + dg * dg + db * db > lim) fg[i] = 1;
  }
}

function findIslands(img: Pixels, backdrop: readonly [number, number, number]) {
  const { width: w, height: h, data } = img;
  const channels = img.channels ?? 3;
  const n = w * h;
  const fg = new Uint8Array(n);
  const [br, bg, bb] = backdrop;
  const lim = ISLAND_RGB_DISTANCE * ISLAND_RGB_DISTANCE;
  for (let y = 0; y < h; y++) notBackdropRow(data, fg, channels, br, bg, bb, lim, y * w, w);
  const label = new Int32Array(n);
  const stack = new Int32Array(n);
  const sizes: number[] = [0];
  const bottom: boolean[] = [false];
  const boxes: [number, number, number, number][] = [[0, 0, 0, 0]];
  const found = new Int32Array(5);
  for (let row = 0; row < n; row += w) labelRow(fg, label, stack, found, sizes, bottom, boxes, row, w, h);
  let main = 0;
  for (let k = 1; k < sizes.length; k++) if (sizes[k]! > (sizes[main] ?? 0)) main = k;
  const isPerson = sizes.map((s, k) => k !== 0 && (k === main || (bottom[k]! && s >= 0.2 * sizes[main]!)));
  // Near the person: any person pixel within ISLAND_NEAR_PX of the blob's bounding box (checked only for the few
  // blobs that are not the person; a clean cut-out has none, so this costs nothing there).
  const island = sizes.map(() => false);
  const r = ISLAND_NEAR_PX;
  for (let k = 1; k < sizes.length; k++) {
    if (isPerson[k]) continue;
    const [bx0, by0, bx1, by1] = boxes[k]!;
    let near = false;
    for (let y = by0; y <= by1 && !near; y++)
      for (let x = bx0; x <= bx1 && !near; x++) {
        if (label[y * w + x] !== k) continue;
        for (let v = Math.max(0, y - r); v <= Math.min(h - 1, y + r) && !near; v++)
          for (let u = Math.max(0, x - r); u <= Math.min(w - 1, x + r); u++)
            if (isPerson[label[v * w + u]!]) {
              near = true;
              break;
            }
      }
    island[k] = !near;
  }
  return { label, sizes, boxes, island };
}

/** Each unlabelled non-backdrop pixel of the row floods a new blob (a per-row kernel, see box-filter.ts). */
function labelRow(
  fg: Uint8Array,
  label: Int32Array,
  stack: Int32Array,
  found: Int32Array,
  sizes: number[],
  bottom: boolean[],
  boxes: [number, number, number, number][],
  row: number,
  w: number,
  h: number,
): void {
  for (let start = row; start < row + w; start++) {
    if (!fg[start] || label[start]) continue;
    sizes.push(floodBlob(fg, label, stack, found, start, sizes.length, w, h));
    bottom.push(found[4] === 1);
    boxes.push([found[0]!, found[1]!, found[2]!, found[3]!]);
  }
}

/**
 * Labels the 4-connected blob of `start` with `id`; returns its size, `found` its box [x0, y0, x1, y1] and 1 at [4]
 * when it touches the bottom edge. A function of its own, called once per blob (see box-filter.ts).
 */
function floodBlob(
  fg: Uint8Array,
  label: Int32Array,
  stack: Int32Array,
  found: Int32Array,
  start: number,
  id: number,
  w: number,
  h: number,
): number {
  let size = 0;
  let atBottom = false;
  let x0 = w;
  let y0 = h;
  let x1 = 0;
  let y1 = 0;
  let top = 0;
  stack[top++] = start;
  label[start] = id;
  while (top > 0) {
    const i = stack[--top]!;
    size++;
    const x = i % w;
    const y = (i - x) / w;
    if (y === h - 1) atBottom = true;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
    // 4-neighbours not yet labelled (inline: this loop runs once per non-backdrop pixel)
    if (x > 0 && fg[i - 1] && !label[i - 1]) {
      label[i - 1] = id;
      stack[top++] = i - 1;
    }
    if (x < w - 1 && fg[i + 1] && !label[i + 1]) {
      label[i + 1] = id;
      stack[top++] = i + 1;
    }
    if (y > 0 && fg[i - w] && !label[i - w]) {
      label[i - w] = id;
      stack[top++] = i - w;
    }
    if (y < h - 1 && fg[i + w] && !label[i + w]) {
      label[i + w] = id;
      stack[top++] = i + w;
    }
  }
  found[0] = x0;
  found[1] = y0;
  found[2] = x1;
  found[3] = y1;
  found[4] = atBottom ? 1 : 0;
  return size;
}

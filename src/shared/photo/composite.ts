import { boxMean } from './box-filter';
import { paintIslands } from './cutout-islands';
import { CLASS_BACKGROUND, CLASS_FOREGROUND, localColours, sampleLocal, type LocalColours } from './local-colours';

// Put the person on the new background. Where alpha is 1 the source pixel is copied untouched (no smoothing, no
// retouching); at the semi-transparent hair edge the foreground colour is estimated first, so the old backdrop's
// colour does not bleed into the new one as a halo.

export interface RgbImage {
  width: number;
  height: number;
  /** 3 bytes per pixel. */
  data: Uint8Array;
}

/** Below/above these, alpha is snapped to 0/1 (removes the mask's faint tails and keeps the inside exact). */
export const ALPHA_FLOOR = 0.15;
export const ALPHA_CEIL = 0.85;
/** Windows (output px) for the local foreground and backdrop colours at the edge. */
const FOREGROUND_RADIUS = 6;
const BACKDROP_RADIUS = 12;
/** RGB distance between the hair nearby and the old backdrop at which an edge pixel's colour is half trusted for
 * how much of it is person (the same scale as the matte's colourContrast). */
const UNMIX_CONTRAST = 40;
/** Luma variance of the old backdrop nearby at which the colour is half trusted (a plain wall is far below, a
 * bookshelf far above). */
const UNMIX_PLAIN_SD2 = 8 * 8;

/**
 * Luma variance of the confident backdrop pixels in a window of about (2r+1)² round each pixel (0 where there are
 * none), accumulated at half resolution like the local colours (it is smooth): read it at (x >> 1, y >> 1).
 */
function backdropSpread(data: Uint8Array, classes: Uint8Array, width: number, height: number, r: number) {
  const w = Math.ceil(width / 2);
  const h = Math.ceil(height / 2);
  const m = w * h;
  const wgt = new Float32Array(m);
  const l1 = new Float32Array(m);
  const l2 = new Float32Array(m);
  for (let y = 0; y < height; y++) spreadRow(data, classes, wgt, l1, l2, y, width, w);
  const rr = Math.ceil(r / 2);
  const tmp = new Float32Array(m);
  const mw = boxMean(wgt, w, h, rr, new Float32Array(m), tmp);
  const m1 = boxMean(l1, w, h, rr, new Float32Array(m), tmp);
  const m2 = boxMean(l2, w, h, rr, new Float32Array(m), tmp);
  for (let j = 0; j < m; j++) {
    const k = mw[j]!;
    if (k <= 1e-4) {
      m2[j] = 0;
      continue;
    }
    const mean = m1[j]! / k;
    m2[j] = Math.max(0, m2[j]! / k - mean * mean);
  }
  return { width: w, variance: m2 };
}

function spreadRow(
  data: Uint8Array,
  classes: Uint8Array,
  wgt: Float32Array,
  l1: Float32Array,
  l2: Float32Array,
  y: number,
  width: number,
  w: number,
): void {
  const row = (y >> 1) * w;
  for (let x = 0; x < width; x++) {
    const i = y * width + x;
    if (classes[i] !== CLASS_BACKGROUND) continue;
    const o = i * 3;
    const l = 0.299 * data[o]! + 0.587 * data[o + 1]! + 0.114 * data[o + 2]!;
    const j = row + (x >> 1);
    wgt[j]! += 1;
    l1[j]! += l;
    l2[j]! += l * l;
  }
}

/** Clamp, then snap the near-0 and near-1 tails. */
export function finishAlpha(alpha: Float32Array): Float32Array {
  const out = new Float32Array(alpha.length);
  for (let i = 0; i < alpha.length; i++) out[i] = finishOne(alpha[i]!);
  return out;
}

/** finishAlpha of one value. */
export function finishOne(a: number): number {
  return a <= ALPHA_FLOOR ? 0 : a >= ALPHA_CEIL ? 1 : (a - ALPHA_FLOOR) / (ALPHA_CEIL - ALPHA_FLOOR);
}

/**
 * `local` (the matte's own local colours from its trimap) is reused when given; otherwise the local colours are
 * taken from the confident pixels of `alpha`.
 */
export function compositeOnColor(
  img: RgbImage,
  alpha: Float32Array,
  background: [number, number, number],
  local?: LocalColours,
): RgbImage {
  const { width, height, data } = img;
  const n = width * height;
  const out = new Uint8Array(n * 3);
  const bg = background;
  const classes = new Uint8Array(n).fill(1);
  let band = 0;
  for (let y = 0; y < height; y++) band += classifyRow(data, alpha, classes, out, bg, y * width, width);
  if (band === 0) return clean({ width, height, data: out }, bg);
  local ??= localColours(data, classes, width, height, FOREGROUND_RADIUS, BACKDROP_RADIUS);
  // The hair colour a few px inside, from the pixels the matte kept whole (the matte's own foreground means are
  // taken over a window wide enough to reach the forehead: at the crown they are half skin).
  const near = localColours(data, classes, width, height, FOREGROUND_RADIUS, null);
  const spread = backdropSpread(data, classes, width, height, BACKDROP_RADIUS);
  const v = new Float64Array(8);
  const f = new Float64Array(8);
  const k2 = UNMIX_CONTRAST * UNMIX_CONTRAST;
  for (let y = 0; y < height; y++) unmixRow(data, alpha, out, local, near, spread, v, f, k2, bg, y, width);
  return clean({ width, height, data: out }, bg);
}

/**
 * Pieces of the old background the matte kept apart from the person (a bookshelf's spines beside the jaw: issue
 * 11) are painted with the new colour: anything in a head-and-shoulders photo not joined to the person is backdrop.
 * The 初审 measures the same islands on the encoded file (review.ts) and fails what is left.
 */
function clean(img: RgbImage, bg: [number, number, number]): RgbImage {
  paintIslands(img, bg);
  return img;
}

/** Copies the sure person and paints the sure backdrop of one row; returns the row's edge pixels (alpha in (0, 1)). */
function classifyRow(
  data: Uint8Array,
  alpha: Float32Array,
  classes: Uint8Array,
  out: Uint8Array,
  bg: [number, number, number],
  row: number,
  width: number,
): number {
  let band = 0;
  for (let i = row, o = row * 3; i < row + width; i++, o += 3) {
    const a = alpha[i]!;
    if (a >= 1) {
      classes[i] = CLASS_FOREGROUND;
      out[o] = data[o]!;
      out[o + 1] = data[o + 1]!;
      out[o + 2] = data[o + 2]!;
    } else if (a <= 0) {
      classes[i] = CLASS_BACKGROUND;
      out[o] = bg[0];
      out[o + 1] = bg[1];
      out[o + 2] = bg[2];
    } else band++;
  }
  return band;
}

/** The edge pixels of row y: alpha raised by colour, then the foreground colour un-mixed from the old backdrop. */
function unmixRow(
  data: Uint8Array,
  alpha: Float32Array,
  out: Uint8Array,
  local: LocalColours,
  near: LocalColours,
  spread: { width: number; variance: Float32Array },
  v: Float64Array,
  f: Float64Array,
  k2: number,
  bg: [number, number, number],
  y: number,
  width: number,
): void {
  for (let x = 0, i = y * width, o = i * 3; x < width; x++, i++, o += 3) {
    const a0 = alpha[i]!;
    if (a0 <= 0 || a0 >= 1) continue;
    sampleLocal(local, x, y, v);
    sampleLocal(near, x, y, f);
    const hasF = f[0]! > 1e-4 || v[0]! > 1e-4;
    const F0 = f[0]! > 1e-4 ? f : v;
    const hasB = v[4]! > 1e-4;
    // How much of the pixel is person by its colour: its place on the line from the old backdrop to the hair
    // nearby. Trusted as far as the two differ and the old backdrop is plain (a bookshelf's mean colour says
    // nothing about the spine behind one pixel); it only ever raises the matte's alpha. Curls on a white wall are
    // hair by colour where the matte's alpha was too low, so the wall showed through as a light halo (issue 11);
    // lowering it by colour would turn light skin beside a light wall blue.
    let a = a0;
    const plain = UNMIX_PLAIN_SD2 / (UNMIX_PLAIN_SD2 + spread.variance[(y >> 1) * spread.width + (x >> 1)]!);
    if (hasF && hasB) {
      const d0 = F0[1]! - v[5]!;
      const d1 = F0[2]! - v[6]!;
      const d2 = F0[3]! - v[7]!;
      const dd = d0 * d0 + d1 * d1 + d2 * d2;
      const proj = ((data[o]! - v[5]!) * d0 + (data[o + 1]! - v[6]!) * d1 + (data[o + 2]! - v[7]!) * d2) / (dd + 1);
      const byColour = proj < 0 ? 0 : proj > 1 ? 1 : proj;
      const trust = (dd / (dd + k2)) * plain;
      a = Math.max(a0, trust * byColour + (1 - trust) * a0);
    }
    // I = aF + (1-a)B solved for F; trusted more as alpha grows, the neighbouring foreground colour otherwise.
    // Behind a busy backdrop the local mean is not what is behind this pixel, so the solved colour is not either:
    // the hair colour nearby is used instead (the old background's pieces are not carried into the blue).
    const t = (a < 0.2 ? 0 : a > 0.8 ? 1 : (a - 0.2) / 0.6) * plain;
    for (let c = 0; c < 3; c++) {
      const I = data[o + c]!;
      const fl = hasF ? F0[1 + c]! : I;
      const solved = hasB ? Math.min(255, Math.max(0, (I - (1 - a) * v[5 + c]!) / a)) : I;
      const F = t * solved + (1 - t) * fl;
      out[o + c] = Math.round(a * F + (1 - a) * bg[c]!);
    }
  }
}

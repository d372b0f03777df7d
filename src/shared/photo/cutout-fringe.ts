import type { RawImage } from '../image/raw-image';
import type { Box } from '../vision/analysis';
import { boxMean } from './box-filter';

// 初审 of a cut-out's outline: what is left of the old background along the person's edge (issue 11: "no fringe
// brighter or darker than the hair along the edge"). On a clean final every outline pixel is a mix of the person
// just inside and the new backdrop colour, so it lies on the line between the two; the old background (a white
// wall's light halo round dark hair, a bookshelf's dark fringe) pulls a run of outline pixels off that line, all to
// one side. Measured per stretch of outline so hair texture (strands lighter and darker than the mean, both ways)
// averages out and a halo (one way, along the edge) does not.

/** A pixel this close (RGB distance) to the backdrop colour is backdrop (JPEG noise on the painted blue is < 10). */
export const FRINGE_BACKDROP_RGB = 16;
/** Outline: non-backdrop pixels at most this many px (chessboard) from the backdrop. */
export const FRINGE_DEPTH_PX = 2;
/** The person's own colour nearby: pixels at least DEEP px inside, averaged over a (2·LOCAL+1)² window. */
const DEEP_PX = 5;
const LOCAL_PX = 8;
/** The outline is judged in square cells of this size (px); cells with fewer outline pixels are skipped. */
export const FRINGE_CELL_PX = 16;
const CELL_MIN_PIXELS = 12;
/** Rows this close to the bottom edge are left out (the body is cut by the frame there, no outline). */
const BOTTOM_MARGIN_PX = 4;
/**
 * A cell whose outline is this much lighter (mean luma, 0..255) than the person–backdrop line shows a light fringe:
 * closed-eyes-03's final (white wall) measured 25.5 before the compositor's colour unmixing; every other final of
 * the portraits and dev photos ≤ 12.4, the identity photos (relaxed crop) ≤ 17.9 (docs/BENCHMARKS.md).
 */
export const FRINGE_MAX_LIGHT = 20;

export interface FringeMeasure {
  /** Largest mean luma offset (0..255) of a cell's outline pixels above the person–backdrop line: a fringe
   * lighter than the hair-and-blue mix (the light halo a white wall leaves round dark hair). 0 when none. */
  light: number;
  /** The same below the line (≤ 0): a darker fringe. Measured, not failed (see FRINGE_MAX_LIGHT). */
  dark: number;
  /** Outline pixels measured. */
  outline: number;
  /** The lightest cell, image px (null when no cell is above the line). */
  box: Box | null;
}

/** Pixels of a final photo (RawImage, or the compositor's RGB buffer). */
type Pixels = Pick<RawImage, 'width' | 'height' | 'data'> & { channels?: number };

export function outlineFringe(img: Pixels, backdrop: readonly [number, number, number]): FringeMeasure {
  const { width: w, height: h, data } = img;
  const ch = img.channels ?? 3;
  const n = w * h;
  const [nr, ng, nb] = backdrop;
  const bd = new Float32Array(n);
  const lim = FRINGE_BACKDROP_RGB * FRINGE_BACKDROP_RGB;
  for (let i = 0; i < n; i++) {
    const o = i * ch;
    const dr = data[o]! - nr;
    const dg = data[o + 1]! - ng;
    const db = data[o + 2]! - nb;
    if (dr * dr + dg * dg + db * db <= lim) bd[i] = 1;
  }
  const tmp = new Float32Array(n);
  const near = boxMean(bd, w, h, FRINGE_DEPTH_PX, new Float32Array(n), tmp);
  const inside = boxMean(bd, w, h, DEEP_PX, new Float32Array(n), tmp);
  // Local mean colour of the deep person pixels.
  const deep = new Float32Array(n);
  const pr = new Float32Array(n);
  const pg = new Float32Array(n);
  const pb = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    if (inside[i]! > 0) continue;
    const o = i * ch;
    deep[i] = 1;
    pr[i] = data[o]!;
    pg[i] = data[o + 1]!;
    pb[i] = data[o + 2]!;
  }
  const mDeep = boxMean(deep, w, h, LOCAL_PX, new Float32Array(n), tmp);
  const mr = boxMean(pr, w, h, LOCAL_PX, new Float32Array(n), tmp);
  const mg = boxMean(pg, w, h, LOCAL_PX, new Float32Array(n), tmp);
  const mb = boxMean(pb, w, h, LOCAL_PX, new Float32Array(n), tmp);
  const cw = Math.ceil(w / FRINGE_CELL_PX);
  const chh = Math.ceil(h / FRINGE_CELL_PX);
  const sum = new Float64Array(cw * chh);
  const count = new Int32Array(cw * chh);
  let outline = 0;
  for (let y = 0; y < h - BOTTOM_MARGIN_PX; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (bd[i] || near[i]! <= 0 || mDeep[i]! <= 1e-4) continue;
      const k = mDeep[i]!;
      const Pr = mr[i]! / k;
      const Pg = mg[i]! / k;
      const Pb = mb[i]! / k;
      const o = i * ch;
      // Nearest point of the segment backdrop → person colour; the offset's luma, signed.
      const d0 = Pr - nr;
      const d1 = Pg - ng;
      const d2 = Pb - nb;
      const dd = d0 * d0 + d1 * d1 + d2 * d2;
      const e0 = data[o]! - nr;
      const e1 = data[o + 1]! - ng;
      const e2 = data[o + 2]! - nb;
      let t = dd > 0 ? (e0 * d0 + e1 * d1 + e2 * d2) / dd : 1;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const luma = 0.299 * (e0 - t * d0) + 0.587 * (e1 - t * d1) + 0.114 * (e2 - t * d2);
      const c = ((y / FRINGE_CELL_PX) | 0) * cw + ((x / FRINGE_CELL_PX) | 0);
      sum[c]! += luma;
      count[c]!++;
      outline++;
    }
  let light = 0;
  let dark = 0;
  let best = -1;
  for (let c = 0; c < sum.length; c++) {
    if (count[c]! < CELL_MIN_PIXELS) continue;
    const m = sum[c]! / count[c]!;
    if (m > light) {
      light = m;
      best = c;
    }
    if (m < dark) dark = m;
  }
  const box =
    best < 0
      ? null
      : {
          x: (best % cw) * FRINGE_CELL_PX,
          y: ((best / cw) | 0) * FRINGE_CELL_PX,
          width: FRINGE_CELL_PX,
          height: FRINGE_CELL_PX,
        };
  return { light: round1(light), dark: round1(dark), outline, box };
}

const round1 = (v: number) => Math.round(v * 10) / 10 + 0;

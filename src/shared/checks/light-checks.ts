import { boxAround, forEachPixel, gradeAbove, luma, median, NO_FACE, result, type CheckContext } from './context';
import type { CheckResult } from './types';
import type { Box, Point } from '../vision/analysis';
import { pointInPolygon } from './face-checks';
import { MESH } from './face-geometry';

/** Face skin area without eyes and mouth: forehead band and both cheeks (boxes from the mesh). */
function skinBoxes(ctx: CheckContext): { left: Box[]; right: Box[] } {
  const p = ctx.analysis.landmarks!.points;
  const w = ctx.geo!.faceWidth;
  const b = (i: number, s: number) => boxAround(p[i]!.x, p[i]!.y, w * s, w * s);
  // 50/280: cheeks; 108/337: forehead either side of the midline; 205/425: lower cheeks.
  return { right: [b(50, 0.18), b(108, 0.16), b(205, 0.14)], left: [b(280, 0.18), b(337, 0.16), b(425, 0.14)] };
}

function lumaStats(ctx: CheckContext, boxes: Box[]): { median: number; clipped: number; n: number } {
  const values: number[] = [];
  let clipped = 0;
  for (const box of boxes)
    forEachPixel(ctx, box, 150, (r, g, b) => {
      const y = luma(r, g, b);
      values.push(y);
      if (y >= 250) clipped++;
    });
  // Median, so stray hair strands over a cheek do not read as a shadow.
  return { median: median(values) || 0, clipped: values.length ? clipped / values.length : 0, n: values.length };
}

/**
 * The eye openings (lid contours from the iris model, else the mesh's eye rings), grown 1.3× about their centre:
 * white sclera and catchlights there are not lens glare.
 */
function eyeOpenings(ctx: CheckContext): Point[][] {
  const eyes = ctx.analysis.eyes;
  const p = ctx.analysis.landmarks!.points;
  const rings =
    eyes && eyes.length === 2
      ? eyes.map((e) => [...e.lowerLid, ...[...e.upperLid].reverse()])
      : [MESH.rightEyeRing, MESH.leftEyeRing].map((ring) => ring.map((i) => p[i]!));
  return rings.map((ring) => {
    const cx = ring.reduce((s, q) => s + q.x, 0) / ring.length;
    const cy = ring.reduce((s, q) => s + q.y, 0) / ring.length;
    return ring.map((q) => ({ x: cx + (q.x - cx) * 1.3, y: cy + (q.y - cy) * 1.3 }));
  });
}

/**
 * glare.glasses — near-white specular pixels in the lens areas around both eyes, outside the eye openings (the
 * sclera of a bright photo is white too), or a round bright spot on both lenses (lensSpots: a lamp or screen
 * reflected, even when it is not near-white). Hard since issue 11 for strong glare (see run-checks.ts).
 */
export function checkGlare(ctx: CheckContext): CheckResult {
  const th = ctx.t.glare;
  if (!ctx.geo) return result('glare.glasses', 'fail', null, th.fail, NO_FACE);
  const g = ctx.geo;
  const eyeW = Math.hypot(g.leftEye.x - g.rightEye.x, g.leftEye.y - g.rightEye.y) * 0.55;
  const openings = eyeOpenings(ctx);
  let n = 0;
  let hot = 0;
  const boxes = [g.rightEye, g.leftEye].map((e) => boxAround(e.x, e.y, eyeW * 1.5, eyeW));
  for (const box of boxes)
    forEachPixel(ctx, box, 400, (r, gg, b, x, y) => {
      if (openings.some((o) => pointInPolygon(x, y, o))) return;
      n++;
      const max = Math.max(r, gg, b);
      if (luma(r, gg, b) >= 240 && max - Math.min(r, gg, b) < 40) hot++;
    });
  const v = n ? hot / n : 0;
  // A lamp reflected in both lenses: a round spot on each, even when it is not near-white (a coloured screen).
  const spots = lensSpots(ctx, openings);
  const status = spots >= GLARE_SPOT_AREA ? 'fail' : gradeAbove(v, th.warn, th.fail);
  const region = {
    x: boxes[0]!.x,
    y: boxes[0]!.y,
    width: boxes[1]!.x + boxes[1]!.width - boxes[0]!.x,
    height: boxes[0]!.height,
  };
  return result(
    'glare.glasses',
    status,
    v,
    th.fail,
    status === 'pass' ? '镜片无反光' : '眼镜反光，请调整眼镜角度或灯光',
    region,
  );
}

/** Samples per pupil distance of the spot search (scale-free: the same grid on a 24 MP capture and a final). */
const SPOT_GRID = 128;
/** A spot sample is this much brighter (luma) than the median of a ring 0.07 pupil distances around it. */
const SPOT_CONTRAST = 35;
/** A spot is round: its area over its bounding square (a disc 0.79; the bright skin streaks along a lid ≤ 0.3). */
const SPOT_COMPACTNESS = 0.5;
/**
 * Fail when the largest round spot of each lens covers this many pupil distances² (24 grid samples, a disc ≈ 0.044
 * pupil distances across). Measured on the real set, raw photos and the finals production makes (2026-12-02): the
 * webcam frame with a lamp reflected in both lenses reads 52 / 49 samples (raw / final, smaller lens); every other
 * photo, portrait and final ≤ 12 (portrait-05: skin streaks along the lids, 40 samples but elongated).
 */
export const GLARE_SPOT_AREA = 24 / (SPOT_GRID * SPOT_GRID);

/**
 * The smaller of the two lenses' largest round bright spot (area in pupil distances²): per lens, the same box as
 * checkGlare on a grid of SPOT_GRID samples per pupil distance, outside the eye openings; a sample is hot when it is
 * SPOT_CONTRAST above the median of 12 samples on a ring of 0.07 pupil distances (a spot, not bright skin: a large
 * bright area is its own ring) and no darker than the ring's brightest; 8-connected blobs of SPOT_COMPACTNESS.
 * A lamp reflected in glasses shows on both lenses; one bright dot beside one eye is not glare.
 */
export function lensSpots(ctx: CheckContext, openings: Point[][]): number {
  const g = ctx.geo!;
  const img = ctx.image;
  const iod = Math.hypot(g.leftEye.x - g.rightEye.x, g.leftEye.y - g.rightEye.y);
  if (iod < 8) return 0;
  const st = iod / SPOT_GRID;
  // Ring offsets in grid cells, and the grid margin they need.
  const r = 0.07 * SPOT_GRID;
  const ring = Array.from({ length: 12 }, (_, k) => ({
    di: Math.round(r * Math.cos((k * Math.PI) / 6)),
    dj: Math.round(r * Math.sin((k * Math.PI) / 6)),
  }));
  const m = Math.ceil(r) + 1;
  const W = Math.round((iod * 0.55 * 1.5) / st);
  const H = Math.round((iod * 0.55) / st);
  const GW = W + 2 * m;
  const GH = H + 2 * m;
  const lum = new Float32Array(GW * GH);
  const hot = new Uint8Array(W * H);
  const xs = new Int32Array(GW);
  const ringAt = Int32Array.from(ring, (d) => d.dj * GW + d.di);
  let smallest = Infinity;
  for (const e of [g.rightEye, g.leftEye]) {
    const x0 = e.x - (W / 2) * st;
    const y0 = e.y - (H / 2) * st;
    // The grid column depends on i only and the row on j only: computed once each (the same pixels as per sample).
    for (let i = 0; i < GW; i++) xs[i] = Math.min(img.width - 1, Math.max(0, Math.round((x0 + (i - m) * st) * ctx.sx)));
    for (let j = 0; j < GH; j++) {
      const Y = Math.min(img.height - 1, Math.max(0, Math.round((y0 + (j - m) * st) * ctx.sy)));
      const row = Y * img.width;
      for (let i = 0; i < GW; i++) {
        const o = (row + xs[i]!) * img.channels;
        lum[j * GW + i] = luma(img.data[o]!, img.data[o + 1]!, img.data[o + 2]!);
      }
    }
    hot.fill(0);
    for (let j = 0; j < H; j++)
      for (let i = 0; i < W; i++) {
        const c = (j + m) * GW + i + m;
        const L = lum[c]!;
        // Hot: brighter than the ring's brightest, and SPOT_CONTRAST above at least 7 of its 12 (its median).
        let below = 0;
        let ok = true;
        for (let k = 0; k < ringAt.length; k++) {
          const v = lum[c + ringAt[k]!]!;
          if (v > L) {
            ok = false;
            break;
          }
          if (L - v >= SPOT_CONTRAST) below++;
        }
        if (!ok || below < 7) continue;
        const x = x0 + i * st;
        const y = y0 + j * st;
        if (!openings.some((o) => pointInPolygon(x, y, o))) hot[j * W + i] = 1;
      }
    smallest = Math.min(smallest, largestBlob(hot, W, H, SPOT_COMPACTNESS));
  }
  return smallest / (SPOT_GRID * SPOT_GRID);
}

/** Size of the largest 8-connected blob of set cells whose area over its bounding square is ≥ `compactness`. */
function largestBlob(cells: Uint8Array, W: number, H: number, compactness: number): number {
  const seen = new Uint8Array(W * H);
  const stack: number[] = [];
  let best = 0;
  for (let k = 0; k < W * H; k++) {
    if (!cells[k] || seen[k]) continue;
    let n = 0;
    let x0 = W;
    let x1 = -1;
    let y0 = H;
    let y1 = -1;
    seen[k] = 1;
    stack.push(k);
    while (stack.length) {
      const q = stack.pop()!;
      n++;
      const qx = q % W;
      const qy = (q - qx) / W;
      x0 = Math.min(x0, qx);
      x1 = Math.max(x1, qx);
      y0 = Math.min(y0, qy);
      y1 = Math.max(y1, qy);
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const nx = qx + dx;
          const ny = qy + dy;
          if (nx < 0 || ny < 0 || nx >= W || ny >= H) continue;
          const j = ny * W + nx;
          if (cells[j] && !seen[j]) {
            seen[j] = 1;
            stack.push(j);
          }
        }
    }
    const side = Math.max(x1 - x0, y1 - y0) + 1;
    if (n / (side * side) >= compactness) best = Math.max(best, n);
  }
  return best;
}

/** light.highlights — clipped (blown-out) pixels on the face skin. */
export function checkHighlights(ctx: CheckContext): CheckResult {
  const th = ctx.t.highlights;
  if (!ctx.geo) return result('light.highlights', 'fail', null, th.fail, NO_FACE);
  const { left, right } = skinBoxes(ctx);
  const s = lumaStats(ctx, [...left, ...right]);
  const status = gradeAbove(s.clipped, th.warn, th.fail);
  const g = ctx.geo;
  const region = boxAround(g.centerX, (g.foreheadTop.y + g.chin.y) / 2, g.faceWidth, g.chin.y - g.foreheadTop.y);
  return result(
    'light.highlights',
    status,
    s.clipped,
    th.fail,
    status === 'pass' ? '面部无高光过曝' : '脸上有反光亮斑，请调暗或移开主灯、补粉',
    region,
  );
}

/** light.exposure — face brightness in range and left/right balance (a side light makes one cheek dark). */
export function checkExposure(ctx: CheckContext): CheckResult {
  const th = ctx.t.exposure;
  const thr = `${th.min}..${th.max}, 左右差≤${th.maxImbalance}`;
  if (!ctx.geo) return result('light.exposure', 'fail', null, thr, NO_FACE);
  const { left, right } = skinBoxes(ctx);
  const l = lumaStats(ctx, left);
  const r = lumaStats(ctx, right);
  const mean = (l.median + r.median) / 2;
  const imbalance = Math.abs(l.median - r.median) / Math.max(1, mean);
  const g = ctx.geo;
  const region = boxAround(g.centerX, (g.foreheadTop.y + g.chin.y) / 2, g.faceWidth, g.chin.y - g.foreheadTop.y);
  if (mean < th.min) return result('light.exposure', 'fail', mean, thr, '脸部太暗，请增加灯光或曝光', region);
  if (mean > th.max) return result('light.exposure', 'fail', mean, thr, '脸部过亮，请减弱灯光或曝光', region);
  // Left/right balance only warns: hair strands over one cheek read as a shadow (portrait-05 measured 0.4+).
  if (imbalance > th.maxImbalance)
    return result(
      'light.exposure',
      'warn',
      mean,
      thr,
      l.median < r.median ? '脸部左侧（画面右侧）偏暗，请补光' : '脸部右侧（画面左侧）偏暗，请补光',
      region,
    );
  return result('light.exposure', 'pass', mean, thr, '曝光合适', region);
}

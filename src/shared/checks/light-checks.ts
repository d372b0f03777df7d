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
 * sclera of a bright photo is white too). Hard since issue 11 for strong glare (see run-checks.ts).
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
  const status = gradeAbove(v, th.warn, th.fail);
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

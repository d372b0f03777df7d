import { deltaE2000, rgbToLab, type Lab } from '../color/lab';
import { maskValueAt } from '../vision/mask-ops';
import { forEachPixel, gradeBelow, NO_FACE, result, type CheckContext } from './context';
import { skinLab } from './face-checks';
import { PARSING_HAT_CONFIRM, PARSING_HAT_FAIL } from './face-parsing';
import type { CheckResult } from './types';

/** Face crop is resampled to this width before measuring sharpness, so the value does not depend on resolution. */
export const SHARPNESS_FACE_WIDTH = 160;

/** sharpness — variance of the 4-neighbour Laplacian of the face (eyes to chin), resampled to 160 px wide (vendor: 照片清晰度). */
export function checkSharpness(ctx: CheckContext): CheckResult {
  const th = ctx.t.sharpness;
  const vendorName = '照片清晰度';
  const g = ctx.geo;
  if (!g) return { ...result('sharpness', 'fail', null, th.fail, NO_FACE), vendorName };
  const box = {
    x: g.centerX - g.faceWidth * 0.4,
    y: g.eyeLineY - g.faceWidth * 0.15,
    width: g.faceWidth * 0.8,
    height: g.chin.y - g.eyeLineY,
  };
  const N = SHARPNESS_FACE_WIDTH;
  const M = Math.max(8, Math.round((N * box.height) / box.width));
  const gray = new Float32Array(N * M);
  const img = ctx.image;
  // The sample column depends on u only and the row on v only: computed once each (the same pixels as per sample).
  const xs = new Int32Array(N);
  for (let u = 0; u < N; u++)
    xs[u] = Math.min(img.width - 1, Math.max(0, Math.round((box.x + ((u + 0.5) * box.width) / N) * ctx.sx)));
  for (let v = 0; v < M; v++) {
    const y = Math.min(img.height - 1, Math.max(0, Math.round((box.y + ((v + 0.5) * box.height) / M) * ctx.sy)));
    const row = y * img.width;
    for (let u = 0; u < N; u++) {
      const o = (row + xs[u]!) * img.channels;
      gray[v * N + u] = 0.299 * img.data[o]! + 0.587 * img.data[o + 1]! + 0.114 * img.data[o + 2]!;
    }
  }
  let sum = 0;
  let sum2 = 0;
  let n = 0;
  for (let v = 1; v < M - 1; v++)
    for (let u = 1; u < N - 1; u++) {
      const i = v * N + u;
      const lap = gray[i - 1]! + gray[i + 1]! + gray[i - N]! + gray[i + N]! - 4 * gray[i]!;
      sum += lap;
      sum2 += lap * lap;
      n++;
    }
  const variance = n ? sum2 / n - (sum / n) ** 2 : 0;
  const status = gradeBelow(variance, th.warn, th.fail);
  const msg =
    status === 'pass' ? '照片清晰' : status === 'warn' ? '照片略模糊，请重新对焦' : '照片模糊，请对焦后重拍并保持不动';
  return { ...result('sharpness', status, variance, th.fail, msg, box), vendorName };
}

/**
 * headwear — 免冠. Two cues, each measured on the real set (docs/BENCHMARKS.md):
 * - a coloured crown: share of the crown (head top to forehead, person pixels) that is strongly coloured
 *   (Lab chroma > 30) and unlike the skin — hard hats, coloured caps, scarves, bands; hair is dark or low-chroma
 *   (blond and dyed hair reach chroma 20–30, hence the high fail share);
 * - a brim or band low on the forehead: above the brows, the first non-skin row of each column across the forehead
 *   lies within `brimHeight` face widths of the brows and on a straight line (RMS < `brimRms` face widths) —
 *   a cap's brim; a hairline lies ≥ 0.2 face widths up, bangs have a ragged edge. A straight fringe down to the
 *   brows also fails here, which the manuals forbid too (头发不遮挡眉毛), so the message names both.
 * - face parsing (初审 only, `analysis.parsing`): the mean hat probability over the head crop ≥ PARSING_HAT_FAIL —
 *   the one cue that sees a black band on black hair (headband-01), measured on the dev, portrait and identity sets.
 * The old cue (share neither hair-like nor skin-like) only warns.
 * `headCoveringException` (operator: religious/medical head covering, face fully visible) caps the crown cues at
 * warn; a covering down to the brows still fails (the face must stay uncovered).
 */
export function checkHeadwear(ctx: CheckContext, headCoveringException = false): CheckResult {
  const th = ctx.t.headwear;
  const thr = `彩色≤${th.colorFail} 帽檐高度≥${th.brimHeight} 帽子概率<${PARSING_HAT_FAIL}`;
  const g = ctx.geo;
  const skin = skinLab(ctx);
  if (!g || !skin) return result('headwear', 'fail', null, thr, NO_FACE);
  const top = g.headTopY;
  const bottom = g.foreheadTop.y;
  const box = { x: g.centerX - g.faceWidth * 0.4, y: top, width: g.faceWidth * 0.8, height: bottom - top };
  const a = ctx.analysis;
  let n = 0;
  let foreign = 0;
  let coloured = 0;
  if (bottom - top >= 4)
    forEachPixel(ctx, box, 400, (r, gg, b, x, y) => {
      if (a.mask && maskValueAt(a.mask, a.width, a.height, x, y) < 128) return;
      n++;
      const lab = rgbToLab(r, gg, b);
      const chroma = Math.hypot(lab.a, lab.b);
      const far = deltaE2000(lab, skin) > 15;
      const hair = lab.L < 35 || (lab.L < 60 && chroma < 22);
      if (!hair && far) foreign++;
      if (chroma > 30 && far) coloured++;
    });
  const colourShare = n ? coloured / n : 0;
  const foreignShare = n ? foreign / n : 0;
  const brim = brimOverForehead(ctx, skin);
  const region = { ...box, height: Math.max(box.height, (brim?.y ?? bottom) - top) };
  // Face parsing (初审 only: reviewPhoto adds it): a hat, cap or band the colour cues cannot see (a black band on
  // black hair: headband-01). Where it ran, the learned model decides: the hand cues below fail only without it
  // (live view) or when it sees some hat too; else they warn — on the 65 unlabelled identity photos they failed
  // four bare heads (coloured crown p11-1 0.264, p15-3 0.397; "brim" p15-1 0.095, p17-2 0.013; hat share ≤ 0.025).
  const hat = a.parsing?.hat;
  const learned = hat !== undefined;
  const handFails = !learned || hat >= PARSING_HAT_CONFIRM;
  if (brim && brim.height < th.brimHeight && brim.rms < th.brimRms)
    return handFails
      ? result('headwear', 'fail', brim.height, thr, '帽檐或头带遮住额头，请摘下帽子/头饰；刘海请整理露出眉毛', region)
      : result(
          'headwear',
          'warn',
          brim.height,
          thr,
          '额头上方有一条平直的边（刘海或头带？），请确认未遮住眉毛',
          region,
        );
  if (hat !== undefined && hat >= PARSING_HAT_FAIL)
    return headCoveringException
      ? result('headwear', 'warn', hat, thr, '已登记宗教/医疗头部遮盖物：请确认脸部完整露出、无阴影', region)
      : result('headwear', 'fail', hat, thr, '请摘下帽子或头饰（免冠）', region);
  if (colourShare > th.colorFail)
    return headCoveringException || !handFails
      ? result(
          'headwear',
          'warn',
          colourShare,
          thr,
          headCoveringException
            ? '已登记宗教/医疗头部遮盖物：请确认脸部完整露出、无阴影'
            : '疑似佩戴帽子或头饰，请摘下',
          region,
        )
      : result('headwear', 'fail', colourShare, thr, '请摘下帽子或头饰（免冠）', region);
  if (colourShare > th.colorWarn || foreignShare > th.warn)
    return result('headwear', 'warn', Math.max(colourShare, foreignShare), thr, '疑似佩戴帽子或头饰，请摘下', region);
  return result('headwear', 'pass', colourShare, thr, '未见帽子或头饰', region);
}

/**
 * Where the skin of the forehead ends, going up from the brows, in 25 columns across the middle 60 % of the face:
 * the mean height of that edge above the brows and its RMS distance from a straight line, both in face widths.
 * Null when fewer than 20 columns find an edge below the head top (a bald head, a forehead up to the crown).
 */
export function brimOverForehead(ctx: CheckContext, skin: Lab): { height: number; rms: number; y: number } | null {
  const g = ctx.geo!;
  const p = ctx.analysis.landmarks!.points;
  const img = ctx.image;
  // Top of the brows (mesh 66/105 right, 296/334 left).
  const browY = Math.min(p[66]!.y, p[296]!.y, p[105]!.y, p[334]!.y);
  const step = Math.max(1, g.faceWidth / 150);
  const labAt = (x: number, y: number) => {
    const X = Math.min(img.width - 1, Math.max(0, Math.round(x * ctx.sx)));
    const Y = Math.min(img.height - 1, Math.max(0, Math.round(y * ctx.sy)));
    const o = (Y * img.width + X) * img.channels;
    return rgbToLab(img.data[o]!, img.data[o + 1]!, img.data[o + 2]!);
  };
  const edges: { x: number; y: number }[] = [];
  for (let k = -12; k <= 12; k++) {
    const x = g.centerX + (k / 12) * g.faceWidth * 0.3;
    let run = 0;
    for (let y = browY - 2 * step; y > g.headTopY; y -= step) {
      run = deltaE2000(labAt(x, y), skin) > 18 ? run + 1 : 0;
      if (run === 3) {
        edges.push({ x, y: y + 2 * step });
        break;
      }
    }
  }
  if (edges.length < 20) return null;
  const m = edges.length;
  const mx = edges.reduce((s, e) => s + e.x, 0) / m;
  const my = edges.reduce((s, e) => s + e.y, 0) / m;
  let sxx = 0;
  let sxy = 0;
  for (const e of edges) {
    sxx += (e.x - mx) ** 2;
    sxy += (e.x - mx) * (e.y - my);
  }
  const slope = sxx ? sxy / sxx : 0;
  const rms = Math.sqrt(edges.reduce((s, e) => s + (e.y - (my + slope * (e.x - mx))) ** 2, 0) / m) / g.faceWidth;
  return { height: (browY - my) / g.faceWidth, rms, y: my };
}

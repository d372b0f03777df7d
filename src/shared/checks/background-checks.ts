import { deltaE2000, parseHexColor, rgbToLab, type Lab } from '../color/lab';
import { maskValueAt } from '../vision/mask-ops';
import { keypoint } from './body-checks';
import { forEachPixel, median, percentile, result, type CheckContext } from './context';
import type { CheckResult } from './types';
import type { BackdropMode } from '../spec/backdrop';

export interface BackgroundSample {
  lab: Lab;
  x: number;
  y: number;
}

/** Clearly-background pixels (person mask < 20) on a ~2500-point grid; without a mask, none. */
export function backgroundSamples(ctx: CheckContext): BackgroundSample[] {
  const a = ctx.analysis;
  const mask = a.mask;
  if (!mask) return [];
  const out: BackgroundSample[] = [];
  forEachPixel(ctx, { x: 0, y: 0, width: a.width, height: a.height }, 2500, (r, g, b, x, y) => {
    if (maskValueAt(mask, a.width, a.height, x, y) < 20) out.push({ lab: rgbToLab(r, g, b), x, y });
  });
  return out;
}

/**
 * 'replace' mode: the backdrop samples next to the person's outline only — within half a face width (8 % of the
 * frame without a face) of a clearly-person pixel. That is where a shadow or an object spoils the cut-out; the rest
 * of the backdrop is replaced whatever it shows.
 */
export function nearOutline(ctx: CheckContext, samples: BackgroundSample[]): BackgroundSample[] {
  const a = ctx.analysis;
  const mask = a.mask;
  if (!mask) return [];
  const r = ctx.geo ? ctx.geo.faceWidth * 0.5 : a.width * 0.08;
  const dx = Float64Array.from({ length: 8 }, (_, k) => Math.cos((k * Math.PI) / 4));
  const dy = Float64Array.from({ length: 8 }, (_, k) => Math.sin((k * Math.PI) / 4));
  const W = a.width;
  const H = a.height;
  const person = (x: number, y: number) => x >= 0 && y >= 0 && x < W && y < H && maskValueAt(mask, W, H, x, y) >= 128;
  const near = (p: BackgroundSample) => {
    for (let k = 0; k < 8; k++)
      if (person(p.x + dx[k]! * r, p.y + dy[k]! * r) || person(p.x + dx[k]! * r * 0.5, p.y + dy[k]! * r * 0.5))
        return true;
    return false;
  };
  return samples.filter(near);
}

/**
 * Spread of the backdrop next to the outline, on the left and the right of the sitter apart (the larger): p90
 * ΔE2000 of each side's samples to that side's median colour. A frame-wide gradient barely changes along one side;
 * a shadow or an object on one side does.
 */
export function outlineSpread(ctx: CheckContext, band: BackgroundSample[]): number {
  const cx = ctx.geo?.centerX ?? ctx.analysis.width / 2;
  let spread = 0;
  for (const side of [band.filter((p) => p.x < cx), band.filter((p) => p.x >= cx)]) {
    if (side.length < 20) continue;
    const med = medianLab(side);
    spread = Math.max(spread, percentile(deltasTo(side, med), 0.9));
  }
  return spread;
}

function medianLab(s: BackgroundSample[]): Lab {
  const L = new Float64Array(s.length);
  const A = new Float64Array(s.length);
  const B = new Float64Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const lab = s[i]!.lab;
    L[i] = lab.L;
    A[i] = lab.a;
    B[i] = lab.b;
  }
  return { L: median(L), a: median(A), b: median(B) };
}

/** ΔE2000 of every sample to one colour (a typed array: the percentile reads it without another copy). */
function deltasTo(s: BackgroundSample[], ref: Lab): Float64Array {
  const d = new Float64Array(s.length);
  for (let i = 0; i < s.length; i++) d[i] = deltaE2000(s[i]!.lab, ref);
  return d;
}

function meanLab(s: BackgroundSample[]): Lab {
  const n = Math.max(1, s.length);
  return {
    L: s.reduce((t, p) => t + p.lab.L, 0) / n,
    a: s.reduce((t, p) => t + p.lab.a, 0) / n,
    b: s.reduce((t, p) => t + p.lab.b, 0) / n,
  };
}

/**
 * background.uniform — 'blue' backdrop: spread of the whole background colour (p90 ΔE2000 to its median: objects,
 * texture, shadows), drift between its left/right and top/bottom halves (gradients, one-sided shadow), and the
 * band next to the outline (outlineSpread). 'replace' backdrop: the outline band only — a gradient or an object
 * away from the sitter is painted over, a shadow or an object touching the outline spoils the cut-out.
 * Value: the whole spread ('blue'; the outline spread when that is what fails) or the outline spread ('replace').
 */
export function checkBackgroundUniform(
  ctx: CheckContext,
  all = backgroundSamples(ctx),
  backdrop: BackdropMode = 'blue',
): CheckResult {
  const th = ctx.t.background;
  const replace = backdrop === 'replace';
  const band = nearOutline(ctx, all);
  const samples = replace ? band : all;
  const thr = replace
    ? `outline≤${th.spreadFail}`
    : `spread≤${th.spreadFail}, drift≤${th.driftFail}, outline≤${th.spreadFail}`;
  if (samples.length < 50)
    return result('background.uniform', 'fail', null, thr, '看不到足够的背景，请把相机拉远或检查背景');
  const W = ctx.analysis.width;
  const H = ctx.analysis.height;
  const region = { x: 0, y: 0, width: W, height: H };
  // Next to the outline (both modes): shadows and objects there spoil the cut-out.
  const outline = band.length >= 50 ? outlineSpread(ctx, band) : 0;
  if (replace) {
    const status = outline > th.spreadFail ? 'fail' : outline > th.spreadWarn ? 'warn' : 'pass';
    const msg = {
      fail: '人像轮廓旁的背景有阴影或物体，会影响换底，请移开物体或调整灯光',
      warn: '人像轮廓旁的背景略有阴影，请检查灯光',
      pass: '背景均匀',
    }[status];
    return result('background.uniform', status, outline, thr, msg, region);
  }
  const med = medianLab(samples);
  const spread = percentile(deltasTo(samples, med), 0.9);
  const halves = [
    [samples.filter((p) => p.x < W / 2), samples.filter((p) => p.x >= W / 2)],
    [samples.filter((p) => p.y < H / 2), samples.filter((p) => p.y >= H / 2)],
  ];
  let drift = 0;
  for (const [p, q] of halves)
    if (p!.length > 20 && q!.length > 20) drift = Math.max(drift, deltaE2000(meanLab(p!), meanLab(q!)));
  if (spread > th.spreadFail)
    return result(
      'background.uniform',
      'fail',
      spread,
      thr,
      '背景不干净（有物体、图案或阴影），请使用纯色背景布',
      region,
    );
  if (drift > th.driftFail)
    return result('background.uniform', 'fail', spread, thr, '背景明暗不均（有渐变或阴影），请调整背景灯', region);
  if (outline > th.spreadFail)
    return result('background.uniform', 'fail', outline, thr, '人像轮廓旁的背景有阴影或物体，请调整灯光', region);
  if (Math.max(spread, outline) > th.spreadWarn)
    return result('background.uniform', 'warn', spread, thr, '背景略有不均，请检查背景布褶皱与阴影', region);
  return result('background.uniform', 'pass', spread, thr, '背景均匀', region);
}

/**
 * background.color — ΔE2000 between the median background colour of the raw capture and the profile colour.
 * 'blue' backdrop: strict (a wrong blue means the cloth or the white balance is off). 'replace': at most 'warn',
 * since production paints the exact colour; the value and the advice are still shown.
 */
export function checkBackgroundColor(
  ctx: CheckContext,
  samples = backgroundSamples(ctx),
  backdrop: BackdropMode = 'blue',
): CheckResult {
  const th = ctx.t.backgroundColor;
  const replace = backdrop === 'replace';
  if (samples.length < 50)
    return result('background.color', replace ? 'warn' : 'fail', null, th.fail, '看不到足够的背景，无法判断背景颜色');
  const target = rgbToLab(...parseHexColor(ctx.profile.output.background));
  const v = deltaE2000(medianLab(samples), target);
  const graded = v > th.fail ? 'fail' : v > th.warn ? 'warn' : 'pass';
  const status = replace && graded === 'fail' ? 'warn' : graded;
  const msg =
    graded === 'pass'
      ? '背景颜色符合要求'
      : replace
        ? `背景不是标准蓝（ΔE ${v.toFixed(1)}），成片会自动换为 ${ctx.profile.output.background}；如用蓝色背景布，请检查白平衡`
        : `背景颜色与 ${ctx.profile.output.background} 相差较大，请使用标准蓝色背景布并校准白平衡`;
  return result('background.color', status, v, th.fail, msg, null);
}

/**
 * clothing.contrast — share of clothing pixels (person mask, below the shoulder line) whose colour is within
 * `nearDeltaE` of the profile background colour: a blue shirt vanishes into #28BEFA (vendor: 黑边检测).
 */
export function checkClothingContrast(ctx: CheckContext): CheckResult {
  const th = ctx.t.clothing;
  const vendorName = '黑边检测';
  const a = ctx.analysis;
  const l = keypoint(ctx, 'left_shoulder');
  const r = keypoint(ctx, 'right_shoulder');
  if (!l || !r || !a.mask)
    return { ...result('clothing.contrast', 'fail', null, th.fail, '看不到上身衣着，请拍到胸前'), vendorName };
  const span = Math.max(1, l.x - r.x);
  const top = (l.y + r.y) / 2 + span * 0.1;
  const box = { x: r.x, y: top, width: span, height: Math.min(a.height - top, span * 0.6) };
  const target = rgbToLab(...parseHexColor(ctx.profile.output.background));
  let n = 0;
  let near = 0;
  forEachPixel(ctx, box, 800, (rr, g, b, x, y) => {
    if (maskValueAt(a.mask!, a.width, a.height, x, y) < 200) return;
    n++;
    if (deltaE2000(rgbToLab(rr, g, b), target) < th.nearDeltaE) near++;
  });
  if (n < 30)
    return { ...result('clothing.contrast', 'fail', null, th.fail, '看不到上身衣着，请拍到胸前', box), vendorName };
  const v = near / n;
  const status = v > th.fail ? 'fail' : v > th.warn ? 'warn' : 'pass';
  const msg = status === 'pass' ? '衣着与背景区分明显' : '衣服颜色接近蓝色背景，请换非蓝色衣服';
  return { ...result('clothing.contrast', status, v, th.fail, msg, box), vendorName };
}

import { result, NO_FACE, type CheckContext } from './context';
import { keypoint } from './body-checks';
import { defaultCropOptions } from '../photo/crop-plan';
import type { CheckId, CheckResult } from './types';

// Framing of the final photo; for raw captures evaluated in the crop production would make — the same planner
// (crop-plan.ts): a frame production would refuse fails the framing check the refusal concerns.

/** Output px of slack for the range limits: the crop plan may land exactly on a limit. */
const EPS = 0.5;

/**
 * Raw frames: how far production's predicted position may miss its range before the check fails — the planner's own
 * safety margin (defaultCropOptions.margin / faceWidthMargin), which it keeps for the 初审's re-measurement noise.
 * A miss within it warns: the 初审 of the final photo may measure it either side (portrait-02: a compromised plan
 * predicts the head top at 43.8 px, its 初审 measures 53.8 px and passes).
 */
const rawSlack = (ctx: CheckContext, faceWidth = false) =>
  ctx.plan?.mode === 'raw' ? (faceWidth ? defaultCropOptions.faceWidthMargin : defaultCropOptions.margin) : EPS;

/** Range verdict with the slack: outside by more → fail, outside by less (raw frames) → warn. */
function grade(v: number, min: number, max: number, slack: number): 'pass' | 'warn' | 'fail' | 'low' | 'high' {
  if (v < min - slack) return 'low';
  if (v > max + slack) return 'high';
  return v < min - EPS || v > max + EPS ? 'warn' : 'pass';
}

const pct = (v: number, h: number) => (v / h) * 100;
const range = (min: number, max: number, h: number) => `${pct(min, h).toFixed(1)}..${pct(max, h).toFixed(1)}%`;

/**
 * Raw frame that production would refuse: the framing check the refusal concerns fails with its coaching, the
 * others are not judged on this frame (pass, no value). Null when the plan was made.
 */
function refused(ctx: CheckContext, id: CheckId, thr: number | string, ok: string): CheckResult | null {
  const r = ctx.plan?.refusal;
  if (!r) return null;
  return r.check === id ? result(id, 'fail', null, thr, r.message) : result(id, 'pass', null, thr, ok);
}

/** framing.headroom — head top below the top edge, % of the photo height (vendor: 头顶距离顶部百分比). */
export function checkHeadroom(ctx: CheckContext): CheckResult {
  const H = ctx.profile.output.height;
  const r = ctx.profile.geometry.headTop;
  const thr = range(r.min, r.max, H);
  const vendorName = '头顶距离顶部百分比';
  if (!ctx.plan || !ctx.geo) return { ...result('framing.headroom', 'fail', null, thr, NO_FACE), vendorName };
  const no = refused(ctx, 'framing.headroom', thr, '头顶留白合适');
  if (no) return { ...no, vendorName };
  const v = ctx.plan.out.headTop;
  const region = {
    x: ctx.geo.centerX - ctx.geo.faceWidth / 2,
    y: ctx.geo.headTopY - 10,
    width: ctx.geo.faceWidth,
    height: 20,
  };
  const gr = grade(v, r.min, r.max, rawSlack(ctx));
  let status: 'pass' | 'warn' | 'fail' = gr === 'warn' ? 'warn' : 'pass';
  let msg = gr === 'warn' ? '头顶留白接近限值，请稍调整相机高度' : '头顶留白合适';
  if (gr === 'low') {
    status = 'fail';
    msg = ctx.plan.mode === 'raw' ? '头顶空间不足，请把相机稍向上或让学生坐低一些' : '头顶离上边缘太近';
  } else if (gr === 'high') {
    status = 'fail';
    msg = ctx.plan.mode === 'raw' ? '头顶上方空白过多，请把相机稍向下' : '头顶离上边缘太远';
  }
  return { ...result('framing.headroom', status, pct(v, H), thr, msg, region), vendorName };
}

/** framing.eyes — eye line below the top edge, % of the photo height (vendor: 眼睛中心距离顶部百分比). */
export function checkEyeLine(ctx: CheckContext): CheckResult {
  const H = ctx.profile.output.height;
  const r = ctx.profile.geometry.eyeLine;
  const thr = range(r.min, r.max, H);
  const vendorName = '眼睛中心距离顶部百分比';
  if (!ctx.plan || !ctx.geo) return { ...result('framing.eyes', 'fail', null, thr, NO_FACE), vendorName };
  const no = refused(ctx, 'framing.eyes', thr, '眼睛高度合适');
  if (no) return { ...no, vendorName };
  const v = ctx.plan.out.eyeLine;
  const g = ctx.geo;
  const region = { x: g.rightEye.x - 10, y: g.eyeLineY - 10, width: g.leftEye.x - g.rightEye.x + 20, height: 20 };
  const gr = grade(v, r.min, r.max, rawSlack(ctx));
  let status: 'pass' | 'warn' | 'fail' = gr === 'warn' ? 'warn' : 'pass';
  let msg = gr === 'warn' ? '眼睛高度接近限值' : '眼睛高度合适';
  if (gr === 'low') {
    status = 'fail';
    msg = ctx.plan.mode === 'raw' ? '眼睛位置偏高，请把相机稍向上' : '眼睛位置偏高';
  } else if (gr === 'high') {
    status = 'fail';
    msg = ctx.plan.mode === 'raw' ? '眼睛位置偏低，请把相机稍向下' : '眼睛位置偏低';
  }
  return { ...result('framing.eyes', status, pct(v, H), thr, msg, region), vendorName };
}

/** framing.face_size — face width in the photo (px); raw captures: production's upscale limit (黑边检测: figure too small). */
export function checkFaceSize(ctx: CheckContext): CheckResult {
  const r = ctx.profile.geometry.faceWidth;
  const thr = `${r.min}..${r.max}px`;
  const vendorName = '黑边检测';
  if (!ctx.plan || !ctx.geo) return { ...result('framing.face_size', 'fail', null, thr, NO_FACE), vendorName };
  const no = refused(ctx, 'framing.face_size', thr, '人像大小合适');
  if (no) return { ...no, vendorName };
  const v = ctx.plan.out.faceWidth;
  const g = ctx.geo;
  const region = {
    x: g.centerX - g.faceWidth / 2,
    y: g.foreheadTop.y,
    width: g.faceWidth,
    height: g.chin.y - g.foreheadTop.y,
  };
  const gr = grade(v, r.min, r.max, rawSlack(ctx, true));
  let status: 'pass' | 'warn' | 'fail' = gr === 'warn' ? 'warn' : 'pass';
  let msg = gr === 'warn' ? '人像大小接近限值' : '人像大小合适';
  if (gr === 'low') {
    status = 'fail';
    msg = '人像太小，请拉近镜头';
  } else if (gr === 'high') {
    status = 'fail';
    msg = ctx.plan.mode === 'raw' ? '离相机太近，请让学生稍向后坐或拉远镜头' : '人像太大';
  }
  return { ...result('framing.face_size', status, v, thr, msg, region), vendorName };
}

/** framing.centered — face centre offset from the photo centre (output px). */
export function checkCentered(ctx: CheckContext): CheckResult {
  const max = ctx.profile.geometry.maxCenterOffset;
  if (!ctx.plan || !ctx.geo) return result('framing.centered', 'fail', null, max, NO_FACE);
  const no = refused(ctx, 'framing.centered', max, '人像居中');
  if (no) return no;
  const v = ctx.plan.out.centerOffset;
  const region = {
    x: ctx.geo.centerX - 5,
    y: ctx.geo.foreheadTop.y,
    width: 10,
    height: ctx.geo.chin.y - ctx.geo.foreheadTop.y,
  };
  if (Math.abs(v) <= max + EPS) return result('framing.centered', 'pass', v, max, '人像居中', region);
  const msg =
    ctx.plan.mode === 'raw'
      ? v < 0
        ? '人像太靠画面左侧，请把相机向左移或让学生向右坐'
        : '人像太靠画面右侧，请把相机向右移或让学生向左坐'
      : v < 0
        ? '人像偏左'
        : '人像偏右';
  return result('framing.centered', 'fail', v, max, msg, region);
}

/**
 * framing.shoulders — both shoulders seen, and the photo reaching below the shoulder line by
 * `chestBelowShoulders` × (eye-to-shoulder distance), about the third button. Raw captures: in the crop production
 * would make (its planner refuses a frame whose shoulders are cut or whose bottom edge is above the chest); final
 * photos: within the photo. Value: chest visible / required.
 */
export function checkShouldersFraming(ctx: CheckContext): CheckResult {
  const need = ctx.t.framing.chestBelowShoulders;
  if (!ctx.geo) return result('framing.shoulders', 'fail', null, 1, NO_FACE);
  const no = refused(ctx, 'framing.shoulders', 1, '双肩与胸部完整');
  if (no) return no;
  const l = keypoint(ctx, 'left_shoulder');
  const r = keypoint(ctx, 'right_shoulder');
  const H = ctx.analysis.height;
  if (!l || !r) return result('framing.shoulders', 'fail', 0, 1, '看不到双肩，请把相机拉远，拍到胸前第三颗纽扣');
  const shoulderY = (l.y + r.y) / 2;
  const required = need * (shoulderY - ctx.geo.eyeLineY);
  const plan = ctx.plan;
  const bottom = plan?.mode === 'raw' ? Math.min(H, plan.crop.y + plan.crop.height) : H;
  const v = required > 0 ? (bottom - shoulderY) / required : 0;
  const region = { x: r.x, y: shoulderY, width: l.x - r.x, height: Math.max(1, H - shoulderY) };
  if (v < 1 - 1e-3) return result('framing.shoulders', 'fail', v, 1, '胸部拍得太少，请拍到胸前第三颗纽扣', region);
  return result('framing.shoulders', 'pass', v, 1, '双肩与胸部完整', region);
}

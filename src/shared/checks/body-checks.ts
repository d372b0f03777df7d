import type { BodyKeypoint, BodyKeypointName } from '../vision/analysis';
import { gradeAbove, result, type CheckContext } from './context';
import type { CheckResult } from './types';

import { KEYPOINT_MIN_SCORE } from '../spec/check-thresholds';

export { KEYPOINT_MIN_SCORE };

export function keypoint(ctx: CheckContext, name: BodyKeypointName): BodyKeypoint | null {
  const k = ctx.analysis.body.find((b) => b.name === name);
  return k && k.score >= KEYPOINT_MIN_SCORE ? k : null;
}

/** shoulders.level — angle of the shoulder line (MoveNet shoulders), degrees; > 0: subject's left shoulder lower. */
export function checkShouldersLevel(ctx: CheckContext): CheckResult {
  const th = ctx.t.shoulders;
  const l = keypoint(ctx, 'left_shoulder');
  const r = keypoint(ctx, 'right_shoulder');
  if (!l || !r) return result('shoulders.level', 'fail', null, th.fail, '看不到双肩，请让双肩进入画面');
  // Subject's right shoulder is on the image left.
  const angle = (Math.atan2(l.y - r.y, l.x - r.x) * 180) / Math.PI;
  const status = gradeAbove(Math.abs(angle), th.warn, th.fail);
  const region = { x: r.x, y: Math.min(l.y, r.y) - 20, width: l.x - r.x, height: Math.abs(l.y - r.y) + 40 };
  const msg =
    status === 'pass' ? '双肩水平' : angle > 0 ? '右肩偏高，请放松双肩保持水平' : '左肩偏高，请放松双肩保持水平';
  return result('shoulders.level', status, angle, th.fail, msg, region);
}

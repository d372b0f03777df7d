import type { CheckResult } from '../../shared/checks/types';

// 初审's reasons from the failed checks: one line per cause, each saying what to do (the photographer reads them on
// 拍摄 and retakes). A new-user trial saw "看不到双肩" twice and "看不到上身衣着" on a final whose T-shirt is in the
// picture: the shoulders under the bottom edge were one cause reported by three checks.

export interface CheckReason {
  code: string;
  message: string;
}

/** The one line for shoulders the final does not show (framing.shoulders, shoulders.level, clothing.contrast). */
export const SHOULDERS_UNSEEN = '胸部拍得太少，成片中看不到双肩，请把相机拉远，拍到胸前第三颗纽扣后重拍';

/** Final-mode messages that state the fault only: the action to add. */
const ACTIONS: Record<string, string> = {
  头顶离上边缘太近: '头顶离上边缘太近，请把相机稍向上，头顶上方多留空间后重拍',
  头顶离上边缘太远: '头顶离上边缘太远，请把相机稍向下或拉远，拍到胸前后重拍',
  眼睛位置偏高: '眼睛位置偏高，请把相机稍向上后重拍',
  眼睛位置偏低: '眼睛位置偏低，请把相机稍向下后重拍',
  人像太大: '人像太大，请让学生稍向后坐或拉远镜头后重拍',
  人像偏左: '人像偏左，请让学生坐到镜头正中后重拍',
  人像偏右: '人像偏右，请让学生坐到镜头正中后重拍',
  '未检测到人脸，无法检查': '未检测到人脸，请让学生正对镜头、脸部完整入画后重拍',
  '看不到足够的背景，无法判断背景颜色': '看不到足够的背景，无法判断背景颜色，请拉远镜头让背景露出后重拍',
};

/** A fail that only says the shoulders (and so the clothing below them) were not found. */
function shouldersUnseen(c: CheckResult): boolean {
  if (c.id === 'shoulders.level' || c.id === 'clothing.contrast') return c.value === null && /看不到/.test(c.message);
  return c.id === 'framing.shoulders' && /看不到双肩/.test(c.message);
}

/** With an action: the check's own message when it has one (请…), else the one above, else a generic one. */
export function withAction(message: string): string {
  if (/请/.test(message)) return message;
  return ACTIONS[message] ?? `${message}，请调整后重拍`;
}

/** The failed checks as reasons: one per cause (same message once, the unseen shoulders once), each with an action. */
export function checkReasons(checks: readonly CheckResult[]): CheckReason[] {
  const out: CheckReason[] = [];
  const seen = new Set<string>();
  const fails = checks.filter((c) => c.status === 'fail');
  const unseen = fails.filter(shouldersUnseen);
  // the shoulders missing: one line, where framing.shoulders (the cause the live view names) would stand
  const merged = unseen.length > 0 && unseen.some((c) => c.id !== 'clothing.contrast');
  for (const c of fails) {
    let reason: CheckReason;
    if (merged && shouldersUnseen(c)) reason = { code: 'framing.shoulders', message: SHOULDERS_UNSEEN };
    else reason = { code: c.id, message: withAction(c.message) };
    if (seen.has(reason.message)) continue;
    seen.add(reason.message);
    out.push(reason);
  }
  return out;
}

import { describe, expect, it } from 'vitest';
import { checkReasons, SHOULDERS_UNSEEN, withAction } from '../../../src/main/production/review-reasons';
import type { CheckId, CheckResult } from '../../../src/shared/checks/types';

const fail = (id: CheckId, message: string, value: number | null = null): CheckResult => ({
  id,
  status: 'fail',
  value,
  threshold: 0,
  message,
  region: null,
});
const pass = (id: CheckId): CheckResult => ({ ...fail(id, 'ok', 1), status: 'pass' });

describe('初审 reasons', () => {
  it('shoulders under the bottom edge (earring-studs-01): one line, not 看不到双肩 twice and 看不到上身衣着', () => {
    // the three fails the final of earring-studs-01 gave (studio photo, before this change)
    const r = checkReasons([
      pass('face.count'),
      fail('shoulders.level', '看不到双肩，请让双肩进入画面'),
      fail('framing.shoulders', '看不到双肩，请把相机拉远，拍到胸前第三颗纽扣', 0),
      fail('clothing.contrast', '看不到上身衣着，请拍到胸前'),
    ]);
    expect(r).toEqual([{ code: 'framing.shoulders', message: SHOULDERS_UNSEEN }]);
    expect(SHOULDERS_UNSEEN).toMatch(/胸部拍得太少.*请/);
  });
  it('a clothing fail with its shoulders seen stays its own reason', () => {
    const blue = fail('clothing.contrast', '衣服颜色接近蓝色背景，请换非蓝色衣服', 0.6);
    expect(checkReasons([blue])).toEqual([{ code: 'clothing.contrast', message: blue.message }]);
    // no shoulders, no mask: clothing alone is not merged into the shoulders line
    expect(checkReasons([fail('clothing.contrast', '看不到上身衣着，请拍到胸前')])[0]!.code).toBe('clothing.contrast');
  });
  it('each reason says what to do', () => {
    const r = checkReasons([
      fail('framing.headroom', '头顶离上边缘太远', 20),
      fail('framing.eyes', '眼睛位置偏低', 50),
      fail('framing.face_size', '人像太大', 300),
      fail('sharpness', '照片模糊，请对焦后重拍并保持不动', 1),
    ]);
    expect(r.map((x) => x.message)).toEqual([
      '头顶离上边缘太远，请把相机稍向下或拉远，拍到胸前后重拍',
      '眼睛位置偏低，请把相机稍向下后重拍',
      '人像太大，请让学生稍向后坐或拉远镜头后重拍',
      '照片模糊，请对焦后重拍并保持不动',
    ]);
    for (const x of r) expect(x.message).toMatch(/请/);
    expect(withAction('某个新问题')).toBe('某个新问题，请调整后重拍');
  });
  it('no face: the framing checks that all say so give one line', () => {
    const nf = '未检测到人脸，无法检查';
    const r = checkReasons([
      fail('face.count', '未检测到人脸，请正对镜头', 0),
      fail('framing.headroom', nf),
      fail('framing.eyes', nf),
      fail('framing.face_size', nf),
      fail('framing.centered', nf),
    ]);
    expect(r.map((x) => x.code)).toEqual(['face.count', 'framing.headroom']);
    expect(r[1]!.message).toBe('未检测到人脸，请让学生正对镜头、脸部完整入画后重拍');
  });
  it('passes and warns give no reason', () => {
    expect(
      checkReasons([pass('eyes.open'), { ...fail('accessories', '疑似佩戴耳环，请摘下饰品'), status: 'warn' }]),
    ).toEqual([]);
  });
});

import { deltaE2000, rgbToLab } from '../color/lab';
import { maskValueAt } from '../vision/mask-ops';
import { forEachPixel, gradeBelow, NO_FACE, result, type CheckContext } from './context';
import { skinLab } from './face-checks';
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
  for (let v = 0; v < M; v++)
    for (let u = 0; u < N; u++) {
      const x = Math.min(img.width - 1, Math.max(0, Math.round((box.x + ((u + 0.5) * box.width) / N) * ctx.sx)));
      const y = Math.min(img.height - 1, Math.max(0, Math.round((box.y + ((v + 0.5) * box.height) / M) * ctx.sy)));
      const o = (y * img.width + x) * img.channels;
      gray[v * N + u] = 0.299 * img.data[o]! + 0.587 * img.data[o + 1]! + 0.114 * img.data[o + 2]!;
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
 * headwear — share of the crown (between the head top and the forehead, person pixels) whose colour is neither
 * hair (dark, low chroma) nor skin: hats, caps, scarves, bright hair bands. Warn only (dyed or blond hair and
 * black hats are indistinguishable from this colour cue).
 */
export function checkHeadwear(ctx: CheckContext): CheckResult {
  const th = ctx.t.headwear;
  const g = ctx.geo;
  const skin = skinLab(ctx);
  if (!g || !skin) return result('headwear', 'fail', null, th.warn, NO_FACE);
  const top = g.headTopY;
  const bottom = g.foreheadTop.y;
  if (bottom - top < 4) return result('headwear', 'pass', 0, th.warn, '未见帽子或头饰');
  const box = { x: g.centerX - g.faceWidth * 0.4, y: top, width: g.faceWidth * 0.8, height: bottom - top };
  const a = ctx.analysis;
  let n = 0;
  let foreign = 0;
  forEachPixel(ctx, box, 400, (r, gg, b, x, y) => {
    if (a.mask && maskValueAt(a.mask, a.width, a.height, x, y) < 128) return;
    n++;
    const lab = rgbToLab(r, gg, b);
    const chroma = Math.hypot(lab.a, lab.b);
    const hair = lab.L < 35 || (lab.L < 60 && chroma < 22);
    if (!hair && deltaE2000(lab, skin) > 15) foreign++;
  });
  const v = n ? foreign / n : 0;
  const status = v > th.warn ? 'warn' : 'pass';
  return result(
    'headwear',
    status,
    v,
    th.warn,
    status === 'pass' ? '未见帽子或头饰' : '疑似佩戴帽子或头饰，请摘下',
    box,
  );
}

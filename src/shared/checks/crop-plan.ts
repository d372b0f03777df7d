import type { Analysis, Box } from '../vision/analysis';
import type { PhotoProfile } from '../spec/profile';
import { defaultCropOptions, planFinalCrop, type CropOptions } from '../photo/crop-plan';
import { refusal as refusalOf, type RefusalCode } from '../photo/refusal';
import { subjectOf } from '../photo/subject';
import type { FaceGeometry } from './face-geometry';
import type { CheckId } from './types';

/**
 * Where the final W×H photo would sit in the analysed image, and where the face lands in it — one rule for the live
 * framing checks and production (issue 11: "one framing rule"). Vocabulary (output px of the profile's photo):
 * head top, eye line, face width, centre offset — the four positions of `profile.geometry`.
 *
 * - 'final' mode (the analysed image already has the profile's output size, e.g. the 初审 of a produced photo):
 *   the crop is the whole image, positions are measured as they are.
 * - 'raw' mode (a camera frame, a hot-folder file): the crop production would make — the very same planner,
 *   `planFinalCrop` (src/shared/photo/crop-plan.ts), on the very same person measure (`subjectOf`). It may extend
 *   the crop past the top and the sides onto background (production fills it with the profile colour), never below
 *   the bottom edge. When production would refuse the frame, `refusal` says why and which framing check it concerns
 *   (REFUSAL_CHECK); that check fails with the coaching sentence, the other framing checks are not judged on it.
 *   A plan that had to compromise (e.g. a high bun) lands some position outside its range: that check fails, as the
 *   初审 of the photo production makes from this frame would.
 */
export interface CropPlan {
  mode: 'final' | 'raw';
  /** Crop rectangle in analysed-image pixels (raw mode: may extend past the top/sides onto background). */
  crop: Box;
  /** Output pixels per analysed-image pixel. */
  scale: number;
  /** Positions in the output photo (px). */
  out: { headTop: number; eyeLine: number; faceWidth: number; centerOffset: number };
  /** Raw mode: production would refuse this frame — the reason code and the framing check it concerns. */
  refusal: { code: RefusalCode; check: CheckId; message: string } | null;
}

/**
 * The framing check each crop refusal concerns (the photographer fixes it by fixing that check). A person cut at a
 * side edge is cut across the shoulders first (the widest part of a head-and-shoulders photo): framing.shoulders.
 * framing.centered therefore never fails on a raw frame — production centres the face itself — only on a final photo.
 */
export const REFUSAL_CHECK: Partial<Record<RefusalCode, CheckId>> = {
  head_cut_top: 'framing.headroom',
  head_proportions: 'framing.headroom',
  subject_cut_side: 'framing.shoulders',
  shoulders_cut: 'framing.shoulders',
  source_too_short: 'framing.shoulders',
  face_too_small: 'framing.face_size',
};

/** Live coaching for a refused frame, in the words of the framing check it concerns. */
const COACHING: Partial<Record<RefusalCode, string>> = {
  head_cut_top: '头顶被画面上边缘裁切，请把相机稍向上或让学生坐低一些',
  shoulders_cut: '双肩没有完整进入画面，请把相机拉远或让学生居中',
  source_too_short: '胸部拍得太少，请把相机拉远，拍到胸前第三颗纽扣',
  face_too_small: '人像太小，请让学生靠近相机或拉近镜头',
};

export function planCrop(
  a: Analysis,
  g: FaceGeometry,
  profile: PhotoProfile,
  options: CropOptions = defaultCropOptions,
): CropPlan {
  const { width: W, height: H } = profile.output;
  if (a.width === W && a.height === H) {
    return {
      mode: 'final',
      crop: { x: 0, y: 0, width: W, height: H },
      scale: 1,
      out: { headTop: g.headTopY, eyeLine: g.eyeLineY, faceWidth: g.faceWidth, centerOffset: g.centerX - W / 2 },
      refusal: null,
    };
  }
  const subject = subjectOf(a, g);
  // Without the person mask (live, before the first mask of a sitter) the planner cannot see a head cut at the top:
  // a head top estimated at the edge counts as touching it.
  if (!a.mask && g.headTopY <= 1) subject.edges.top = [[subject.faceLeft, subject.faceRight]];
  const planned = planFinalCrop(subject, profile.output, profile.geometry, options);
  if (!planned.ok) {
    const code = planned.refusal.code;
    const check = REFUSAL_CHECK[code] ?? 'framing.shoulders';
    const side = g.centerX < a.width / 2 ? '左' : '右';
    const message =
      code === 'subject_cut_side'
        ? `人像在画面${side}侧被截断，请把相机向${side}移或让学生居中`
        : (COACHING[code] ?? refusalOf(code).message);
    // Positions of the unconstrained aim (face width and eye line at the middle of their ranges, face centred):
    // reported by the checks the refusal does not concern, which are not judged on a refused frame.
    const mid = (r: { min: number; max: number }) => (r.min + r.max) / 2;
    const geo = profile.geometry;
    const scale = mid(geo.faceWidth) / g.faceWidth;
    const eyeOut = mid(geo.eyeLine);
    return {
      mode: 'raw',
      crop: { x: g.centerX - W / scale / 2, y: g.eyeLineY - eyeOut / scale, width: W / scale, height: H / scale },
      scale,
      out: {
        headTop: eyeOut - (g.eyeLineY - g.headTopY) * scale,
        eyeLine: eyeOut,
        faceWidth: mid(geo.faceWidth),
        centerOffset: 0,
      },
      refusal: { code, check, message },
    };
  }
  const p = planned.plan;
  return {
    mode: 'raw',
    crop: { x: p.x, y: p.y, width: p.width, height: p.height },
    scale: p.scale,
    out: p.predicted,
    refusal: null,
  };
}

import type { Analysis, Box } from '../vision/analysis';
import type { PhotoProfile } from '../spec/profile';
import type { FaceGeometry } from './face-geometry';

/**
 * Where the final W×H photo would sit in the analysed image, and where the face lands in it.
 *
 * Definition used by the framing checks:
 * - 'final' mode (the analysed image already has the profile's output size, e.g. the 初审 of a produced photo):
 *   the crop is the whole image, positions are measured as they are.
 * - 'raw' mode (a camera frame): the crop a producer would make — scaled so the face width is as near the middle of
 *   its range as the head-top/eye-line ranges allow, eye line at the middle of its range (moved within it so the head top fits its range), centred
 *   on the face — then clamped into the frame (it cannot use pixels the camera did not capture). The framing checks
 *   judge where things land in that clamped crop: they fail when the frame lacks head room, shoulders or side room
 *   for a compliant crop, or when the face is too small to crop without heavy upscaling.
 */
export interface CropPlan {
  mode: 'final' | 'raw';
  /** Crop rectangle in analysed-image pixels (may extend past the frame only when the frame is too small). */
  crop: Box;
  /** Output pixels per analysed-image pixel. */
  scale: number;
  /** Positions in the output photo (px). */
  out: { headTop: number; eyeLine: number; faceWidth: number; centerOffset: number };
  /** The crop had to be shifted to stay inside the frame (by this many output px, vertically / horizontally). */
  shifted: { x: number; y: number };
}

export function planCrop(a: Analysis, g: FaceGeometry, profile: PhotoProfile): CropPlan {
  const { width: W, height: H } = profile.output;
  const geo = profile.geometry;
  if (a.width === W && a.height === H) {
    return {
      mode: 'final',
      crop: { x: 0, y: 0, width: W, height: H },
      scale: 1,
      out: { headTop: g.headTopY, eyeLine: g.eyeLineY, faceWidth: g.faceWidth, centerOffset: g.centerX - W / 2 },
      shifted: { x: 0, y: 0 },
    };
  }
  const mid = (r: { min: number; max: number }) => (r.min + r.max) / 2;
  // Scale: face width as close to the middle of its range as the head (top to eyes) allows: the head-top and
  // eye-line ranges bound the head-to-eye distance in the output.
  const hte = Math.max(1, g.eyeLineY - g.headTopY);
  const lo = Math.max(geo.faceWidth.min / g.faceWidth, (geo.eyeLine.min - geo.headTop.max) / hte);
  const hi = Math.min(geo.faceWidth.max / g.faceWidth, (geo.eyeLine.max - geo.headTop.min) / hte);
  let scale = mid(geo.faceWidth) / g.faceWidth;
  if (lo <= hi) scale = Math.min(hi, Math.max(lo, scale));
  // A frame smaller than the crop at this scale forces a larger scale (bigger face).
  scale = Math.max(scale, W / a.width, H / a.height);
  // Eye line: the middle of the positions that keep both the eye line and the head top inside their ranges.
  const headToEye = hte * scale;
  const eyeLo = Math.max(geo.eyeLine.min, geo.headTop.min + headToEye);
  const eyeHi = Math.min(geo.eyeLine.max, geo.headTop.max + headToEye);
  const eyeOut = eyeLo <= eyeHi ? (eyeLo + eyeHi) / 2 : mid(geo.eyeLine);
  const cw = W / scale;
  const ch = H / scale;
  const idealX = g.centerX - cw / 2;
  const idealY = g.eyeLineY - eyeOut / scale;
  const x = Math.min(Math.max(idealX, 0), Math.max(0, a.width - cw));
  const y = Math.min(Math.max(idealY, 0), Math.max(0, a.height - ch));
  return {
    mode: 'raw',
    crop: { x, y, width: cw, height: ch },
    scale,
    out: {
      headTop: (g.headTopY - y) * scale,
      eyeLine: (g.eyeLineY - y) * scale,
      faceWidth: g.faceWidth * scale,
      centerOffset: (g.centerX - x) * scale - W / 2,
    },
    shifted: { x: (x - idealX) * scale, y: (y - idealY) * scale },
  };
}

import type { Point } from '../vision/analysis';

// The one definition of a level head crop's geometry from the FaceMesh landmarks, shared by the face identity
// embedding (main/vision/face-embedding.ts) and the 初审 face parsing (shared/checks/face-parsing.ts, run by
// main/production/face-parser.ts): the eye line (outer eye corners) gives the angle, and the landmarks' extent is
// measured in the frame rotated by −angle, so a tilted head gives the same crop as a level one. Pure.

/** FaceMesh indices of the outer eye corners (image-left is the person's right eye). */
export const RIGHT_EYE_OUTER = 33;
export const LEFT_EYE_OUTER = 263;

export interface LevelFaceFrame {
  /** Eye line angle, radians (image y down). */
  angle: number;
  cos: number;
  sin: number;
  /** The landmarks' extent in the level frame (u along the eye line, v down the face). */
  u0: number;
  u1: number;
  v0: number;
  v1: number;
}

export function levelFaceFrame(points: readonly Point[]): LevelFaceFrame {
  const r = points[RIGHT_EYE_OUTER]!;
  const l = points[LEFT_EYE_OUTER]!;
  const angle = Math.atan2(l.y - r.y, l.x - r.x);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  let u0 = Infinity;
  let u1 = -Infinity;
  let v0 = Infinity;
  let v1 = -Infinity;
  for (const q of points) {
    const u = cos * q.x + sin * q.y;
    const v = -sin * q.x + cos * q.y;
    if (u < u0) u0 = u;
    if (u > u1) u1 = u;
    if (v < v0) v0 = v;
    if (v > v1) v1 = v;
  }
  return { angle, cos, sin, u0, u1, v0, v1 };
}

/** A level-frame point (u, v) back in image pixels. */
export function levelToImage(f: LevelFaceFrame, u: number, v: number): Point {
  return { x: f.cos * u - f.sin * v, y: f.sin * u + f.cos * v };
}

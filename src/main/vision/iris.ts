import type { EyeLandmarks, FaceLandmarks, Point } from '../../shared/vision/analysis';
import { applyAffine, rotatedCrop, type Affine } from './sampler';

// MediaPipe Iris: one 64×64 crop per eye, centred between the eye's corners (mesh 33/133 and 263/362), side 2.3 ×
// the corner distance, rotated so the eye line is level. The model was trained on the subject's right eye (image
// left); the left eye is mirrored in, and its points mirrored back.

export const IRIS_SIZE = 64;
/** Crop side / eye corner distance (MediaPipe's ROI scale for the iris model). */
export const IRIS_ROI_SCALE = 2.3;
/** Values per eye in the model output: 71 eye-region points + 5 iris points, x/y/z each. */
export const IRIS_OUTPUT_PER_EYE = 76 * 3;

const CORNERS = { right: [33, 133], left: [263, 362] } as const;

export interface EyeCrop {
  side: 'right' | 'left';
  map: Affine;
}

/** The two eye crops (right eye, then mirrored left eye) for the mesh of one face. */
export function eyeCrops(mesh: FaceLandmarks): EyeCrop[] {
  const p = mesh.points;
  // Both crops share the eye line's angle (outer corners), like the mesh crop.
  const angle = Math.atan2(p[263]!.y - p[33]!.y, p[263]!.x - p[33]!.x);
  return (['right', 'left'] as const).map((side) => {
    const [i, j] = CORNERS[side];
    const a = p[i]!;
    const b = p[j]!;
    const size = Math.hypot(a.x - b.x, a.y - b.y) * IRIS_ROI_SCALE;
    const m = rotatedCrop((a.x + b.x) / 2, (a.y + b.y) / 2, size, angle, IRIS_SIZE);
    // Mirror the left eye: tensor u → N − u.
    const map =
      side === 'left' ? { a: -m.a, b: m.b, c: m.c + m.a * IRIS_SIZE, d: -m.d, e: m.e, f: m.f + m.d * IRIS_SIZE } : m;
    return { side, map };
  });
}

/** One eye's model output (76 × xyz in crop pixels) → image pixels. */
export function decodeEye(out: Float32Array, crop: EyeCrop): EyeLandmarks {
  const pt = (i: number): Point => applyAffine(crop.map, out[i * 3]!, out[i * 3 + 1]!);
  const lowerLid = Array.from({ length: 9 }, (_, k) => pt(k));
  const upperLid = Array.from({ length: 7 }, (_, k) => pt(9 + k));
  const irisCenter = pt(71);
  const edge = [72, 73, 74, 75].map(pt);
  const irisRadius =
    (Math.hypot(edge[0]!.x - edge[2]!.x, edge[0]!.y - edge[2]!.y) +
      Math.hypot(edge[1]!.x - edge[3]!.x, edge[1]!.y - edge[3]!.y)) /
    4;
  return { side: crop.side, lowerLid, upperLid, irisCenter, irisRadius };
}

// Live view: Iris on every other analysed frame at least. The analysed frame right after one Iris ran on may carry
// that frame's eye contours forward, moved with the mesh's eye corners, when the mesh shows neither eye changing
// (lid opening and corner span within the limits below), the eyes did not move far, and it is at most
// EYES_REUSE_MAX_FRAMES camera frames later (frames dropped in between count). A closing eye therefore reaches
// eyes.open at most one analysed frame later than with Iris on every frame; the live smoothing needs 3 anyway.

/** Mesh points the reuse decision and the carry-forward read: corners and lids of each eye. */
export const EYE_MESH_POINTS = {
  right: { corners: [33, 133], lids: [159, 145] },
  left: { corners: [263, 362], lids: [386, 374] },
} as const;
/** Largest change of an eye's mesh lid opening (lid gap / corner span), relative, for the Iris result to be carried. */
export const EYES_REUSE_MAX_OPENING_CHANGE = 0.12;
/** Largest change of an eye's corner span, relative (the face nearer or farther). */
export const EYES_REUSE_MAX_SPAN_CHANGE = 0.08;
/** Largest gap, in camera frames (dropped ones included), between the Iris frame and the frame it is carried to. */
export const EYES_REUSE_MAX_FRAMES = 3;
/** Largest move of an eye's centre, in corner spans. */
export const EYES_REUSE_MAX_MOVE = 0.25;

/** What a worker's analyzer keeps of the last live frame Iris ran on. */
export interface EyesFrom {
  frame: number;
  /** That frame's mesh points EYE_MESH_POINTS name: right corners, right lids, left corners, left lids (x, y). */
  mesh: Point[];
  eyes: EyeLandmarks[];
}

/** The EYE_MESH_POINTS of a mesh, in EyesFrom.mesh order. */
export function eyeMeshPoints(mesh: FaceLandmarks): Point[] {
  const p = mesh.points;
  return [
    ...EYE_MESH_POINTS.right.corners,
    ...EYE_MESH_POINTS.right.lids,
    ...EYE_MESH_POINTS.left.corners,
    ...EYE_MESH_POINTS.left.lids,
  ].map((i) => ({ x: p[i]!.x, y: p[i]!.y }));
}

const d = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

/**
 * The Iris contours of an earlier frame moved onto this frame's mesh (per eye, the similarity that takes the old
 * eye corners onto the new ones), or null when Iris must run: no earlier Iris frame given (the caller gives only
 * the previous analysed frame's), more than EYES_REUSE_MAX_FRAMES back, an eye's mesh opening or corner span
 * changed beyond the limits, or an eye moved too far.
 */
export function carryEyes(from: EyesFrom | undefined, frame: number, mesh: FaceLandmarks): EyeLandmarks[] | null {
  const gap = from ? frame - from.frame : 0;
  if (!from || gap < 1 || gap > EYES_REUSE_MAX_FRAMES || from.eyes.length !== 2 || from.mesh.length !== 8) return null;
  const now = eyeMeshPoints(mesh);
  const out: EyeLandmarks[] = [];
  for (const [k, side] of (['right', 'left'] as const).entries()) {
    const [a0, b0, u0, l0] = from.mesh.slice(k * 4, k * 4 + 4) as [Point, Point, Point, Point];
    const [a1, b1, u1, l1] = now.slice(k * 4, k * 4 + 4) as [Point, Point, Point, Point];
    const span0 = d(a0, b0);
    const span1 = d(a1, b1);
    if (span0 < 1e-6 || span1 < 1e-6) return null;
    if (Math.abs(span1 / span0 - 1) > EYES_REUSE_MAX_SPAN_CHANGE) return null;
    const open0 = d(u0, l0) / span0;
    const open1 = d(u1, l1) / span1;
    if (Math.abs(open1 - open0) > EYES_REUSE_MAX_OPENING_CHANGE * Math.max(open0, 1e-3)) return null;
    const c0 = { x: (a0.x + b0.x) / 2, y: (a0.y + b0.y) / 2 };
    const c1 = { x: (a1.x + b1.x) / 2, y: (a1.y + b1.y) / 2 };
    if (d(c0, c1) > EYES_REUSE_MAX_MOVE * span0) return null;
    const eye = from.eyes.find((e) => e.side === side);
    if (!eye) return null;
    // Similarity (complex multiplication): p → c1 + s·R·(p − c0), s·R from the corner vector a→b then and now.
    const vx0 = b0.x - a0.x;
    const vy0 = b0.y - a0.y;
    const vx1 = b1.x - a1.x;
    const vy1 = b1.y - a1.y;
    const n = vx0 * vx0 + vy0 * vy0;
    const re = (vx1 * vx0 + vy1 * vy0) / n;
    const im = (vy1 * vx0 - vx1 * vy0) / n;
    const move = (p: Point): Point => {
      const x = p.x - c0.x;
      const y = p.y - c0.y;
      return { x: c1.x + re * x - im * y, y: c1.y + im * x + re * y };
    };
    out.push({
      side,
      lowerLid: eye.lowerLid.map(move),
      upperLid: eye.upperLid.map(move),
      irisCenter: move(eye.irisCenter),
      irisRadius: eye.irisRadius * Math.hypot(re, im),
    });
  }
  return out;
}

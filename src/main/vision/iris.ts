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

import type { Analysis, Point } from '../vision/analysis';
import { maskValueAt } from '../vision/mask-ops';

// Face measurements shared by several checks, from the FaceMesh landmarks (indices of the 468-point mesh).

export const MESH = {
  rightEye: [33, 133, 159, 145, 160, 144, 158, 153] as const,
  leftEye: [263, 362, 386, 374, 387, 373, 385, 380] as const,
  rightEyeCorners: [33, 133] as const,
  leftEyeCorners: [263, 362] as const,
  rightEyeLids: [159, 145] as const,
  rightEyeRing: [33, 246, 161, 160, 159, 158, 157, 173, 133, 155, 154, 153, 145, 144, 163, 7] as const,
  leftEyeRing: [263, 466, 388, 387, 386, 385, 384, 398, 362, 382, 381, 380, 374, 373, 390, 249] as const,
  leftEyeLids: [386, 374] as const,
  mouthCorners: [61, 291] as const,
  innerLips: [13, 14] as const,
  innerLipRing: [78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308, 324, 318, 402, 317, 14, 87, 178, 88, 95] as const,
  rightCheek: 234,
  leftCheek: 454,
  foreheadTop: 10,
  chin: 152,
  noseTip: 1,
};

export interface FaceGeometry {
  rightEye: Point;
  leftEye: Point;
  eyeLineY: number;
  /** Cheek to cheek (landmarks 234–454), px. */
  faceWidth: number;
  centerX: number;
  foreheadTop: Point;
  chin: Point;
  /** Top of the head (hair), px: from the person mask when present, else estimated from the mesh. */
  headTopY: number;
  headTopFromMask: boolean;
}

const mean = (pts: Point[]): Point => ({
  x: pts.reduce((s, p) => s + p.x, 0) / pts.length,
  y: pts.reduce((s, p) => s + p.y, 0) / pts.length,
});

/** Head top above the mesh's forehead point as a fraction of forehead-to-chin (when no mask is available). */
export const HEAD_TOP_FROM_MESH = 0.3;

export function faceGeometry(a: Analysis): FaceGeometry | null {
  const lm = a.landmarks;
  if (!lm) return null;
  const p = lm.points;
  const rightEye = mean(MESH.rightEye.map((i) => p[i]!));
  const leftEye = mean(MESH.leftEye.map((i) => p[i]!));
  const rc = p[MESH.rightCheek]!;
  const lc = p[MESH.leftCheek]!;
  const foreheadTop = p[MESH.foreheadTop]!;
  const chin = p[MESH.chin]!;
  const faceWidth = Math.hypot(lc.x - rc.x, lc.y - rc.y);
  const centerX = (rc.x + lc.x) / 2;
  let headTopY = foreheadTop.y - HEAD_TOP_FROM_MESH * (chin.y - foreheadTop.y);
  let headTopFromMask = false;
  if (a.mask) {
    const top = headTopFromPersonMask(a, centerX, faceWidth, foreheadTop.y);
    if (top !== null) {
      headTopY = top;
      headTopFromMask = true;
    }
  }
  return {
    rightEye,
    leftEye,
    eyeLineY: (rightEye.y + leftEye.y) / 2,
    faceWidth,
    centerX,
    foreheadTop,
    chin,
    headTopY,
    headTopFromMask,
  };
}

/** Highest person pixel above the forehead in the central columns of the face (median over columns). */
function headTopFromPersonMask(a: Analysis, cx: number, faceWidth: number, foreheadY: number): number | null {
  const mask = a.mask!;
  const tops: number[] = [];
  const step = Math.max(1, a.height / mask.height / 2);
  for (let k = -4; k <= 4; k++) {
    const x = cx + (k / 4) * faceWidth * 0.2;
    let y = foreheadY;
    if (maskValueAt(mask, a.width, a.height, x, y) < 128) continue;
    while (y > 0 && maskValueAt(mask, a.width, a.height, x, y - step) >= 128) y -= step;
    tops.push(y);
  }
  if (tops.length < 3) return null;
  tops.sort((p, q) => p - q);
  return tops[Math.floor(tops.length / 2)]!;
}

import type { FaceDetection, FaceLandmarks, Point3 } from '../../shared/vision/analysis';
import { rotatedCrop, type Affine } from './sampler';

export const FACEMESH_SIZE = 192;
/** MediaPipe's face-landmark ROI: the detection box squared on its long side and enlarged 1.5×. */
export const FACEMESH_ROI_SCALE = 1.5;

export interface MeshCrop {
  map: Affine;
  cx: number;
  cy: number;
  size: number;
  /** Radians; the eye line's angle in the image (positive = clockwise, y down). */
  angle: number;
}

/** The rotated square crop the mesh model sees: centred on the detection, rotated so the eyes are level. */
export function meshCropFromDetection(face: FaceDetection, scale = FACEMESH_ROI_SCALE): MeshCrop {
  const [rightEye, leftEye] = face.keypoints;
  const angle = rightEye && leftEye ? Math.atan2(leftEye.y - rightEye.y, leftEye.x - rightEye.x) : 0;
  const cx = face.box.x + face.box.width / 2;
  const cy = face.box.y + face.box.height / 2;
  const size = Math.max(face.box.width, face.box.height) * scale;
  return { map: rotatedCrop(cx, cy, size, angle, FACEMESH_SIZE), cx, cy, size, angle };
}

/** Mesh output (468 × xyz in crop pixels) → image pixels; z is scaled like x. */
export function landmarksToImage(mesh: Float32Array, crop: MeshCrop, score: number): FaceLandmarks {
  const s = crop.size / FACEMESH_SIZE;
  const m = crop.map;
  const points: Point3[] = [];
  for (let i = 0; i < 468; i++) {
    const u = mesh[i * 3]!;
    const v = mesh[i * 3 + 1]!;
    points.push({ x: m.a * u + m.b * v + m.c, y: m.d * u + m.e * v + m.f, z: mesh[i * 3 + 2]! * s });
  }
  return { points, score };
}

import type { BodyKeypoint, BodyKeypointName } from '../../shared/vision/analysis';
import { applyAffine, type Affine } from './sampler';

export const MOVENET_SIZE = 192;

export const MOVENET_KEYPOINTS: readonly BodyKeypointName[] = [
  'nose',
  'left_eye',
  'right_eye',
  'left_ear',
  'right_ear',
  'left_shoulder',
  'right_shoulder',
  'left_elbow',
  'right_elbow',
  'left_wrist',
  'right_wrist',
  'left_hip',
  'right_hip',
  'left_knee',
  'right_knee',
  'left_ankle',
  'right_ankle',
];

/** MoveNet output [1,1,17,3] of (y, x, score) normalised to the input tensor → image keypoints. */
export function decodeMovenet(out: Float32Array, map: Affine, size = MOVENET_SIZE): BodyKeypoint[] {
  return MOVENET_KEYPOINTS.map((name, i) => {
    const p = applyAffine(map, out[i * 3 + 1]! * size, out[i * 3]! * size);
    return { name, x: p.x, y: p.y, score: out[i * 3 + 2]! };
  });
}

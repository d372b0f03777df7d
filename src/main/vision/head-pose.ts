import type { FaceLandmarks, HeadPose } from '../../shared/vision/analysis';

// FaceMesh landmark indices used for the head pose.
export const LM = {
  rightEyeOuter: 33,
  leftEyeOuter: 263,
  rightCheek: 234,
  leftCheek: 454,
  foreheadTop: 10,
  chin: 152,
  noseTip: 1,
} as const;

/**
 * Pitch of a frontal, level face measured with this construction (forehead→chin vector leans back in FaceMesh's
 * canonical geometry). Subtracted so a straight face reads ~0°: the five frontal portraits read −10…−14°.
 */
export const PITCH_NEUTRAL_DEG = -12;

const toDeg = 180 / Math.PI;

/**
 * Head pose from the 3D landmarks: roll from the eye line in the image, yaw from the cheek-to-cheek vector's
 * depth, pitch from the forehead-to-chin vector's depth (FaceMesh z: smaller = closer to the camera).
 */
export function headPoseFromLandmarks(lm: FaceLandmarks, pitchNeutral = PITCH_NEUTRAL_DEG): HeadPose {
  const p = lm.points;
  const re = p[LM.rightEyeOuter]!;
  const le = p[LM.leftEyeOuter]!;
  const roll = Math.atan2(le.y - re.y, le.x - re.x) * toDeg;
  // Work in the roll-corrected frame so a tilt does not leak into yaw/pitch.
  const c = Math.cos(-roll / toDeg);
  const s = Math.sin(-roll / toDeg);
  const rot = (q: { x: number; y: number }) => ({ x: q.x * c - q.y * s, y: q.x * s + q.y * c });
  const rc = rot(p[LM.rightCheek]!);
  const lc = rot(p[LM.leftCheek]!);
  const ft = rot(p[LM.foreheadTop]!);
  const ch = rot(p[LM.chin]!);
  const yaw = Math.atan2(p[LM.leftCheek]!.z - p[LM.rightCheek]!.z, lc.x - rc.x) * toDeg;
  const pitch = Math.atan2(p[LM.foreheadTop]!.z - p[LM.chin]!.z, ch.y - ft.y) * toDeg - pitchNeutral;
  return { yaw, pitch, roll };
}

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
 * canonical geometry). Subtracted so a straight face reads ~0°. Calibrated on every frontal photo the project has
 * (issue 11): the five sample portraits read −10…−14° raw, the 17 real photos labelled head.pose pass −14…+9° raw
 * (median −3°; one frontal man +8.7°); −5° is the median of all 22, so neither set sits near a limit.
 */
export const PITCH_NEUTRAL_DEG = -5;

const toDeg = 180 / Math.PI;

/**
 * Head pose from the landmarks: roll from the eye line in the image; yaw from where the nose tip sits between the
 * two face edges (2D, in the roll-corrected frame); pitch from the forehead-to-chin vector's depth (FaceMesh z:
 * smaller = closer to the camera).
 *
 * Yaw: the nose tip stands about half a face width in front of the line through the face edges (landmarks 234/454,
 * by the ears), so turning the head by θ moves it sin θ × half the edge-to-edge span off their midpoint:
 * yaw = asin(offset / half span). The earlier yaw from the edges' depth (FaceMesh z) read about half of that on
 * every turned real photo (a clear three-quarter view 14.6° vs 25°, under the 15° fail; docs/BENCHMARKS.md,
 * issue 11): the mesh's z is a learned guess pulled towards a frontal face, the 2D offset is what the image shows.
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
  const nose = rot(p[LM.noseTip]!);
  const half = (lc.x - rc.x) / 2;
  const offset = half > 0 ? (nose.x - (rc.x + lc.x) / 2) / half : 0;
  const yaw = Math.asin(Math.max(-1, Math.min(1, offset))) * toDeg;
  const pitch = Math.atan2(p[LM.foreheadTop]!.z - p[LM.chin]!.z, ch.y - ft.y) * toDeg - pitchNeutral;
  return { yaw, pitch, roll };
}

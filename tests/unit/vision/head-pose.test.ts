import { describe, expect, it } from 'vitest';
import { headPoseFromLandmarks, LM } from '../../../src/main/vision/head-pose';
import type { FaceLandmarks, Point3 } from '../../../src/shared/vision/analysis';

// A face 200 px between its edges (landmarks 234/454); the nose tip placed sin(θ) × half that span off their
// midpoint, which is where a head turned by θ puts it. FaceMesh z is left flat, so only the 2D geometry decides.
function face(turnDeg: number, rollDeg = 0): FaceLandmarks {
  const pts: Point3[] = Array.from({ length: 468 }, () => ({ x: 300, y: 300, z: 0 }));
  const half = 100;
  const set = (i: number, x: number, y: number) => (pts[i] = { x, y, z: 0 });
  set(LM.rightEyeOuter, 300 - 70, 250);
  set(LM.leftEyeOuter, 300 + 70, 250);
  set(LM.rightCheek, 300 - half, 280);
  set(LM.leftCheek, 300 + half, 280);
  set(LM.foreheadTop, 300, 160);
  set(LM.chin, 300, 440);
  set(LM.noseTip, 300 + half * Math.sin((turnDeg * Math.PI) / 180), 320);
  const r = (rollDeg * Math.PI) / 180;
  const points = pts.map((p) => ({
    x: 300 + (p.x - 300) * Math.cos(r) - (p.y - 300) * Math.sin(r),
    y: 300 + (p.x - 300) * Math.sin(r) + (p.y - 300) * Math.cos(r),
    z: p.z,
  }));
  return { points, score: 1 };
}

describe('headPoseFromLandmarks: yaw from the nose tip between the face edges', () => {
  it('a frontal face reads 0°, a turned one its turn, either way', () => {
    expect(headPoseFromLandmarks(face(0)).yaw).toBeCloseTo(0, 5);
    expect(headPoseFromLandmarks(face(25)).yaw).toBeCloseTo(25, 5);
    expect(headPoseFromLandmarks(face(-20)).yaw).toBeCloseTo(-20, 5);
  });
  it('a tilt does not leak into yaw (measured in the roll-corrected frame)', () => {
    const p = headPoseFromLandmarks(face(18, 12));
    expect(p.roll).toBeCloseTo(12, 5);
    expect(p.yaw).toBeCloseTo(18, 5);
  });
  it('a nose beyond the face edge (profile) is clamped to 90°', () => {
    expect(headPoseFromLandmarks(face(90)).yaw).toBeCloseTo(90, 5);
  });
});

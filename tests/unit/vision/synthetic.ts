import type { Analysis, BodyKeypoint, Point3 } from '../../../src/shared/vision/analysis';
import { MOVENET_KEYPOINTS } from '../../../src/main/vision/movenet';

/**
 * A synthetic frontal face in a 480×640 photo (final-mode geometry): eyes at y=250, face 240 wide, centred.
 * `roll` rotates every landmark about the face centre (degrees, clockwise in the image).
 */
export function synthAnalysis(
  opts: { roll?: number; faces?: number; eyeOpen?: number; lipGap?: number; shoulderTilt?: number; dy?: number } = {},
): Analysis {
  const cx = 240;
  const cy = 250 + (opts.dy ?? 0);
  const pts: Point3[] = Array.from({ length: 468 }, () => ({ x: cx, y: cy + 60, z: 0 }));
  const set = (i: number, x: number, y: number, z = 0) => (pts[i] = { x, y, z });
  const open = opts.eyeOpen ?? 12;
  for (const [side, ex] of [
    [-1, cx - 55],
    [1, cx + 55],
  ] as const) {
    const [outer, inner, up, lo] = side < 0 ? [33, 133, 159, 145] : [263, 362, 386, 374];
    set(outer, ex + side * 25, cy);
    set(inner, ex - side * 25, cy);
    set(up, ex, cy - open / 2);
    set(lo, ex, cy + open / 2);
    for (const i of side < 0 ? [160, 144, 158, 153] : [387, 373, 385, 380]) set(i, ex, cy);
  }
  set(234, cx - 120, cy + 20, 30);
  set(454, cx + 120, cy + 20, 30);
  set(10, cx, cy - 110, -10);
  set(152, cx, cy + 150, 10);
  set(1, cx, cy + 60, -40);
  set(2, cx, cy + 75, -30);
  set(61, cx - 40, cy + 105);
  set(291, cx + 40, cy + 105);
  const gap = (opts.lipGap ?? 0) * 80;
  set(13, cx, cy + 105 - gap / 2);
  set(14, cx, cy + 105 + gap / 2);
  const rad = ((opts.roll ?? 0) * Math.PI) / 180;
  const rot = (p: Point3): Point3 => ({
    x: cx + (p.x - cx) * Math.cos(rad) - (p.y - cy) * Math.sin(rad),
    y: cy + (p.x - cx) * Math.sin(rad) + (p.y - cy) * Math.cos(rad),
    z: p.z,
  });
  const points = pts.map(rot);
  const tilt = opts.shoulderTilt ?? 0;
  const body: BodyKeypoint[] = MOVENET_KEYPOINTS.map((name) => ({ name, x: cx, y: cy, score: 0.1 }));
  body[5] = { name: 'left_shoulder', x: cx + 200, y: 470 - tilt, score: 0.9 };
  body[6] = { name: 'right_shoulder', x: cx - 200, y: 470 + tilt, score: 0.9 };
  const faces = Array.from({ length: opts.faces ?? 1 }, (_, k) => ({
    box: { x: cx - 110 + k * 300, y: cy - 80, width: 220, height: 220 },
    score: 0.95,
    keypoints: [points[33]!, points[263]!],
  }));
  return {
    width: 480,
    height: 640,
    faces,
    landmarks: { points, score: 1 },
    pose: { yaw: 0, pitch: 0, roll: opts.roll ?? 0 },
    body,
    mask: null,
    timings: {},
  };
}

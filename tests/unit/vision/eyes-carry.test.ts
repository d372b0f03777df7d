import { describe, expect, it } from 'vitest';
import { carryEyes, EYES_REUSE_MAX_FRAMES, eyeMeshPoints, type EyesFrom } from '../../../src/main/vision/iris';
import type { EyeLandmarks, FaceLandmarks, Point } from '../../../src/shared/vision/analysis';

// A mesh with only the eye points carryEyes reads (corners 33/133, 263/362; lids 159/145, 386/374).
function mesh(move: (p: Point) => Point, lidGap = 8): FaceLandmarks {
  const points = Array.from({ length: 468 }, () => ({ x: 0, y: 0, z: 0 }));
  const put = (i: number, x: number, y: number) => (points[i] = { ...move({ x, y }), z: 0 });
  put(33, 100, 200);
  put(133, 140, 200);
  put(159, 120, 200 - lidGap / 2);
  put(145, 120, 200 + lidGap / 2);
  put(362, 180, 200);
  put(263, 220, 200);
  put(386, 200, 200 - lidGap / 2);
  put(374, 200, 200 + lidGap / 2);
  return { points, score: 1 };
}
const eye = (side: 'right' | 'left', cx: number): EyeLandmarks => ({
  side,
  lowerLid: Array.from({ length: 9 }, (_, k) => ({ x: cx - 20 + k * 5, y: 204 })),
  upperLid: Array.from({ length: 7 }, (_, k) => ({ x: cx - 15 + k * 5, y: 196 })),
  irisCenter: { x: cx, y: 200 },
  irisRadius: 6,
});
const same = (p: Point) => p;
const from = (frame = 4): EyesFrom => ({
  frame,
  mesh: eyeMeshPoints(mesh(same)),
  eyes: [eye('right', 120), eye('left', 200)],
});

describe('carryEyes', () => {
  it('moves the contours with the eye corners (shift, rotation, scale)', () => {
    const shifted = carryEyes(
      from(),
      5,
      mesh((p) => ({ x: p.x + 3, y: p.y - 2 })),
    )!;
    expect(shifted[0]!.irisCenter).toEqual({ x: 123, y: 198 });
    expect(shifted[1]!.lowerLid[0]).toEqual({ x: 183, y: 202 });
    // 3° about the point between the eyes and 5 % larger: each eye's points follow its own corners.
    const a = (3 * Math.PI) / 180;
    const rot = (p: Point) => ({
      x: 160 + 1.05 * (Math.cos(a) * (p.x - 160) - Math.sin(a) * (p.y - 200)),
      y: 200 + 1.05 * (Math.sin(a) * (p.x - 160) + Math.cos(a) * (p.y - 200)),
    });
    const turned = carryEyes(from(), 5, mesh(rot))!;
    expect(turned).not.toBeNull();
    const want = rot({ x: 120, y: 196 + 0 });
    expect(turned[0]!.upperLid[3]!.x).toBeCloseTo(want.x, 6);
    expect(turned[0]!.upperLid[3]!.y).toBeCloseTo(want.y, 6);
    expect(turned[1]!.irisRadius).toBeCloseTo(6 * 1.05, 6);
  });
  it('refuses (Iris must run) when an eye opens or closes, the face scales or jumps, or the frame is not next', () => {
    expect(carryEyes(from(), 5, mesh(same, 6))).toBeNull(); // lids 25 % closer: an eye closing
    expect(carryEyes(from(), 5, mesh(same, 8.5))).not.toBeNull(); // 6 %: mesh jitter
    expect(
      carryEyes(
        from(),
        5,
        mesh((p) => ({ x: 160 + (p.x - 160) * 1.12, y: 200 + (p.y - 200) * 1.12 })),
      ),
    ).toBeNull();
    expect(
      carryEyes(
        from(),
        5,
        mesh((p) => ({ x: p.x + 15, y: p.y })),
      ),
    ).toBeNull();
    expect(carryEyes(from(), 4, mesh(same))).toBeNull();
    expect(carryEyes(from(), 4 + EYES_REUSE_MAX_FRAMES + 1, mesh(same))).toBeNull();
    expect(carryEyes(from(), 4 + EYES_REUSE_MAX_FRAMES, mesh(same))).not.toBeNull();
    expect(carryEyes(undefined, 5, mesh(same))).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { decodeEye, eyeCrops, IRIS_OUTPUT_PER_EYE, IRIS_SIZE } from '../../../src/main/vision/iris';
import { applyAffine, type Affine } from '../../../src/main/vision/sampler';
import { eyeOpenness } from '../../../src/shared/checks/face-checks';
import { runChecks } from '../../../src/shared/checks/run-checks';
import { createRawImage } from '../../../src/shared/image/raw-image';
import { chsiProfile } from '../../../src/shared/spec/profile';
import type { Analysis, EyeLandmarks } from '../../../src/shared/vision/analysis';
import { synthAnalysis } from './synthetic';

/** An eye 50 px wide centred at (cx, cy), lids `open` × width apart at the middle (a lens-shaped contour). */
function eye(side: 'right' | 'left', cx: number, cy: number, open: number): EyeLandmarks {
  const w = 50;
  const lowerLid = Array.from({ length: 9 }, (_, k) => {
    const t = k / 8;
    return { x: cx - w / 2 + t * w, y: cy + Math.sin(Math.PI * t) * (open * w) * 0.5 };
  });
  const upperLid = Array.from({ length: 7 }, (_, k) => {
    const t = (k + 1) / 8;
    return { x: cx - w / 2 + t * w, y: cy - Math.sin(Math.PI * t) * (open * w) * 0.5 };
  });
  return { side, lowerLid, upperLid, irisCenter: { x: cx, y: cy }, irisRadius: 6 };
}

const withEyes = (right: number, left: number): Analysis => ({
  ...synthAnalysis(),
  eyes: [eye('right', 185, 250, right), eye('left', 295, 250, left)],
});
const eyesCheck = (a: Analysis) =>
  runChecks(a, createRawImage(480, 640, 3, [200, 170, 150]), chsiProfile, ['eyes.open'])[0]!;

describe('eyes.open from the iris contour, each eye on its own', () => {
  it('eyeOpenness is the widest lid gap over the corner distance', () => {
    expect(eyeOpenness(eye('right', 100, 100, 0.4))).toBeCloseTo(0.4, 2);
    expect(eyeOpenness(eye('right', 100, 100, 0.05))).toBeCloseTo(0.05, 2);
  });
  it('open eyes pass; both closed fail', () => {
    expect(eyesCheck(withEyes(0.38, 0.4)).status).toBe('pass');
    const r = eyesCheck(withEyes(0.06, 0.08));
    expect(r).toMatchObject({ status: 'fail', message: expect.stringContaining('双眼闭合') });
    expect(r.value).toBeCloseTo(0.06, 2);
  });
  it('one closed eye (a wink) fails and names that eye', () => {
    expect(eyesCheck(withEyes(0.38, 0.05))).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('左眼（画面右侧）'),
    });
    // Squeezed: above the closed floor, but half the other eye's opening.
    expect(eyesCheck(withEyes(0.18, 0.35)).status).toBe('fail');
  });
  it('a narrow but even pair (a smile) warns, never fails', () => {
    expect(eyesCheck(withEyes(0.2, 0.21)).status).toBe('warn');
    expect(eyesCheck(withEyes(0.3, 0.36)).status).toBe('pass');
  });
  it('without the iris model the base mesh decides (closed lids fail)', () => {
    expect(eyesCheck({ ...synthAnalysis({ eyeOpen: 2 }), eyes: null }).status).toBe('fail');
    expect(eyesCheck({ ...synthAnalysis(), eyes: null }).status).toBe('pass');
  });
});

describe('iris crops', () => {
  const mesh = synthAnalysis().landmarks!;
  it('centre each crop between the eye corners, 2.3 × their distance, left eye mirrored', () => {
    const [r, l] = eyeCrops(mesh);
    const centre = (m: Affine) => applyAffine(m, IRIS_SIZE / 2, IRIS_SIZE / 2);
    expect(centre(r!.map)).toMatchObject({ x: expect.closeTo(185, 5), y: expect.closeTo(250, 5) });
    expect(centre(l!.map)).toMatchObject({ x: expect.closeTo(295, 5), y: expect.closeTo(250, 5) });
    // Right eye: tensor x grows with image x; left eye: mirrored.
    expect(applyAffine(r!.map, IRIS_SIZE, 32).x).toBeGreaterThan(applyAffine(r!.map, 0, 32).x);
    expect(applyAffine(l!.map, IRIS_SIZE, 32).x).toBeLessThan(applyAffine(l!.map, 0, 32).x);
    const side = applyAffine(r!.map, IRIS_SIZE, 32).x - applyAffine(r!.map, 0, 32).x;
    expect(side).toBeCloseTo(50 * 2.3, 3);
  });
  it('decodeEye maps the model points back to the image (left eye un-mirrored)', () => {
    const [, l] = eyeCrops(mesh);
    const out = new Float32Array(IRIS_OUTPUT_PER_EYE);
    // Lower lid from tensor x 10 to 54 at y 34, upper lid at y 26, iris at the centre with radius 8.
    for (let k = 0; k < 9; k++) out.set([10 + k * 5.5, 34, 0], k * 3);
    for (let k = 0; k < 7; k++) out.set([10 + (k + 1) * 5.5, 26, 0], (9 + k) * 3);
    out.set([32, 30, 0, 40, 30, 0, 32, 22, 0, 24, 30, 0, 32, 38, 0], 71 * 3);
    const e = decodeEye(out, l!);
    expect(e.side).toBe('left');
    const s = (50 * 2.3) / IRIS_SIZE;
    expect(e.irisRadius).toBeCloseTo(8 * s, 3);
    expect(e.lowerLid[0]!.x).toBeGreaterThan(e.lowerLid[8]!.x); // mirrored back
    expect(eyeOpenness(e)).toBeCloseTo(8 / 44, 3);
  });
});

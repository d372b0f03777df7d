import { describe, expect, it } from 'vitest';
import { runChecks, verdictOf, CHECK_SEVERITY } from '../../../src/shared/checks/run-checks';
import { CHECK_IDS, type CheckId } from '../../../src/shared/checks/types';
import { planCrop, REFUSAL_CHECK } from '../../../src/shared/checks/crop-plan';
import { faceGeometry } from '../../../src/shared/checks/face-geometry';
import { allChecksPass, createSmoother } from '../../../src/shared/checks/smoothing';
import { headPoseFromLandmarks } from '../../../src/main/vision/head-pose';
import { createRawImage, type RawImage } from '../../../src/shared/image/raw-image';
import { chsiProfile } from '../../../src/shared/spec/profile';
import type { Analysis } from '../../../src/shared/vision/analysis';
import { synthAnalysis } from './synthetic';

const grey = () => createRawImage(480, 640, 3, [200, 170, 150]);
const check = (a: Analysis, id: CheckId, img: RawImage = grey()) => runChecks(a, img, chsiProfile, [id])[0]!;

/** Paint the area outside a centred ellipse (the "person") with `bg`, and give the analysis a matching mask. */
function withBackground(a: Analysis, bg: [number, number, number], person: [number, number, number] = [200, 170, 150]) {
  const img = createRawImage(480, 640, 3, person);
  const mask = { width: 48, height: 64, data: new Uint8Array(48 * 64) };
  for (let y = 0; y < 64; y++)
    for (let x = 0; x < 48; x++) {
      const inside = ((x - 24) / 14) ** 2 + ((y - 40) / 30) ** 2 < 1 || y > 46;
      mask.data[y * 48 + x] = inside ? 255 : 0;
    }
  for (let y = 0; y < 640; y++)
    for (let x = 0; x < 480; x++) {
      if (mask.data[Math.floor(y / 10) * 48 + Math.floor(x / 10)]) continue;
      img.data.set(bg, (y * 480 + x) * 3);
    }
  return { analysis: { ...a, mask }, image: img };
}

describe('checks on synthetic analyses', () => {
  it('runs every check id exactly once, in order, with Chinese messages', () => {
    const results = runChecks(synthAnalysis(), grey(), chsiProfile);
    expect(results.map((r) => r.id)).toEqual(CHECK_IDS);
    for (const r of results) expect(r.message).toMatch(/[\u4e00-\u9fff]/);
  });
  it('face.count: one passes; none and two fail', () => {
    expect(check(synthAnalysis(), 'face.count').status).toBe('pass');
    expect(check(synthAnalysis({ faces: 2 }), 'face.count')).toMatchObject({ status: 'fail', value: 2 });
    expect(check({ ...synthAnalysis(), faces: [] }, 'face.count').status).toBe('fail');
  });
  it('head.pose: roll graded pass/warn/fail by the pupil line (瞳孔平行角度)', () => {
    expect(check(synthAnalysis({ roll: 1 }), 'head.pose').status).toBe('pass');
    expect(check(synthAnalysis({ roll: 4 }), 'head.pose').status).toBe('warn');
    const r = check(synthAnalysis({ roll: -8 }), 'head.pose');
    expect(r).toMatchObject({ status: 'fail', vendorName: '瞳孔平行角度' });
    expect(r.value).toBeCloseTo(-8, 1);
  });
  it('eyes.open fails on closed lids', () => {
    expect(check(synthAnalysis(), 'eyes.open').status).toBe('pass');
    expect(check(synthAnalysis({ eyeOpen: 2 }), 'eyes.open').status).toBe('fail');
  });
  it('mouth.closed fails on an open mouth', () => {
    expect(check(synthAnalysis(), 'mouth.closed').status).toBe('pass');
    expect(check(synthAnalysis({ lipGap: 0.3 }), 'mouth.closed').status).toBe('fail');
  });
  it('shoulders.level names the higher shoulder', () => {
    expect(check(synthAnalysis(), 'shoulders.level').status).toBe('pass');
    const r = check(synthAnalysis({ shoulderTilt: 30 }), 'shoulders.level');
    expect(r.status).toBe('fail');
    expect(r.message).toContain('左肩偏高');
  });
  it('framing in final mode: eyes at 250 of 640 pass; moved up 80 px fails headroom and eyes', () => {
    const ok = synthAnalysis();
    expect(check(ok, 'framing.eyes')).toMatchObject({ status: 'pass', vendorName: '眼睛中心距离顶部百分比' });
    expect(check(ok, 'framing.face_size').status).toBe('pass');
    expect(check(ok, 'framing.centered').status).toBe('pass');
    const high = synthAnalysis({ dy: -80 });
    expect(check(high, 'framing.eyes').status).toBe('fail');
    expect(check(high, 'framing.headroom')).toMatchObject({ status: 'fail', vendorName: '头顶距离顶部百分比' });
  });
  it('crop plan for a raw frame is production’s plan: face in range, backdrop may be added above, never below', () => {
    const a = { ...synthAnalysis(), width: 1280, height: 720 };
    const plan = planCrop(a, faceGeometry(a)!, chsiProfile);
    expect(plan.mode).toBe('raw');
    expect(plan.refusal).toBeNull();
    expect(plan.out.faceWidth).toBeGreaterThanOrEqual(180);
    expect(plan.out.eyeLine).toBeGreaterThanOrEqual(200);
    expect(plan.crop.y + plan.crop.height).toBeLessThanOrEqual(720 + 1);
    for (const id of ['framing.headroom', 'framing.eyes', 'framing.face_size', 'framing.centered'] as const)
      expect(check(a, id).status).toBe('pass');
  });
  it('a raw frame production would refuse fails the framing check the refusal concerns, only that one', () => {
    // Head top (no mask: estimated from the mesh) above the frame's top edge: production refuses head_cut_top.
    const a = { ...synthAnalysis({ dy: -70 }), width: 1280, height: 720 };
    const plan = planCrop(a, faceGeometry(a)!, chsiProfile);
    expect(plan.refusal).toMatchObject({ code: 'head_cut_top', check: REFUSAL_CHECK.head_cut_top });
    expect(check(a, 'framing.headroom')).toMatchObject({ status: 'fail', message: expect.stringContaining('头顶') });
    expect(check(a, 'framing.eyes').status).toBe('pass');
    expect(check(a, 'framing.centered').status).toBe('pass');
    // A face so small that production would upscale it more than 2.5×: framing.face_size.
    const far = { ...synthAnalysis(), width: 4000, height: 3000 };
    for (const p of far.landmarks!.points) {
      p.x = 2000 + (p.x - 240) / 4;
      p.y = 1500 + (p.y - 250) / 4;
    }
    expect(planCrop(far, faceGeometry(far)!, chsiProfile).refusal?.check).toBe('framing.face_size');
    expect(check(far, 'framing.face_size').status).toBe('fail');
  });
  it('background.color passes on #28BEFA and fails on grey; uniform fails with an object', () => {
    const blue = withBackground(synthAnalysis(), [0x28, 0xbe, 0xfa]);
    expect(runChecks(blue.analysis, blue.image, chsiProfile, ['background.color'])[0]!.status).toBe('pass');
    expect(runChecks(blue.analysis, blue.image, chsiProfile, ['background.uniform'])[0]!.status).toBe('pass');
    const greyBg = withBackground(synthAnalysis(), [200, 200, 200]);
    expect(runChecks(greyBg.analysis, greyBg.image, chsiProfile, ['background.color'])[0]!.status).toBe('fail');
    for (let y = 20; y < 200; y++) for (let x = 10; x < 120; x++) blue.image.data.set([20, 20, 20], (y * 480 + x) * 3);
    expect(runChecks(blue.analysis, blue.image, chsiProfile, ['background.uniform'])[0]!.status).toBe('fail');
  });
  it('clothing.contrast fails on a shirt the colour of the backdrop (黑边检测)', () => {
    const s = withBackground(synthAnalysis(), [0x28, 0xbe, 0xfa], [0x2a, 0xbc, 0xf5]);
    expect(runChecks(s.analysis, s.image, chsiProfile, ['clothing.contrast'])[0]).toMatchObject({
      status: 'fail',
      vendorName: '黑边检测',
    });
    const ok = withBackground(synthAnalysis(), [0x28, 0xbe, 0xfa], [30, 30, 40]);
    expect(runChecks(ok.analysis, ok.image, chsiProfile, ['clothing.contrast'])[0]!.status).toBe('pass');
  });
  it('sharpness: texture passes, a flat face fails (照片清晰度)', () => {
    const noisy = grey();
    for (let i = 0; i < noisy.data.length; i++) noisy.data[i] = (i * 7919) % 251;
    expect(check(synthAnalysis(), 'sharpness', noisy).status).toBe('pass');
    expect(check(synthAnalysis(), 'sharpness')).toMatchObject({ status: 'fail', vendorName: '照片清晰度' });
  });
  it('light.exposure fails a dark face; strong glare on the lenses fails, white inside the eye openings does not', () => {
    expect(check(synthAnalysis(), 'light.exposure').status).toBe('pass');
    expect(check(synthAnalysis(), 'light.exposure', createRawImage(480, 640, 3, [30, 25, 20])).status).toBe('fail');
    const img = grey();
    for (let y = 235; y < 265; y++) for (let x = 150; x < 330; x++) img.data.set([255, 255, 255], (y * 480 + x) * 3);
    expect(check(synthAnalysis(), 'glare.glasses', img).status).toBe('fail');
    // Sclera: white only between the lids (a lens-shaped opening 50 × 14 px per eye).
    const sclera = grey();
    const eyes = [
      { side: 'right' as const, cx: 185 },
      { side: 'left' as const, cx: 295 },
    ].map(({ side, cx }) => ({
      side,
      lowerLid: Array.from({ length: 9 }, (_, k) => ({
        x: cx - 25 + k * 6.25,
        y: 250 + Math.sin((Math.PI * k) / 8) * 7,
      })),
      upperLid: Array.from({ length: 7 }, (_, k) => ({
        x: cx - 25 + (k + 1) * 6.25,
        y: 250 - Math.sin((Math.PI * (k + 1)) / 8) * 7,
      })),
      irisCenter: { x: cx, y: 250 },
      irisRadius: 6,
    }));
    for (let y = 244; y < 257; y++)
      for (let x = 0; x < 480; x++)
        if (Math.abs(x - 185) < 22 || Math.abs(x - 295) < 22) sclera.data.set([255, 255, 255], (y * 480 + x) * 3);
    expect(check({ ...synthAnalysis(), eyes }, 'glare.glasses', sclera).status).toBe('pass');
  });
  it('warn-only checks never fail; no face fails the hard ones', () => {
    const none = { ...synthAnalysis(), faces: [], landmarks: null, pose: null };
    const results = runChecks(none, grey(), chsiProfile);
    for (const r of results) if (CHECK_SEVERITY[r.id] === 'warn-only') expect(r.status).not.toBe('fail');
    expect(verdictOf(results)).toBe('fail');
  });
});

describe('head pose from landmarks', () => {
  it('recovers roll of a rotated synthetic face', () => {
    const pose = headPoseFromLandmarks(synthAnalysis({ roll: 12 }).landmarks!, 0);
    expect(pose.roll).toBeCloseTo(12, 3);
  });
});

describe('temporal smoothing', () => {
  const r = (status: 'pass' | 'fail') => [
    { id: 'eyes.open' as const, status, value: 0, threshold: 0, message: '', region: null },
  ];
  it('changes a shown status only after N agreeing frames', () => {
    const s = createSmoother(3);
    expect(s.update(r('pass'))[0]!.status).toBe('pass');
    expect(s.update(r('fail'))[0]!.status).toBe('pass');
    expect(s.update(r('fail'))[0]!.status).toBe('pass');
    expect(s.update(r('pass'))[0]!.status).toBe('pass');
    expect(s.update(r('fail'))[0]!.status).toBe('pass');
    expect(s.update(r('fail'))[0]!.status).toBe('pass');
    expect(s.update(r('fail'))[0]!.status).toBe('fail');
    expect(allChecksPass(s.update(r('fail')))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { defaultCropOptions, planFinalCrop } from '../../../src/shared/photo/crop-plan';
import type { SubjectMeasure } from '../../../src/shared/photo/subject';
import { chsiProfile } from '../../../src/shared/spec';

const out = { width: 480, height: 640 };
const g = chsiProfile.geometry;

/** A seated person in a 2000×2600 frame: face 300 px wide, hair top 500, eyes 700, shoulders 1000. */
function subject(over: Partial<SubjectMeasure> = {}): SubjectMeasure {
  return {
    width: 2000,
    height: 2600,
    eyeY: 700,
    faceLeft: 850,
    faceRight: 1150,
    faceWidth: 300,
    faceCx: 1000,
    foreheadY: 560,
    chinY: 980,
    headTop: 500,
    headTopFrom: 'mask',
    leftShoulder: { name: 'left_shoulder', x: 1320, y: 1000, score: 0.9 },
    rightShoulder: { name: 'right_shoulder', x: 680, y: 1000, score: 0.9 },
    edges: { top: [], bottom: [[300, 1700]], left: [], right: [] },
    ...over,
  };
}

const inside = (v: number, r: { min: number; max: number }) => v >= r.min && v <= r.max;

describe('planFinalCrop', () => {
  it('puts head top, eye line and face width inside the chsi ranges with the face centred', () => {
    const r = planFinalCrop(subject(), out, g);
    if (!r.ok) throw new Error(r.refusal.code);
    const p = r.plan;
    expect(p.compromised).toBe(false);
    expect(p.width / p.height).toBeCloseTo(3 / 4, 6);
    const head = (500 - p.y) * p.scale;
    const eye = (700 - p.y) * p.scale;
    expect(inside(head, g.headTop)).toBe(true);
    expect(inside(eye, g.eyeLine)).toBe(true);
    expect(inside(300 * p.scale, g.faceWidth)).toBe(true);
    expect(Math.abs((1000 - p.x) * p.scale - 240)).toBeLessThanOrEqual(g.maxCenterOffset);
    expect(p.predicted.headTop).toBeCloseTo(head, 6);
    // shoulders and the chest below them are in the frame
    expect(p.y + p.height).toBeGreaterThanOrEqual(1000 + 0.5 * 300);
  });

  it('refuses a face that would need more upscaling than allowed', () => {
    const s = subject({ faceWidth: 40, faceLeft: 980, faceRight: 1020, eyeY: 700, headTop: 670 });
    const r = planFinalCrop(s, out, g);
    expect(r.ok ? 'ok' : r.refusal.code).toBe('face_too_small');
  });

  it('refuses when the person touches the top edge above the face (head cut off)', () => {
    const r = planFinalCrop(
      subject({ headTop: 0, edges: { top: [[900, 1100]], bottom: [], left: [], right: [] } }),
      out,
      g,
    );
    expect(r.ok ? 'ok' : r.refusal.code).toBe('head_cut_top');
  });

  it('refuses when the frame ends too close below the face instead of inventing pixels', () => {
    const r = planFinalCrop(subject({ height: 1000, leftShoulder: null, rightShoulder: null }), out, g);
    expect(r.ok ? 'ok' : r.refusal.code).toBe('source_too_short');
  });

  it('refuses when the shoulders are wider than any allowed crop', () => {
    const s = subject({
      leftShoulder: { name: 'left_shoulder', x: 1800, y: 1000, score: 0.9 },
      rightShoulder: { name: 'right_shoulder', x: 200, y: 1000, score: 0.9 },
    });
    const r = planFinalCrop(s, out, g);
    expect(r.ok ? 'ok' : r.refusal.code).toBe('shoulders_cut');
  });

  it('refuses when a shoulder is not seen', () => {
    const s = subject({ leftShoulder: { name: 'left_shoulder', x: 1320, y: 1000, score: 0.05 } });
    const r = planFinalCrop(s, out, g);
    expect(r.ok ? 'ok' : r.refusal.code).toBe('shoulders_cut');
  });

  it('extends past the top onto background but never past the bottom', () => {
    // hair 60 px below the frame top: the crop must start above the frame
    const s = subject({ headTop: 60, eyeY: 260, foreheadY: 120, chinY: 540, leftShoulder: null, rightShoulder: null });
    const r = planFinalCrop(s, out, g);
    if (!r.ok) throw new Error(r.refusal.code);
    expect(r.plan.y).toBeLessThan(0);
    expect(r.plan.extendsPast.top).toBe(true);
    expect(r.plan.y + r.plan.height).toBeLessThanOrEqual(s.height + defaultCropOptions.bottomTolerance);
  });

  it('does not extend past a side the person touches', () => {
    const s = subject({
      faceCx: 150,
      faceLeft: 0,
      faceRight: 300,
      edges: { top: [], bottom: [], left: [[0, 2600]], right: [] },
    });
    const r = planFinalCrop({ ...s, leftShoulder: null, rightShoulder: null }, out, g);
    expect(r.ok ? 'ok' : r.refusal.code).toBe('subject_cut_side');
  });

  it('produces a compromised plan (for 初审 to fail) when a high bun makes the ranges incompatible', () => {
    const r = planFinalCrop(subject({ headTop: 300 }), out, g);
    if (!r.ok) throw new Error(r.refusal.code);
    expect(r.plan.compromised).toBe(true);
    expect(inside(r.plan.predicted.faceWidth, g.faceWidth)).toBe(true);
    expect(r.plan.predicted.headTop).toBeLessThan(g.headTop.min);
  });
});

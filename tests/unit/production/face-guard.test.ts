import { describe, expect, it } from 'vitest';
import { protectFace } from '../../../src/shared/photo/face-guard';
import { fillPolygon, type FaceGuide } from '../../../src/shared/photo/face-guide';
import { matteFromProbabilities } from '../../../src/shared/photo/matte';
import { personComponents } from '../../../src/shared/photo/mask-islands';
import { BACKGROUND, buildTrimap, FOREGROUND } from '../../../src/shared/photo/trimap';

// A light-skinned face on a light-grey backdrop with an ear the person mask missed (as on portrait-01).
const W = 140;
const H = 160;
const SKIN: [number, number, number] = [228, 186, 166];
const GREY: [number, number, number] = [212, 212, 212];
const HAIR: [number, number, number] = [62, 46, 36];

const inEllipse = (x: number, y: number, cx: number, cy: number, rx: number, ry: number) =>
  ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
const inFace = (x: number, y: number) => inEllipse(x, y, 60, 70, 40, 50);
const inEar = (x: number, y: number) => inEllipse(x, y, 106, 72, 7, 13);

function scene(backdrop: [number, number, number], ear: [number, number, number]) {
  const data = new Uint8Array(W * H * 3);
  const prob = new Float32Array(W * H);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      const face = inFace(x, y);
      data.set(face ? SKIN : inEar(x, y) ? ear : backdrop, i * 3);
      prob[i] = face ? 1 : 0; // the mask misses the ear
    }
  const valid = new Uint8Array(W * H).fill(1);
  const trimap = buildTrimap(prob, personComponents(prob, W, H), valid, W, H);
  return { crop: { width: W, height: H, data }, prob, valid, trimap };
}

const oval = Array.from({ length: 36 }, (_, k) => ({
  x: 60 + 40 * Math.sin((k / 36) * 2 * Math.PI),
  y: 70 - 50 * Math.cos((k / 36) * 2 * Math.PI),
}));
const guide: FaceGuide = {
  oval,
  cheeks: [
    { x: 20, y: 70 },
    { x: 100, y: 70 },
  ],
  brows: [
    { x: 40, y: 55 },
    { x: 80, y: 55 },
  ],
  noseBase: { x: 60, y: 82 },
  tragions: [
    { x: 21, y: 70 },
    { x: 99, y: 70 },
  ],
};
const at = (x: number, y: number) => y * W + x;
/** Pixels outside the face ellipse that became definitely person. */
function newPersonOutsideFace(before: Uint8Array, after: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < after.length; i++)
    if (!inFace(i % W, Math.floor(i / W)) && after[i] === FOREGROUND && before[i] !== FOREGROUND) n++;
  return n;
}

describe('protectFace', () => {
  it('makes the ear the mask missed definitely person, and leaves the backdrop beside it alone', () => {
    const s = scene(GREY, SKIN);
    expect(s.trimap[at(108, 72)]).toBe(BACKGROUND);
    const r = protectFace(s.crop, s.trimap, s.valid, guide);
    expect(r.skipped).toEqual([null, null]);
    expect(r.ears[1]).toBeGreaterThan(100);
    for (const [x, y] of [
      [108, 72],
      [106, 62],
      [106, 82],
    ])
      expect(s.trimap[at(x!, y!)]).toBe(FOREGROUND);
    expect(s.trimap[at(118, 72)]).toBe(BACKGROUND); // 5 px beyond the ear's rim
    expect(s.trimap[at(106, 52)]).toBe(BACKGROUND); // above the ear, inside the search zone
    // the left side has no ear: nothing there changes but the oval
    expect(s.trimap[at(12, 70)]).toBe(BACKGROUND);
  });

  it('gives the matte alpha 1 on the ear with the guide and 0 without', () => {
    const s = scene(GREY, SKIN);
    expect(matteFromProbabilities(s.crop, s.prob, s.valid).alpha[at(108, 72)]).toBe(0);
    expect(matteFromProbabilities(s.crop, s.prob, s.valid, undefined, guide).alpha[at(108, 72)]).toBe(1);
  });

  it('does not paint hair over the ear, nor a skin-coloured backdrop, as person', () => {
    const hair = scene(GREY, HAIR);
    const before = Uint8Array.from(hair.trimap);
    protectFace(hair.crop, hair.trimap, hair.valid, guide);
    expect(newPersonOutsideFace(before, hair.trimap)).toBe(0);
    const beige = scene(SKIN, SKIN);
    const beigeBefore = Uint8Array.from(beige.trimap);
    protectFace(beige.crop, beige.trimap, beige.valid, guide);
    expect(newPersonOutsideFace(beigeBefore, beige.trimap)).toBe(0);
    expect(beige.trimap[at(108, 72)]).toBe(BACKGROUND);
  });

  it('never marks padding (pixels not from the source) as person', () => {
    const s = scene(GREY, SKIN);
    s.valid[at(108, 72)] = 0;
    s.valid[at(60, 70)] = 0;
    s.trimap[at(108, 72)] = BACKGROUND;
    s.trimap[at(60, 70)] = BACKGROUND;
    protectFace(s.crop, s.trimap, s.valid, guide);
    expect(s.trimap[at(108, 72)]).toBe(BACKGROUND);
    expect(s.trimap[at(60, 70)]).toBe(BACKGROUND);
  });
});

describe('fillPolygon', () => {
  it('fills pixel centres inside a polygon', () => {
    const out = new Uint8Array(10 * 10);
    fillPolygon(
      [
        { x: 2, y: 2 },
        { x: 8, y: 2 },
        { x: 8, y: 6 },
        { x: 2, y: 6 },
      ],
      10,
      10,
      out,
    );
    expect(out.reduce((s, v) => s + v, 0)).toBe(24);
    expect(out[2 * 10 + 2]).toBe(1);
    expect(out[6 * 10 + 2]).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { compositeOnColor, finishAlpha } from '../../../src/shared/photo/composite';

const BLUE: [number, number, number] = [0x28, 0xbe, 0xfa];

/** Left half: red person; right half: grey backdrop; column 16 is a 50 % mixed edge pixel. */
function scene() {
  const w = 32;
  const h = 8;
  const data = new Uint8Array(w * h * 3);
  const alpha = new Float32Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const a = x < 16 ? 1 : x === 16 ? 0.5 : 0;
      const fg = [200, 40, 30];
      const bg = [150, 150, 150];
      for (let c = 0; c < 3; c++) data[i * 3 + c] = Math.round(a * fg[c]! + (1 - a) * bg[c]!);
      alpha[i] = a;
    }
  return { img: { width: w, height: h, data }, alpha };
}

describe('compositeOnColor', () => {
  it('copies the person untouched where alpha is 1 and paints exactly the background where it is 0', () => {
    const { img, alpha } = scene();
    const out = compositeOnColor(img, alpha, BLUE);
    for (let y = 0; y < 8; y++) {
      const inner = (y * 32 + 3) * 3;
      expect([...out.data.subarray(inner, inner + 3)]).toEqual([...img.data.subarray(inner, inner + 3)]);
      const bg = (y * 32 + 28) * 3;
      expect([...out.data.subarray(bg, bg + 3)]).toEqual(BLUE);
    }
  });

  it('removes the old backdrop colour from a half-transparent edge pixel (no grey halo)', () => {
    const { img, alpha } = scene();
    const out = compositeOnColor(img, alpha, BLUE);
    const o = (4 * 32 + 16) * 3;
    // expected: half red, half new blue — not half grey
    const want = [0.5 * 200 + 0.5 * BLUE[0], 0.5 * 40 + 0.5 * BLUE[1], 0.5 * 30 + 0.5 * BLUE[2]];
    for (let c = 0; c < 3; c++) expect(Math.abs(out.data[o + c]! - want[c]!)).toBeLessThanOrEqual(2);
  });
});

describe('finishAlpha', () => {
  it('snaps the tails to exactly 0 and 1 and clamps out-of-range filter output', () => {
    const a = finishAlpha(Float32Array.from([-0.2, 0.02, 0.5, 0.97, 1.3]));
    expect(a[0]).toBe(0);
    expect(a[1]).toBe(0);
    expect(a[2]).toBeCloseTo(0.5, 5);
    expect(a[3]).toBe(1);
    expect(a[4]).toBe(1);
  });
});

describe('compositeOnColor: the hair fringe on a white wall (issue 11)', () => {
  const HAIR = [60, 50, 45];
  const WALL = [250, 250, 250];
  /**
   * Dark hair (x < 16) on a white wall (x > 23); columns 16–23 are curls with the wall between them, 70 % hair by
   * colour, but the matte gave them alpha 0.4 (what it does at a sparse crown). With `busy`, the wall is a
   * bookshelf (alternating dark and light columns) and the band a dark book spine, hair-coloured by chance.
   */
  function fringe(busy = false) {
    const w = 48;
    const h = 16;
    const data = new Uint8Array(w * h * 3);
    const alpha = new Float32Array(w * h);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const i = y * w + x;
        const wall = busy && x > 23 ? (x % 2 ? [20, 20, 20] : [240, 240, 240]) : WALL;
        const a = x < 16 ? 1 : x <= 23 ? 0.7 : 0;
        for (let c = 0; c < 3; c++) data[i * 3 + c] = Math.round(a * HAIR[c]! + (1 - a) * WALL[c]!);
        if (x > 23) data.set(wall, i * 3);
        if (busy && x >= 16 && x <= 23) data.set([70, 58, 50], i * 3);
        alpha[i] = x < 16 ? 1 : x <= 23 ? 0.4 : 0;
      }
    return { img: { width: w, height: h, data }, alpha, w };
  }

  it('un-mixes the curls by their colour: hair and the new blue, not a light blue haze', () => {
    const { img, alpha, w } = fringe();
    const out = compositeOnColor(img, alpha, BLUE);
    const o = (8 * w + 20) * 3;
    const want = [0.7 * HAIR[0]! + 0.3 * BLUE[0], 0.7 * HAIR[1]! + 0.3 * BLUE[1], 0.7 * HAIR[2]! + 0.3 * BLUE[2]];
    // with the matte's alpha (0.4) the pixel was 0.4·hair + 0.6·blue: (48,134,168), 60+ RGB lighter and bluer
    for (let c = 0; c < 3; c++) expect(Math.abs(out.data[o + c]! - want[c]!)).toBeLessThanOrEqual(6);
  });

  it('does not trust the colour where the old backdrop is busy (a dark spine is not made hair)', () => {
    const { img, alpha, w } = fringe(true);
    const out = compositeOnColor(img, alpha, BLUE);
    const o = (8 * w + 20) * 3;
    // the matte's alpha (0.4) stands: at least 60 % new blue; trusted, the spine's colour would make it opaque hair
    expect(out.data[o + 2]!).toBeGreaterThanOrEqual(0.6 * BLUE[2] - 10);
  });

  it('behind a busy backdrop the edge takes the hair colour nearby, not the light book behind it', () => {
    const w = 48;
    const h = 16;
    const data = new Uint8Array(w * h * 3);
    const alpha = new Float32Array(w * h);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const i = y * w + x;
        // hair; half-transparent strands over a light book (240) at 16–23; a bookshelf of dark and light spines beyond
        const px =
          x < 16
            ? HAIR
            : x <= 23
              ? HAIR.map((v) => Math.round(0.5 * v + 0.5 * 240))
              : x % 2
                ? [20, 20, 20]
                : [240, 240, 240];
        data.set(px, i * 3);
        alpha[i] = x < 16 ? 1 : x <= 23 ? 0.5 : 0;
      }
    const out = compositeOnColor({ width: w, height: h, data }, alpha, BLUE);
    const o = (8 * w + 20) * 3;
    // solved against the shelf's mean colour (≈ 130) the strand came out 27 lighter in red: the book carried into the blue
    const want = [0.5 * HAIR[0]! + 0.5 * BLUE[0], 0.5 * HAIR[1]! + 0.5 * BLUE[1], 0.5 * HAIR[2]! + 0.5 * BLUE[2]];
    for (let c = 0; c < 3; c++) expect(Math.abs(out.data[o + c]! - want[c]!)).toBeLessThanOrEqual(12);
  });

  it('never lowers the matte’s alpha by colour (light skin beside a light wall stays skin)', () => {
    const w = 32;
    const h = 8;
    const data = new Uint8Array(w * h * 3);
    const alpha = new Float32Array(w * h);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const i = y * w + x;
        // skin (x < 16), a light highlight on the skin at 16–19 (alpha 0.9 from the matte), the wall beyond
        data.set(x < 16 ? [200, 150, 120] : x < 20 ? [245, 240, 235] : WALL, i * 3);
        alpha[i] = x < 16 ? 1 : x < 20 ? 0.9 : 0;
      }
    const out = compositeOnColor({ width: w, height: h, data }, alpha, BLUE);
    const o = (4 * w + 17) * 3;
    // alpha 0.9 keeps the pixel at least 90 % person: its red stays far above the blue's 40
    expect(out.data[o]!).toBeGreaterThan(150);
  });
});

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

import { describe, expect, it } from 'vitest';
import { boxMean } from '../../../src/shared/photo/box-filter';
import { fastGuidedFilter, guidedFilter } from '../../../src/shared/photo/guided-filter';

function bruteBox(src: Float32Array, w: number, h: number, r: number): Float32Array {
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let s = 0;
      let n = 0;
      for (let j = Math.max(0, y - r); j <= Math.min(h - 1, y + r); j++)
        for (let i = Math.max(0, x - r); i <= Math.min(w - 1, x + r); i++) {
          s += src[j * w + i]!;
          n++;
        }
      out[y * w + x] = s / n;
    }
  return out;
}

describe('boxMean', () => {
  it('equals the brute-force clipped window mean', () => {
    const w = 23;
    const h = 17;
    const src = Float32Array.from({ length: w * h }, (_, i) => Math.sin(i * 0.37) * 10 + (i % 7));
    for (const r of [1, 3, 8, 30]) {
      const a = boxMean(src, w, h, r);
      const b = bruteBox(src, w, h, r);
      for (let i = 0; i < a.length; i++) expect(a[i]!).toBeCloseTo(b[i]!, 3);
    }
  });
});

describe('guided filter', () => {
  // Guide: a sharp vertical edge at x = 32. Input mask: the same edge, blurred over ±8 px (a coarse model mask).
  const w = 64;
  const h = 48;
  const guide = Float32Array.from({ length: w * h }, (_, i) => (i % w < 32 ? 0.2 : 0.8));
  const coarse = Float32Array.from({ length: w * h }, (_, i) => Math.min(1, Math.max(0, ((i % w) - 24) / 16)));

  for (const [name, fn] of [
    ['guidedFilter', guidedFilter],
    ['fastGuidedFilter', fastGuidedFilter],
  ] as const) {
    it(`${name} snaps a blurred mask to the guide's edge`, () => {
      const q = fn(guide, coarse, w, h, 8, 1e-4);
      const row = 24 * w;
      // 4 px either side of the edge the coarse mask is 0.25 / 0.75; the filtered one is closer to 0 / 1
      expect(coarse[row + 28]!).toBeCloseTo(0.25, 2);
      expect(q[row + 28]!).toBeLessThan(0.2);
      expect(q[row + 36]!).toBeGreaterThan(0.8);
      // the biggest step sits on the guide's edge
      const steps = Array.from({ length: w - 1 }, (_, x) => q[row + x + 1]! - q[row + x]!);
      expect(steps.indexOf(Math.max(...steps)) + 1).toBe(32);
    });

    it(`${name} leaves a mask alone where the guide is flat`, () => {
      const flat = new Float32Array(w * h).fill(0.5);
      const q = fn(flat, coarse, w, h, 4, 1e-2);
      const smooth = boxMean(boxMean(coarse, w, h, 4), w, h, 4);
      const row = 24 * w;
      for (let x = 8; x < w - 8; x++) expect(Math.abs(q[row + x]! - smooth[row + x]!)).toBeLessThan(0.05);
    });
  }
});

import { describe, expect, it } from 'vitest';
import { boxMean } from '../../../src/shared/photo/box-filter';
import { colorGuidedFilter } from '../../../src/shared/photo/color-guided-filter';

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
    for (const r of [1, 3, 8, 11, 30]) {
      const a = boxMean(src, w, h, r);
      const b = bruteBox(src, w, h, r);
      for (let i = 0; i < a.length; i++) expect(a[i]!).toBeCloseTo(b[i]!, 3);
    }
  });
});

/** Left of x = 32: `left` colour; right: `right` colour. Mask: the same edge blurred over ±8 px. */
function scene(left: number[], right: number[]) {
  const w = 64;
  const h = 48;
  const data = new Uint8Array(w * h * 3);
  for (let i = 0; i < w * h; i++) data.set(i % w < 32 ? left : right, i * 3);
  const coarse = Float32Array.from({ length: w * h }, (_, i) => Math.min(1, Math.max(0, ((i % w) - 24) / 16)));
  return { img: { width: w, height: h, data }, coarse, w };
}

describe('colorGuidedFilter', () => {
  it('snaps a blurred mask to an edge between two colours of the same luminance', () => {
    // green vs magenta-ish with equal luma (0.299R + 0.587G + 0.114B ≈ 120): a grey guide sees no edge here
    const { img, coarse, w } = scene([60, 160, 90], [200, 60, 190]);
    const q = colorGuidedFilter(img, coarse, 8, 1e-4);
    const row = 24 * w;
    expect(coarse[row + 28]!).toBeCloseTo(0.25, 2);
    expect(q[row + 28]!).toBeLessThan(0.2);
    expect(q[row + 36]!).toBeGreaterThan(0.8);
    const steps = Array.from({ length: w - 1 }, (_, x) => q[row + x + 1]! - q[row + x]!);
    expect(steps.indexOf(Math.max(...steps)) + 1).toBe(32);
  });

  it('leaves a mask alone (smoothed) where the guide is flat', () => {
    const { img, coarse, w } = scene([128, 128, 128], [128, 128, 128]);
    const q = colorGuidedFilter(img, coarse, 8, 1e-2);
    const smooth = boxMean(boxMean(coarse, w, 48, 8), w, 48, 8);
    const row = 24 * w;
    for (let x = 10; x < w - 10; x++) expect(Math.abs(q[row + x]! - smooth[row + x]!)).toBeLessThan(0.05);
  });
});

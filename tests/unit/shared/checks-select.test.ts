// median / percentile (src/shared/checks/context.ts) select by quickselect: the value must be the one a full sort
// puts at that index, on every kind of input (duplicates, runs, sorted, reversed, tiny arrays).
import { describe, expect, it } from 'vitest';
import { median, percentile } from '../../../src/shared/checks/context';

const bySort = (v: number[], k: number) => [...v].sort((p, q) => p - q)[k]!;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

describe('median and percentile by selection', () => {
  it('match a full sort on random, duplicated, sorted and reversed inputs', () => {
    const r = rng(7);
    for (let t = 0; t < 400; t++) {
      const n = 1 + Math.floor(r() * 300);
      const kind = t % 4;
      let v = Array.from({ length: n }, () => (kind === 1 ? Math.floor(r() * 5) : r() * 200 - 100));
      if (kind === 2) v = v.sort((p, q) => p - q);
      if (kind === 3) v = v.sort((p, q) => q - p);
      expect(median(v)).toBe(bySort(v, Math.floor(n / 2)));
      for (const p of [0, 0.1, 0.5, 0.9, 0.99, 1])
        expect(percentile(v, p)).toBe(bySort(v, Math.min(n - 1, Math.floor(p * n))));
    }
  });

  it('leaves its input unchanged and gives NaN on an empty list', () => {
    const v = [3, 1, 2];
    expect(median(v)).toBe(2);
    expect(v).toEqual([3, 1, 2]);
    expect(median([])).toBeNaN();
    expect(percentile([], 0.9)).toBeNaN();
  });
});

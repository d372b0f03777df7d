import { describe, expect, it } from 'vitest';
import { searchQuality } from '../../../src/shared/photo/quality-search';

// A monotone size model: bytes grow with quality, the "444" variant 30 % larger.
const sizeOf = (q: number, v: string) => Math.round((8000 + q * q * 4.5) * (v === '444' ? 1.3 : 1));

describe('searchQuality', () => {
  it('returns the highest quality whose file fits the window', async () => {
    const c = await searchQuality({
      variants: ['420', '444'],
      minQuality: 60,
      maxQuality: 95,
      bounds: { min: 30 * 1024, max: 40 * 1024 },
      encode: async (q, v) => sizeOf(q, v),
    });
    expect(c).not.toBeNull();
    expect(c!.variant).toBe('420');
    expect(c!.bytes).toBeLessThanOrEqual(40 * 1024);
    expect(c!.bytes).toBeGreaterThanOrEqual(30 * 1024);
    expect(sizeOf(c!.quality + 1, '420')).toBeGreaterThan(40 * 1024);
  });

  it('moves to a larger-file variant when even the top quality is below the minimum', async () => {
    const c = await searchQuality({
      variants: ['420', '444'],
      minQuality: 60,
      maxQuality: 95,
      bounds: { min: 50 * 1024, max: null },
      encode: async (q, v) => sizeOf(q, v),
    });
    expect(c?.variant).toBe('444');
    expect(c?.quality).toBe(95);
  });

  it('returns null rather than padding when no quality fits', async () => {
    const c = await searchQuality({
      variants: ['420'],
      minQuality: 60,
      maxQuality: 95,
      bounds: { min: 100 * 1024, max: 120 * 1024 },
      encode: async (q, v) => sizeOf(q, v),
    });
    expect(c).toBeNull();
  });

  it('never goes below the minimum quality', async () => {
    const c = await searchQuality({
      variants: ['420'],
      minQuality: 60,
      maxQuality: 95,
      bounds: { min: 0, max: 20 * 1024 },
      encode: async (q, v) => sizeOf(q, v),
    });
    expect(c).toBeNull();
  });

  it('gives the same answer whatever the first guess', async () => {
    const run = (guess: number) =>
      searchQuality({
        variants: ['420'],
        minQuality: 60,
        maxQuality: 95,
        bounds: { min: 30 * 1024, max: 40 * 1024 },
        guess,
        encode: async (q, v) => sizeOf(q, v),
      });
    const answers = await Promise.all([60, 75, 88, 95].map(run));
    expect(new Set(answers.map((a) => a?.quality)).size).toBe(1);
  });
});

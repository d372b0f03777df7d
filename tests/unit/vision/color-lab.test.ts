import { describe, expect, it } from 'vitest';
import { deltaE2000, parseHexColor, rgbToLab } from '../../../src/shared/color/lab';

describe('Lab and CIEDE2000', () => {
  it('matches the Sharma et al. reference pairs', () => {
    expect(deltaE2000({ L: 50, a: 2.6772, b: -79.7751 }, { L: 50, a: 0, b: -82.7485 })).toBeCloseTo(2.0425, 3);
    expect(deltaE2000({ L: 50, a: 0, b: 0 }, { L: 50, a: -1, b: 2 })).toBeCloseTo(2.3669, 3);
    expect(deltaE2000({ L: 50, a: 2.5, b: 0 }, { L: 50, a: 0, b: -2.5 })).toBeCloseTo(4.3065, 3);
  });
  it('is zero for equal colours and symmetric', () => {
    const p = rgbToLab(40, 190, 250);
    const q = rgbToLab(30, 100, 200);
    expect(deltaE2000(p, p)).toBe(0);
    expect(deltaE2000(p, q)).toBeCloseTo(deltaE2000(q, p), 9);
  });
  it('converts sRGB white and black', () => {
    const w = rgbToLab(255, 255, 255);
    expect(w.L).toBeCloseTo(100, 2);
    expect(Math.abs(w.a) + Math.abs(w.b)).toBeLessThan(0.05);
    expect(rgbToLab(0, 0, 0).L).toBeCloseTo(0, 5);
  });
  it('parses #RRGGBB and rejects other text', () => {
    expect(parseHexColor('#28BEFA')).toEqual([0x28, 0xbe, 0xfa]);
    expect(() => parseHexColor('blue')).toThrow(/颜色格式错误/);
  });
});

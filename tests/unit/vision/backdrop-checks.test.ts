import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../src/shared/checks/run-checks';
import { allChecksPass, blocksAutoCapture } from '../../../src/shared/checks/smoothing';
import type { CheckId, CheckResult } from '../../../src/shared/checks/types';
import { createRawImage } from '../../../src/shared/image/raw-image';
import type { BackdropMode } from '../../../src/shared/spec/backdrop';
import { chsiProfile } from '../../../src/shared/spec/profile';
import type { Analysis } from '../../../src/shared/vision/analysis';
import { synthAnalysis } from './synthetic';

// The station's backdrop mode: 'blue' (a real blue cloth, raw colour strict) or 'replace' (default: production
// paints #28BEFA, so the raw colour is advice and only the backdrop next to the outline must be clean).

type Rgb = [number, number, number];

/** A 480×640 sitter (ellipse head and shoulders, as the mask says) on a backdrop painted by `bg(x, y)`. */
function scene(bg: (x: number, y: number) => Rgb) {
  const image = createRawImage(480, 640, 3, [200, 170, 150]);
  const mask = { width: 48, height: 64, data: new Uint8Array(48 * 64) };
  for (let y = 0; y < 64; y++)
    for (let x = 0; x < 48; x++)
      mask.data[y * 48 + x] = ((x - 24) / 14) ** 2 + ((y - 40) / 30) ** 2 < 1 || y > 46 ? 255 : 0;
  for (let y = 0; y < 640; y++)
    for (let x = 0; x < 480; x++)
      if (!mask.data[Math.floor(y / 10) * 48 + Math.floor(x / 10)]) image.data.set(bg(x, y), (y * 480 + x) * 3);
  const analysis: Analysis = { ...synthAnalysis(), mask };
  return { analysis, image };
}

const check = (s: ReturnType<typeof scene>, id: CheckId, backdrop: BackdropMode) =>
  runChecks(s.analysis, s.image, chsiProfile, [id], { backdrop })[0]!;

const grey = (): Rgb => [200, 200, 200];
const blue = (): Rgb => [0x28, 0xbe, 0xfa];
/** Uneven backdrop light: full brightness on the left, 55 % on the right. */
const gradient = (x: number): Rgb => blue().map((c) => c * (1 - 0.45 * (x / 480))) as Rgb;
/** A shadow cast on the backdrop just right of the sitter's head (touching its outline). */
const shadow = (x: number, y: number): Rgb => {
  const headRight = 240 + 140 * Math.sqrt(Math.max(0, 1 - ((y - 400) / 300) ** 2));
  return x >= headRight && x < headRight + 60 && y < 470 ? [15, 85, 110] : blue();
};

describe('background checks by backdrop mode', () => {
  it("background.color: a grey backdrop fails with 'blue', is a warning with its value and advice with 'replace'", () => {
    const s = scene(grey);
    const strict = check(s, 'background.color', 'blue');
    const advice = check(s, 'background.color', 'replace');
    expect(strict.status).toBe('fail');
    expect(advice.status).toBe('warn');
    expect(advice.value).toBe(strict.value);
    expect(advice.message).toContain('#28BEFA');
    expect(advice.message).toMatch(/白平衡/);
    expect(check(scene(blue), 'background.color', 'replace').status).toBe('pass');
  });

  it("background.uniform: a frame-wide gradient fails with 'blue' only; a shadow touching the outline fails in both", () => {
    expect(check(scene(gradient), 'background.uniform', 'blue').status).toBe('fail');
    expect(check(scene(gradient), 'background.uniform', 'replace').status).toBe('pass');
    expect(check(scene(shadow), 'background.uniform', 'blue').status).toBe('fail');
    const r = check(scene(shadow), 'background.uniform', 'replace');
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/轮廓/);
    expect(check(scene(blue), 'background.uniform', 'replace').status).toBe('pass');
  });

  it('without a mode the checks are strict (the final photo must already be #28BEFA)', () => {
    const s = scene(grey);
    expect(runChecks(s.analysis, s.image, chsiProfile, ['background.color'])[0]!.status).toBe('fail');
  });
});

describe('auto-capture gate', () => {
  const r = (status: CheckResult['status']): CheckResult => ({
    id: 'background.color',
    status,
    value: 1,
    threshold: 1,
    message: '',
    region: null,
  });
  it('only a fail blocks auto-capture; warnings never do', () => {
    expect([r('pass'), r('warn'), r('fail')].map(blocksAutoCapture)).toEqual([false, false, true]);
    expect(allChecksPass([r('pass'), r('warn')])).toBe(true);
    expect(allChecksPass([r('pass'), r('fail')])).toBe(false);
    expect(allChecksPass([])).toBe(false);
  });

  it("a grey backdrop no longer holds back auto-capture with 'replace', and still does with 'blue'", () => {
    const s = scene(grey);
    const ids: CheckId[] = ['background.color', 'background.uniform'];
    expect(allChecksPass(runChecks(s.analysis, s.image, chsiProfile, ids, { backdrop: 'replace' }))).toBe(true);
    expect(allChecksPass(runChecks(s.analysis, s.image, chsiProfile, ids, { backdrop: 'blue' }))).toBe(false);
  });
});

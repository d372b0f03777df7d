import { describe, expect, it } from 'vitest';
import {
  PARSING_CLASSES,
  PARSING_EARRING_WARN,
  PARSING_HAT_FAIL,
  PARSING_NECKLACE_WARN,
  parsingCrop,
  summarizeParsing,
} from '../../../src/shared/checks/face-parsing';
import { runChecks } from '../../../src/shared/checks/run-checks';
import { createRawImage } from '../../../src/shared/image/raw-image';
import { defaultCheckThresholds } from '../../../src/shared/spec/check-thresholds';
import { chsiProfile } from '../../../src/shared/spec/profile';
import type { FaceParsing } from '../../../src/shared/vision/analysis';
import { synthAnalysis } from './synthetic';

const K = PARSING_CLASSES.length;
/** A softmax-like map: every pixel one class at probability `p`, the rest spread over background. */
function probs(n: number, classOf: (i: number) => string, p = 0.9): Float32Array {
  const out = new Float32Array(n * n * K);
  for (let i = 0; i < n * n; i++) {
    const k = PARSING_CLASSES.indexOf(classOf(i) as (typeof PARSING_CLASSES)[number]);
    out[i * K] = 1 - p;
    out[i * K + k] = (out[i * K + k] ?? 0) + p;
  }
  return out;
}
const bare: FaceParsing = {
  model: 'test',
  hat: 0.01,
  hair: 0.3,
  earringArea: 0,
  necklaceArea: 0,
  earringMax: 0.3,
  necklaceMax: 0.1,
};
const skin: [number, number, number] = [200, 170, 150];
const check = (parsing: FaceParsing | undefined, id: 'headwear' | 'accessories' | 'mouth.closed', exception = false) =>
  runChecks({ ...synthAnalysis(), parsing }, createRawImage(480, 640, 3, skin), chsiProfile, [id], {
    headCoveringException: exception,
  })[0]!;

describe('face parsing summary', () => {
  it('hat is the mean hat probability; areas count the pixels whose best class is earring / necklace', () => {
    // 10×10: the top 3 rows hat, two earring pixels, one necklace pixel, the rest skin.
    const n = 10;
    const s = summarizeParsing(
      probs(n, (i) => (i < 30 ? 'hat' : i === 55 || i === 56 ? 'earring' : i === 90 ? 'necklace' : 'skin')),
      n,
    );
    expect(s.hat).toBeCloseTo(0.3 * 0.9, 5);
    expect(s.earringArea).toBeCloseTo(0.02, 5);
    expect(s.necklaceArea).toBeCloseTo(0.01, 5);
    expect(s.earringMax).toBeCloseTo(0.9, 5);
    expect(s.hair).toBe(0);
  });
  it('mouthArea counts the pixels whose best class is the inner mouth, lipArea the upper and lower lip', () => {
    // 10×10: 4 mouth pixels, 6 lip pixels (3 upper, 3 lower), the rest skin.
    const n = 10;
    const cls = (i: number) =>
      i >= 60 && i < 64 ? 'mouth' : i >= 54 && i < 57 ? 'upper_lip' : i >= 64 && i < 67 ? 'lower_lip' : 'skin';
    const s = summarizeParsing(probs(n, cls), n);
    expect(s.mouthArea).toBeCloseTo(0.04, 5);
    expect(s.lipArea).toBeCloseTo(0.06, 5);
    // Below 0.5 the mouth class loses to the background share of these maps: not counted.
    expect(summarizeParsing(probs(n, cls, 0.4), n).mouthArea).toBe(0);
  });
  it('refuses an output of the wrong size', () => {
    expect(() => summarizeParsing(new Float32Array(10), 4)).toThrow(/19/);
  });
  it('the crop is level, centred over the face and raised, its side 2.3 × the face width, whatever the roll', () => {
    const pts = synthAnalysis().landmarks!.points;
    const flat = parsingCrop(pts);
    expect(flat.angle).toBeCloseTo(0, 5);
    // Rotate the whole mesh 20° about (240, 250): same crop size, angle 20°, centre rotated with it.
    const t = (20 * Math.PI) / 180;
    const rot = pts.map((p) => ({
      x: 240 + (p.x - 240) * Math.cos(t) - (p.y - 250) * Math.sin(t),
      y: 250 + (p.x - 240) * Math.sin(t) + (p.y - 250) * Math.cos(t),
      z: p.z,
    }));
    const tilted = parsingCrop(rot);
    expect(tilted.angle).toBeCloseTo(t, 5);
    expect(tilted.size).toBeCloseTo(flat.size, 3);
    const cx = 240 + (flat.cx - 240) * Math.cos(t) - (flat.cy - 250) * Math.sin(t);
    expect(tilted.cx).toBeCloseTo(cx, 3);
    let x0 = Infinity;
    let x1 = -Infinity;
    for (const p of pts) [x0, x1] = [Math.min(x0, p.x), Math.max(x1, p.x)];
    expect(flat.size).toBeCloseTo((x1 - x0) * 2.3, 3);
    expect(flat.cx).toBeCloseTo((x0 + x1) / 2, 3);
  });
});

describe('checks reading the face parsing (初审)', () => {
  it('headwear fails at a hat share ≥ PARSING_HAT_FAIL, warns with a registered covering, passes a bare head', () => {
    expect(check({ ...bare, hat: PARSING_HAT_FAIL + 0.04 }, 'headwear')).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('免冠'),
    });
    expect(check({ ...bare, hat: PARSING_HAT_FAIL + 0.04 }, 'headwear', true).status).toBe('warn');
    expect(check(bare, 'headwear').status).toBe('pass');
    expect(check(undefined, 'headwear').status).toBe('pass');
  });
  it('accessories: an earring or necklace area over its floor warns (warn-only), none passes, no parsing passes unmeasured', () => {
    expect(check({ ...bare, earringArea: PARSING_EARRING_WARN * 2 }, 'accessories')).toMatchObject({
      status: 'warn',
      message: expect.stringContaining('耳环'),
    });
    expect(check({ ...bare, necklaceArea: PARSING_NECKLACE_WARN * 2 }, 'accessories')).toMatchObject({
      status: 'warn',
      message: expect.stringContaining('项链'),
    });
    expect(check({ ...bare, earringArea: PARSING_EARRING_WARN / 2 }, 'accessories').status).toBe('pass');
    expect(check(undefined, 'accessories')).toMatchObject({ status: 'unmeasured', value: null, message: '初审时检测' });
  });
  it('mouth.closed fails closed-looking lips whose inner-mouth area reaches parsingFail; below it, or without a parsing, passes', () => {
    const fail = defaultCheckThresholds.mouth.parsingFail;
    expect(check({ ...bare, mouthArea: fail * 1.5, lipArea: 0.01 }, 'mouth.closed')).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('闭合嘴唇'),
      threshold: expect.stringContaining('mouth<'),
    });
    expect(check({ ...bare, mouthArea: fail * 0.5, lipArea: 0.01 }, 'mouth.closed').status).toBe('pass');
    expect(check({ ...bare, mouthArea: 0, lipArea: 0.01 }, 'mouth.closed').status).toBe('pass');
    // A summary from before the mouth classes, and the live view (no parsing): the landmark cues alone.
    expect(check(bare, 'mouth.closed').status).toBe('pass');
    expect(check(undefined, 'mouth.closed')).toMatchObject({
      status: 'pass',
      threshold: expect.not.stringContaining('mouth<'),
    });
  });
});

import { describe, expect, it } from 'vitest';
import { CHECK_IDS, CHECK_SEVERITY } from '../../../src/shared/checks/run-checks';
import type { CheckId, CheckStatus } from '../../../src/shared/checks/types';
import {
  ADVISORY_CHECKS,
  autoCaptureBlockers,
  autoCaptureReady,
  gatesAutoCapture,
} from '../../../src/shared/domain/auto-capture';

const all = (status: CheckStatus) => CHECK_IDS.map((id) => ({ id, status }));
const withResult = (id: CheckId, status: CheckStatus) => all('pass').map((c) => (c.id === id ? { id, status } : c));

describe('auto-capture gate: only failures nobody but the sitter/photographer can fix hold the shutter back', () => {
  it('the advisory list is exactly the warn-only checks of the check pipeline', () => {
    const warnOnly = CHECK_IDS.filter((id) => CHECK_SEVERITY[id] === 'warn-only');
    expect([...ADVISORY_CHECKS].sort()).toEqual([...warnOnly].sort());
  });

  it('all passing is ready; no results (nothing analysed yet) is not', () => {
    expect(autoCaptureReady(all('pass'), 'replace')).toBe(true);
    expect(autoCaptureReady([], 'replace')).toBe(false);
  });

  it('a warn never gates, under either backdrop', () => {
    for (const backdrop of ['replace', 'blue'] as const) expect(autoCaptureReady(all('warn'), backdrop)).toBe(true);
  });

  it('warn-only checks never gate, even if one ever reported a fail (ears under hair, highlights)', () => {
    for (const id of ADVISORY_CHECKS) {
      expect(gatesAutoCapture({ id, status: 'fail' }, 'blue')).toBe(false);
      expect(autoCaptureReady(withResult(id, 'fail'), 'blue')).toBe(true);
    }
  });

  it("with the 'replace' backdrop the raw background does not gate (production paints it); with 'blue' it does", () => {
    for (const id of ['background.uniform', 'background.color'] as const) {
      expect(autoCaptureReady(withResult(id, 'fail'), 'replace')).toBe(true);
      expect(autoCaptureReady(withResult(id, 'fail'), 'blue')).toBe(false);
    }
  });

  it('every other hard check gates under both backdrops (framing, pose, eyes, face count, clothing, light…)', () => {
    const others = CHECK_IDS.filter(
      (id) => CHECK_SEVERITY[id] === 'hard' && id !== 'background.uniform' && id !== 'background.color',
    );
    expect(others).toEqual(expect.arrayContaining(['framing.headroom', 'face.count', 'clothing.contrast']));
    for (const id of others)
      for (const backdrop of ['replace', 'blue'] as const)
        expect(autoCaptureBlockers(withResult(id, 'fail'), backdrop).map((c) => c.id)).toEqual([id]);
  });

  it('the sample portrait as the replay camera shows it live: outline shadow + ears warn + colour warn → ready in replace mode', () => {
    // measured on ../shared/portraits/portrait-03.png through the station pipeline (2026-12-01)
    const live = all('pass').map((c) =>
      c.id === 'background.uniform'
        ? { ...c, status: 'fail' as const }
        : c.id === 'ears.symmetric' || c.id === 'background.color'
          ? { ...c, status: 'warn' as const }
          : c,
    );
    expect(autoCaptureReady(live, 'replace')).toBe(true);
    expect(autoCaptureBlockers(live, 'blue').map((c) => c.id)).toEqual(['background.uniform']);
  });
});

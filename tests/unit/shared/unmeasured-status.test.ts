import { describe, expect, it } from 'vitest';
import { CHECK_IDS, type CheckResult } from '../../../src/shared/checks/types';
import { verdictOf } from '../../../src/shared/checks/run-checks';
import { allChecksPass } from '../../../src/shared/checks/smoothing';
import { autoCaptureReady } from '../../../src/shared/domain/auto-capture';
import { CheckResultSchema } from '../../../src/shared/contract/vision';

// 'unmeasured' (a check only 初审 measures, seen live): counted neither as a pass shown green nor as a failure.

const results = (over: Partial<Record<string, CheckResult['status']>>): CheckResult[] =>
  CHECK_IDS.map((id) => ({ id, status: over[id] ?? 'pass', value: null, threshold: 0, message: '', region: null }));

describe("status 'unmeasured'", () => {
  it('does not fail the verdict, the live all-pass or the auto-capture streak', () => {
    const r = results({ accessories: 'unmeasured' });
    expect(verdictOf(r)).toBe('pass');
    expect(allChecksPass(r)).toBe(true);
    expect(autoCaptureReady(r, 'blue')).toBe(true);
    expect(autoCaptureReady(r, 'replace')).toBe(true);
    // a real failure next to it still counts
    const f = results({ accessories: 'unmeasured', 'eyes.open': 'fail' });
    expect(verdictOf(f)).toBe('fail');
    expect(autoCaptureReady(f, 'blue')).toBe(false);
  });
  it('is a status the API carries', () => {
    expect(
      CheckResultSchema.parse(results({ accessories: 'unmeasured' })[CHECK_IDS.indexOf('accessories')]).status,
    ).toBe('unmeasured');
  });
});

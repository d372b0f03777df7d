import { describe, expect, it } from 'vitest';
import { sourceLine } from '../../../src/renderer/station/checkin-source';
import type { Decoded } from '../../../src/renderer/station/checkin-state';

// New-user trial (issue 9): the 签到 panel says where the student's details come from (the 活动 form's date
// message and cursor: e2e polish-trial).

describe('签到 panel: where the details come from', () => {
  const decoded = (decoder: string, roster: boolean) =>
    ({
      student: { decoder },
      rosterEntry: roster ? { id: 'r1' } : null,
      existingOrder: null,
      ask: [],
    }) as unknown as Decoded;
  it('a full code, a full code with a roster entry, a bare code (roster), a roster pick', () => {
    expect(sourceLine({ kind: 'qr', payload: 'p', decoded: decoded('csqr1', false) })).toContain('来自采集码');
    expect(sourceLine({ kind: 'qr', payload: 'p', decoded: decoded('csqr1', true) })).toContain('来自采集码');
    expect(sourceLine({ kind: 'qr', payload: 'p', decoded: decoded('csqr1', true) })).toContain('学校名单补全');
    expect(sourceLine({ kind: 'qr', payload: 'p', decoded: decoded('bare-code', true) })).toContain('来自学校名单');
    expect(sourceLine({ kind: 'roster', entry: {} as never })).toContain('来自学校名单');
  });
});

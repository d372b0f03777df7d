import { describe, expect, it } from 'vitest';
import {
  checkIdNumber,
  idCheckChar,
  idForDisplay,
  isMaskedIdNumber,
  last4Matches,
  maskIdNumber,
} from '../../../src/shared/domain/id-number';

describe('证件号: GB 11643 check digit, masking, last-4 confirmation', () => {
  it('computes the ISO 7064 MOD 11-2 check character of the standard example', () => {
    // GB 11643-1999 appendix example: 11010519491231002X
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('44052418800101001')).toBe('4');
  });

  it('accepts a correct 18-digit number (lower-case x normalised) and refuses a wrong check digit', () => {
    expect(checkIdNumber('11010519491231002x')).toEqual({ ok: true, normalized: '11010519491231002X' });
    expect(checkIdNumber(' 440524188001010014 ')).toEqual({ ok: true, normalized: '440524188001010014' });
    expect(checkIdNumber('110105194912310021')).toEqual({ ok: false, reason: '证件号校验位不正确' });
  });

  it('refuses all-digit values of the wrong length and junk, accepts other documents', () => {
    expect(checkIdNumber('11010519491231002').ok).toBe(false);
    expect(checkIdNumber('1101051949123100211')).toMatchObject({ ok: false, reason: expect.stringContaining('18 位') });
    expect(checkIdNumber("1' OR '1'='1").ok).toBe(false);
    expect(checkIdNumber('').ok).toBe(false);
    expect(checkIdNumber('E12345678')).toEqual({ ok: true, normalized: 'E12345678' });
  });

  it('masks to first 4 + 10 stars + last 4, and displays only the first 4', () => {
    const masked = maskIdNumber('11010519491231002X');
    expect(masked).toBe('1101**********002X');
    expect(masked).not.toContain('19491231');
    expect(isMaskedIdNumber(masked)).toBe(true);
    expect(idForDisplay(masked)).toBe('1101**************');
  });

  it('confirms the last 4 against the masked value, X case-insensitively', () => {
    expect(last4Matches('1101**********002X', '002x')).toBe(true);
    expect(last4Matches('1101**********002X', '002X')).toBe(true);
    expect(last4Matches('1101**********002X', '0021')).toBe(false);
    expect(last4Matches('1101**********002X', '02X')).toBe(false);
    expect(last4Matches('1101**************', '****')).toBe(false);
  });
});

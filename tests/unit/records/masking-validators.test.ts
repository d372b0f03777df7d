import { describe, expect, it } from 'vitest';
import { codePointLength, maskEmail, maskName, maskPhone, nameMatchesMask } from '../../../src/shared/domain/masking';
import {
  featureCodeMatches,
  isEmail,
  nameProblem,
  normalizeCollectionCode,
  normalizeMobile,
} from '../../../src/shared/domain/validators';

describe('masking keeps rare characters whole (code points, not UTF-16 units)', () => {
  it('masks names like the seed (黄*正)', () => {
    expect(maskName('黄志正')).toBe('黄*正');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('李')).toBe('*');
    expect(maskName('')).toBe('');
  });

  it('treats 𠮷 (outside the BMP) and 䶮 (Ext A) as one character each', () => {
    expect('𠮷'.length).toBe(2);
    expect(codePointLength('吉𠮷')).toBe(2);
    expect(maskName('吉𠮷')).toBe('吉*');
    expect(maskName('𠮷大䶮')).toBe('𠮷*䶮');
    expect(maskName('王䶮')).toBe('王*');
    expect(nameMatchesMask('𠮷大䶮', '𠮷*䶮')).toBe(true);
    expect(nameMatchesMask('𠮷大', '𠮷*䶮')).toBe(false);
  });

  it('checks a full name against the masked one', () => {
    expect(nameMatchesMask('黄志正', '黄*正')).toBe(true);
    expect(nameMatchesMask('黄志刚', '黄*正')).toBe(false);
    expect(nameMatchesMask('黄正', '黄*正')).toBe(false);
  });

  it('masks phones and e-mails', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskEmail('zhang.san@example.com')).toBe('z***@example.com');
  });
});

describe('validators', () => {
  it('accepts mainland mobile numbers only', () => {
    expect(normalizeMobile('13812345678')).toBe('13812345678');
    expect(normalizeMobile('+86 138-1234-5678')).toBe('13812345678');
    expect(normalizeMobile('12812345678')).toBeNull();
    expect(normalizeMobile('1381234567')).toBeNull();
    expect(normalizeMobile('0531-82024739')).toBeNull();
  });

  it('accepts plausible e-mails only', () => {
    expect(isEmail('a@b.cn')).toBe(true);
    expect(isEmail('student.2026+x@mail.sdnu.edu.cn')).toBe(true);
    expect(isEmail('a@b')).toBe(false);
    expect(isEmail('a b@c.cn')).toBe(false);
    expect(isEmail("x'--@a.cn; DROP TABLE orders")).toBe(false);
  });

  it('采集码 is 16 hex characters as in the seed', () => {
    expect(normalizeCollectionCode('c8bade99b9b2edca')).toBe('c8bade99b9b2edca');
    expect(normalizeCollectionCode(' C8BADE99B9B2EDCA ')).toBe('c8bade99b9b2edca');
    expect(normalizeCollectionCode('c8bade99b9b2edc')).toBeNull();
    expect(normalizeCollectionCode('g8bade99b9b2edca')).toBeNull();
  });

  it('特征码 compares exactly after trimming, whatever its form', () => {
    expect(featureCodeMatches('1a2d9fb8a5f1c2ba03ae58a7', ' 1a2d9fb8a5f1c2ba03ae58a7 ')).toBe(true);
    expect(featureCodeMatches('1a2d9fb8a5f1c2ba03ae58a7', '1A2D9FB8A5F1C2BA03AE58A7')).toBe(false);
    expect(featureCodeMatches('SDNU', 'SDNU')).toBe(true);
    expect(featureCodeMatches('SDNU', '')).toBe(false);
  });

  it('limits names to 50 characters', () => {
    expect(nameProblem('黄'.repeat(50))).toBeNull();
    expect(nameProblem('黄'.repeat(51))).toContain('过长');
    expect(nameProblem('  ')).toBe('请填写姓名');
  });
});

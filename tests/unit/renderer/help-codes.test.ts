import { describe, expect, it } from 'vitest';
import { help } from '../../../src/renderer/i18n/zh-CN/help';
import { decodePayload, encodeCsqr1 } from '../../../src/shared/domain/qr-payload';
import { featureCodeMatches } from '../../../src/shared/domain/validators';
import { EventCreateInput } from '../../../src/shared/domain/event';
import { idCheckChar } from '../../../src/shared/domain/id-number';

// 帮助 › 采集码与特征码 describes what the station's own parser reads: the examples it gives must decode as it says,
// and what it says is refused must be refused (the page may never describe a format the parser does not take).

const rule = (field: string) => help.qrFields.find(([f]) => f === field)?.[1] ?? '';
const example = (text: string, re: RegExp) => text.match(re)?.[0] ?? '';

const seedStudent = {
  code: example(rule('采集码'), /[0-9a-f]{16}/),
  name: example(rule('姓名'), /\S\*\S/),
  id: example(rule('证件号'), /\d{4}\*+\d{3}[\dX]/),
  no: '852021102012',
  gender: '女',
  school: '10403',
  level: '本科',
  type: '成人教育',
  campus: '成人',
  major: '教育传媒',
};

describe('help: 采集码 and 特征码', () => {
  it('the examples are the seed student and decode as the page says', () => {
    expect(seedStudent).toMatchObject({ code: 'c8bade99b9b2edca', name: '黄*正', id: '4430**********002X' });
    const decoded = decodePayload(encodeCsqr1(seedStudent));
    expect(decoded).toMatchObject({
      ok: true,
      decoder: 'csqr1',
      student: { collectionCode: 'c8bade99b9b2edca', name: '黄*正', idMasked: '4430**********002X' },
    });
    // a bare 16-hex code is read (then looked up in the roster), as the first scan-fail step says
    expect(help.scanFailSteps[0]).toContain('16 位采集码');
    expect(decodePayload(seedStudent.code)).toMatchObject({ ok: true, decoder: 'bare-code' });
  });

  it('what the page says is refused is refused', () => {
    expect(rule('证件号')).toContain('含完整证件号的二维码会被拒绝');
    const first17 = '44300119900101002';
    const full = decodePayload(encodeCsqr1({ ...seedStudent, id: first17 + idCheckChar(first17) }));
    expect(full).toEqual({ ok: false, reason: '二维码中含有未脱敏的证件号，已拒绝' });
    expect(rule('学校编码')).toContain('5 位数字');
    expect(decodePayload(encodeCsqr1({ ...seedStudent, school: '1040' })).ok).toBe(false);
    expect(help.qrFormats).toContain('CSQR1:');
    expect(decodePayload('https://example.invalid/qr?x=1')).toMatchObject({ ok: false });
  });

  it('特征码: compared exactly after trimming, up to 64 characters, the seed example fits', () => {
    const code = example(help.featureText, /[0-9a-f]{24}/);
    expect(code).toBe('1a2d9fb8a5f1c2ba03ae58a7');
    expect(featureCodeMatches(code, `  ${code} `)).toBe(true);
    expect(featureCodeMatches(code, code.toUpperCase())).toBe(false);
    expect(help.featureText).toContain('最多 64 个字符');
    const shape = EventCreateInput.shape.featureCode;
    expect(shape.safeParse('x'.repeat(64)).success).toBe(true);
    expect(shape.safeParse('x'.repeat(65)).success).toBe(false);
  });
});

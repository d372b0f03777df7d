import { describe, expect, it } from 'vitest';
import {
  decodePayload,
  encodeCsqr1,
  DEFAULT_DECODERS,
  type PayloadDecoder,
} from '../../../src/shared/domain/qr-payload';

const fields = {
  code: 'c8bade99b9b2edca',
  name: '黄*正',
  id: '4430**********002X',
  no: '852021102012',
  gender: '女',
  school: '10403',
  level: '本科',
  type: '成人教育',
  campus: '成人',
  major: '教育传媒',
};

describe('采集码 QR payloads', () => {
  it('decodes our CSQR1 format', () => {
    const r = decodePayload(encodeCsqr1(fields));
    expect(r).toMatchObject({
      ok: true,
      decoder: 'csqr1',
      student: { collectionCode: 'c8bade99b9b2edca', name: '黄*正', studentNo: '852021102012', gender: '女' },
    });
  });

  it('accepts a bare 采集码 (to be looked up in the roster)', () => {
    expect(decodePayload('C8BADE99B9B2EDCA')).toEqual({
      ok: true,
      decoder: 'bare-code',
      student: { collectionCode: 'c8bade99b9b2edca' },
    });
  });

  it.each([
    ['', '二维码内容为空'],
    ['https://example.com/x', '无法识别的二维码'],
    ['CSQR1:{not json', '已损坏'],
    ['CSQR1:[1,2]', '已损坏'],
    [encodeCsqr1({ ...fields, code: 'xyz' }), '采集码格式不正确'],
    [encodeCsqr1({ ...fields, id: '11010519491231002X' }), '未脱敏'],
    [encodeCsqr1({ ...fields, id: '4430' }), '证件号（脱敏）格式不正确'],
    [encodeCsqr1({ ...fields, school: '1040' }), '学校编码'],
    [encodeCsqr1({ ...fields, gender: '未知' }), '性别'],
    [encodeCsqr1({ ...fields, no: "1'; DROP TABLE orders;--" }), '学号格式不正确'],
    ['CSQR1:' + 'x'.repeat(3000), '过长'],
  ])('refuses %j with a Chinese reason', (text, reason) => {
    const r = decodePayload(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it('lets a vendor decoder go first', () => {
    const vendor: PayloadDecoder = {
      name: 'vendor',
      accepts: (t) => t.startsWith('VND:'),
      decode: (t) => ({ ok: true, decoder: 'vendor', student: { collectionCode: t.slice(4) } }),
    };
    expect(decodePayload('VND:0123456789abcdef', [vendor, ...DEFAULT_DECODERS])).toMatchObject({ decoder: 'vendor' });
  });
});

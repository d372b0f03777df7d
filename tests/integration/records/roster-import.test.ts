import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { ApiError } from '../../../src/shared/api-error';
import { recordsFixture, type RecordsFixture } from '../../helpers/records-fixture';

let f: RecordsFixture;
beforeAll(async () => {
  f = await recordsFixture();
});
afterAll(() => f.close());

const CSV = [
  '姓名,学号,身份证号,采集码,性别,专业/院系,学历,学历类别,所在校别,电子邮箱,联系电话',
  '黄志正,852021102012,11010519491231002X,c8bade99b9b2edca,女,教育传媒,本科,成人教育,成人,a@b.cn,13812345678',
  '吉𠮷,852021102013,,,男,汉语言文学,本科,成人教育,成人,,',
  ',852021102014,,,男,,,,,,', // line 4: no name
  '李明,,,,男,,,,,,', // line 5: neither 采集码 nor 学号
  '张晓燕,852021102016,110105194912310021,,女,,,,,,', // line 6: bad check digit
  '陈思远,852021102017,,c8bade99,男,,,,,,', // line 7: bad 采集码
  '刘洋,852021102018,,,男,,,,,bad@,', // line 8: bad e-mail
  '王䶮,852021102019,,,女,,,,,,1234', // line 9: bad mobile
  '黄志正,852021102012,,,女,,,,,,', // line 10: duplicate of line 2
  '"欧阳,娜娜",852021102020,,,女,"多',
  '行专业",本科,,,,', // lines 11-12: one record with quotes, starts on line 11
].join('\r\n');

async function importBytes(fileName: string, bytes: Buffer) {
  return f.studio.records.roster.importFile(f.event.id, fileName, bytes);
}

const expectedRejected = [
  { line: 4, reason: '缺少姓名' },
  { line: 5, reason: '缺少采集码和学号（至少填写一项）' },
  { line: 6, reason: '证件号校验位不正确' },
  { line: 7, reason: expect.stringContaining('采集码格式不正确') },
  { line: 8, reason: '电子邮箱格式不正确' },
  { line: 9, reason: '联系电话应为 11 位中国大陆手机号' },
  { line: 10, reason: '与第 2 行重复（相同的采集码或学号）' },
];

describe('roster import: UTF-8 (BOM or not), GBK, XLSX; rejected rows with line numbers; idempotent', () => {
  it('imports UTF-8 with BOM and reports each rejected line (header = line 1)', async () => {
    const r = await importBytes('名单.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV, 'utf8')]));
    expect(r.rejected).toEqual(expectedRejected);
    expect(r).toMatchObject({ imported: 3, inserted: 3, updated: 0 });
    const list = f.studio.records.roster.list(f.event.id, '欧阳', 10, 0);
    expect(list.entries[0]).toMatchObject({ name: '欧阳,娜娜', major: '多 行专业', line: 11 });
    const hz = f.studio.records.roster.list(f.event.id, '852021102012', 10, 0).entries[0]!;
    expect(hz).toMatchObject({ idDisplay: '1101**************', phoneMasked: '138****5678' });
  });

  it('re-importing the same list (GBK this time) updates instead of duplicating', async () => {
    const gbk = iconv.encode(CSV.replace('吉𠮷', '吉祥'), 'gbk');
    const r = await importBytes('名单-gbk.csv', gbk);
    expect(r.rejected).toEqual(expectedRejected);
    expect(r).toMatchObject({ imported: 3, inserted: 0, updated: 3 });
    expect(f.studio.records.roster.list(f.event.id, '', 100, 0).total).toBe(3);
    expect(f.studio.records.roster.list(f.event.id, '吉祥', 10, 0).entries).toHaveLength(1);
  });

  it('imports UTF-8 without BOM and XLSX (row numbers as lines)', async () => {
    const plain = await importBytes('x.csv', Buffer.from('姓名,学号\n赵六,900001\n,900002\n', 'utf8'));
    expect(plain).toMatchObject({ imported: 1, rejected: [{ line: 3, reason: '缺少姓名' }] });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['姓名', '学号', '证件号', '联系电话']);
    ws.addRow(['孙七', 900003, '11010519491231002X', 13900001111]);
    ws.addRow(['周八', 900004, '1101051949123100', '']);
    const r = await importBytes('名单.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(r.imported).toBe(1);
    expect(r.rejected).toEqual([{ line: 3, reason: '证件号位数不对：身份证号应为 18 位' }]);
  });

  it.each([
    ['a UTF-16 file', Buffer.from('\ufeff姓名,学号\n', 'utf16le'), 'x.csv', /UTF-16/],
    ['a binary file', Buffer.from([1, 2, 0, 4, 5]), 'x.csv', /二进制/],
    ['a corrupt XLSX', Buffer.from('PK\u0003\u0004garbage'), 'x.xlsx', /XLSX 文件已损坏/],
    ['a file without a 姓名 column', Buffer.from('xm;id\n1;2\n'), 'x.csv', /缺少“姓名”列/],
    [
      'mojibake (GBK read as Latin-1 then saved as UTF-8)',
      Buffer.from(iconv.encode('姓名,学号\n', 'gbk').toString('latin1'), 'utf8'),
      'x.csv',
      /缺少“姓名”列/,
    ],
    ['an empty file', Buffer.alloc(0), 'x.csv', /文件为空/],
  ])('refuses %s with a Chinese message and changes nothing', async (_n, bytes, name, message) => {
    const before = f.studio.records.roster.list(f.event.id, '', 500, 0);
    const err = await importBytes(name, bytes).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    expect((err as Error).message).toMatch(message);
    expect(f.studio.records.roster.list(f.event.id, '', 500, 0)).toEqual(before);
  });

  it('roster check-in: lookup by 学号, full 证件号 must match the hashed one', async () => {
    const { entries } = await f.call<{ entries: { id: string }[] }>('checkin.lookup', {
      eventId: f.event.id,
      query: '900003',
    });
    const req = {
      eventId: f.event.id,
      source: 'roster',
      rosterEntryId: entries[0]!.id,
      gender: '女',
      educationLevel: '本科',
      campusType: '本部',
      featureCode: f.event.featureCode,
      idLast4: '002X',
      email: 'sun@example.com',
      phone: '13900001111',
      operator: '张老师',
    };
    await expect(f.call('checkin.submit', { ...req, idNumber: '440524188001010014', idLast4: '0014' })).rejects.toThrow(
      /与名单中登记的不一致/,
    );
    const ok = await f.call<{ order: { source: string; idDisplay: string } }>('checkin.submit', req);
    expect(ok.order).toMatchObject({ source: 'roster', idDisplay: '1101**************' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordsFixture, type RecordsFixture } from '../../helpers/records-fixture';

// A bad roster row says every field problem it has, with its line number (an operator fixing the sheet should not
// have to import again to learn the next problem of the same row), and the good rows of the file are imported.

let f: RecordsFixture;
beforeAll(async () => {
  f = await recordsFixture();
});
afterAll(() => f.close());

const CSV = [
  '姓名,学号,身份证号,采集码,性别,专业/院系,学历,学历类别,所在校别,电子邮箱,联系电话',
  '黄志正,852021102012,11010519491231002X,c8bade99b9b2edca,女,教育传媒,本科,成人教育,成人,a@b.cn,13812345678',
  // line 3: bad 学号, bad 采集码, bad check digit, bad 性别, bad e-mail, bad mobile
  '陈思远,8520 2110,110105194912310021,c8bade99,未知,,本科,,成人,bad@,1234',
  // line 4: no name and neither 采集码 nor 学号
  ',,,,男,,,,,,',
  '吉𠮷,852021102013,,,男,汉语言文学,本科,成人教育,成人,,',
  // line 6: one problem only: said as before
  '刘洋,852021102018,,,男,,,,,bad@,',
].join('\r\n');

describe('roster import: every reason of a bad row', () => {
  it('lists all field errors of each bad row with its line and imports the good rows', async () => {
    const r = await f.studio.records.roster.importFile(f.event.id, '名单.csv', Buffer.from(CSV, 'utf8'));
    expect(r.rejected).toEqual([
      {
        line: 3,
        reason: [
          '学号格式不正确（只能包含字母、数字、-、_，最多 32 位）',
          '采集码格式不正确（应为 16 位十六进制字符，如 c8bade99b9b2edca）',
          '证件号校验位不正确',
          '性别应为“男”或“女”',
          '电子邮箱格式不正确',
          '联系电话应为 11 位中国大陆手机号',
        ].join('；'),
      },
      { line: 4, reason: '缺少姓名；缺少采集码和学号（至少填写一项）' },
      { line: 6, reason: '电子邮箱格式不正确' },
    ]);
    expect(r).toMatchObject({ imported: 2, inserted: 2 });
    const names = f.studio.records.roster.list(f.event.id, '', 10, 0).entries.map((e) => e.name);
    expect(names.sort()).toEqual(['吉𠮷', '黄志正'].sort());
  });
});

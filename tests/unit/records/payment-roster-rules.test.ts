import { describe, expect, it } from 'vitest';
import { reconcile } from '../../../src/shared/domain/payment';
import { parseCsv } from '../../../src/shared/domain/csv';
import { checkRosterRow, mapHeaders } from '../../../src/shared/domain/roster-rules';

describe('reconciliation (pure)', () => {
  it('totals by method and operator, excluding voided and refunded payments', () => {
    const r = reconcile([
      { method: 'cash', operator: '张老师', amountFen: 1500, orderCount: 1, status: 'valid' },
      { method: 'wechat', operator: '张老师', amountFen: 1500, orderCount: 1, status: 'valid' },
      { method: 'cash', operator: '李老师', amountFen: 45000, orderCount: 30, status: 'valid' },
      { method: 'alipay', operator: '李老师', amountFen: 1500, orderCount: 1, status: 'voided' },
      { method: 'cash', operator: '李老师', amountFen: 1500, orderCount: 1, status: 'refunded' },
    ]);
    expect(r.byMethod).toEqual([
      { key: 'cash', payments: 2, orders: 31, totalFen: 46500 },
      { key: 'wechat', payments: 1, orders: 1, totalFen: 1500 },
      { key: 'alipay', payments: 0, orders: 0, totalFen: 0 },
      { key: 'school', payments: 0, orders: 0, totalFen: 0 },
    ]);
    expect(r.byOperator.map((l) => [l.key, l.totalFen])).toEqual(
      expect.arrayContaining([
        ['张老师', 3000],
        ['李老师', 45000],
      ]),
    );
    expect(r.total).toEqual({ key: 'total', payments: 3, orders: 32, totalFen: 48000 });
    expect(r.excluded).toEqual({ key: 'excluded', payments: 2, orders: 2, totalFen: 3000 });
  });
});

describe('CSV parsing and roster rules', () => {
  it('parses quotes, embedded separators/newlines and reports the starting line', () => {
    const recs = parseCsv('姓名,专业\r\n"黄志正","教育,传媒"\n"李""明""","多\n行"\n王五,x');
    expect(recs.map((r) => r.line)).toEqual([1, 2, 3, 5]);
    expect(recs[1]!.fields).toEqual(['黄志正', '教育,传媒']);
    expect(recs[2]!.fields).toEqual(['李"明"', '多\n行']);
  });

  it('maps Chinese headers (with * and full-width characters)', () => {
    const m = mapHeaders(['*姓名', '学号', '身份证号', '采集码', '专业／院系', '电子邮箱', '联系电话']);
    expect(m).toEqual({
      ok: true,
      columns: { name: 0, studentNo: 1, idNumber: 2, collectionCode: 3, major: 4, email: 5, phone: 6 },
    });
    expect(mapHeaders(['xm', 'xh']).ok).toBe(false);
    expect(mapHeaders(['姓名', '性别']).ok).toBe(false);
  });

  it('applies the issue rules to rows', () => {
    const m = mapHeaders(['姓名', '学号', '证件号', '采集码', '电子邮箱', '联系电话']);
    if (!m.ok) throw new Error('mapping');
    const check = (cells: string[]) => checkRosterRow(cells, m.columns);
    expect(check(['黄志正', '852021102012', '11010519491231002X', 'c8bade99b9b2edca', '', ''])).toMatchObject({
      ok: true,
      row: { idNumber: '11010519491231002X' },
    });
    expect(check(['', '1', '', '', '', ''])).toEqual({ ok: false, reason: '缺少姓名' });
    expect(check(['黄志正', '', '', '', '', ''])).toEqual({ ok: false, reason: '缺少采集码和学号（至少填写一项）' });
    expect(check(['黄志正', '1', '110105194912310021', '', '', ''])).toEqual({
      ok: false,
      reason: '证件号校验位不正确',
    });
    expect(check(['黄志正', '1', '', 'c8bade99', '', ''])).toMatchObject({
      ok: false,
      reason: expect.stringContaining('采集码'),
    });
    expect(check(['黄志正', '1', '', '', 'bad@', ''])).toEqual({ ok: false, reason: '电子邮箱格式不正确' });
    expect(check(['黄志正', '1', '', '', '', '123'])).toMatchObject({
      ok: false,
      reason: expect.stringContaining('手机号'),
    });
    expect(check(['黄'.repeat(51), '1', '', '', '', ''])).toMatchObject({
      ok: false,
      reason: expect.stringContaining('过长'),
    });
  });
});

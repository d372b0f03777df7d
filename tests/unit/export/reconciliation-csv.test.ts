import { describe, expect, it } from 'vitest';
import { RECONCILIATION_HEADER, reconciliationCsv } from '../../../src/main/export/reconciliation-csv';
import { parseCsv } from '../../../src/shared/domain/csv';

const line = (key: string, label: string, payments: number, orders: number, totalFen: number) => ({
  key,
  label,
  payments,
  orders,
  totalFen,
});

describe('reconciliation CSV: one flat table Excel can sum', () => {
  it('lists methods, operators, the total and the excluded line with amounts in yuan', () => {
    const csv = reconciliationCsv('山东师范大学（10445）2026-06-01', {
      day: '2026-06-01',
      byMethod: [line('cash', '现金', 2, 2, 3000), line('wechat', '微信支付', 1, 10, 15000)],
      byOperator: [line('张老师', '张老师', 3, 12, 18000)],
      total: line('total', '合计', 3, 12, 18000),
      excluded: line('excluded', '已作废/已退款（不计入合计）', 1, 1, 1500),
    });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(csv.slice(1)).map((r) => r.fields);
    expect(rows[0]).toEqual([...RECONCILIATION_HEADER]);
    expect(rows.slice(1).map((r) => r.slice(2))).toEqual([
      ['按支付方式', '现金', '2', '2', '30.00'],
      ['按支付方式', '微信支付', '1', '10', '150.00'],
      ['按收款员', '张老师', '3', '12', '180.00'],
      ['合计', '合计', '3', '12', '180.00'],
      ['不计入合计', '已作废/已退款（不计入合计）', '1', '1', '15.00'],
    ]);
    expect(rows[1]!.slice(0, 2)).toEqual(['山东师范大学（10445）2026-06-01', '2026-06-01']);
  });

  it('an operator name that looks like a formula is neutralised', () => {
    const csv = reconciliationCsv('e', {
      day: null,
      byMethod: [],
      byOperator: [line('=1+1', '=1+1', 1, 1, 1500)],
      total: line('total', '合计', 1, 1, 1500),
      excluded: line('excluded', 'x', 0, 0, 0),
    });
    const rows = parseCsv(csv.slice(1)).map((r) => r.fields);
    expect(rows[1]![3]).toBe("'=1+1");
    expect(rows[1]![1]).toBe('全部日期');
  });
});

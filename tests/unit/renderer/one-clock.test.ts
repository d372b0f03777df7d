import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDay, businessTime } from '../../../src/shared/domain/business-time';
import { formatReceiptTime } from '../../../src/shared/receipt/receipt-data';
import { reconcileCsv } from '../../../src/renderer/station/reconcile-csv';
import { zhCN } from '../../../src/renderer/i18n/zh-CN/catalogue';
import type { PaymentView } from '../../../src/shared/contract/views';

// One clock: with the laptop in New York, every time the station shows or exports is still China time.
const saved = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/New_York';
});
afterAll(() => {
  process.env.TZ = saved;
});

const payment: PaymentView = {
  id: 'p1',
  eventId: 'e1',
  method: 'cash',
  scope: 'student',
  amountFen: 1500,
  reference: null,
  payerNote: '',
  operator: '张老师',
  createdAt: '2026-06-01T17:05:00.000Z', // 01:05 next day in China, 13:05 in New York
  status: 'valid',
  voidReason: null,
  voidedBy: null,
  voidedAt: null,
  orderIds: ['o1'],
};

describe('one clock (China time) whatever the machine zone', () => {
  it('the machine really is in New York for this test', () => {
    expect(new Date('2026-06-01T17:05:00Z').getHours()).toBe(13);
  });

  it('screen, CSV and receipt show the same China time', () => {
    const shown = businessTime(payment.createdAt);
    expect(shown).toBe('2026-06-02 01:05');
    expect(formatReceiptTime(payment.createdAt)).toBe(shown);
    expect(businessDay(payment.createdAt)).toBe('2026-06-02');
    const line = { key: 'cash', label: '现金', payments: 1, orders: 1, totalFen: 1500 };
    const csv = reconcileCsv(
      {
        eventId: 'e1',
        day: '2026-06-02',
        byMethod: [line],
        byOperator: [{ ...line, key: '张老师', label: '张老师' }],
        total: { ...line, key: 'total', label: '合计' },
        excluded: { key: 'x', label: '已作废', payments: 0, orders: 0, totalFen: 0 },
      },
      [payment],
      zhCN.reconcile,
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain(`"${shown}","现金","15.00","1","张老师","","有效"`);
    expect(csv).not.toContain('13:05');
  });

  it('an unreadable time is shown as it is, not as a wrong date', () => {
    expect(businessTime('not a time')).toBe('not a time');
  });
});

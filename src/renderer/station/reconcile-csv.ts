import { businessTime } from '../../shared/domain/business-time';
import { formatFen } from '../../shared/domain/event';
import { PAYMENT_METHOD_LABELS, PAYMENT_STATUS_LABELS } from '../../shared/domain/payment';
import type { Res } from '../../shared/contract';
import type { PaymentView } from '../../shared/contract/views';

type Summary = Res<'payments.reconcile'>;
type Line = Summary['total'];

/** CSV cell: quoted, and a leading = + - @ neutralised so a spreadsheet never runs it as a formula. */
const cell = (v: string | number) => {
  const s = String(v);
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

export interface ReconcileCsvLabels {
  byMethod: string;
  byOperator: string;
  payments: string;
  orders: string;
  amount: string;
  total: string;
  excluded: string;
  list: string;
  columns: {
    time: string;
    method: string;
    amount: string;
    orders: string;
    operator: string;
    reference: string;
    status: string;
  };
}

/**
 * The 对账 sheet the page downloads: totals by method and operator, then every payment with its time in China
 * time (the same text as on screen and on the receipt). UTF-8 with BOM, CRLF.
 */
export function reconcileCsv(summary: Summary, payments: readonly PaymentView[], l: ReconcileCsvLabels): string {
  const rows: (string | number)[][] = [[l.byMethod, l.payments, l.orders, l.amount]];
  const push = (line: Line) => rows.push([line.label, line.payments, line.orders, formatFen(line.totalFen)]);
  summary.byMethod.forEach(push);
  push({ ...summary.total, label: l.total });
  push({ ...summary.excluded, label: l.excluded });
  rows.push([]);
  rows.push([l.byOperator, l.payments, l.orders, l.amount]);
  summary.byOperator.forEach(push);
  rows.push([]);
  rows.push([l.list]);
  const c = l.columns;
  rows.push([c.time, c.method, c.amount, c.orders, c.operator, c.reference, c.status]);
  for (const p of payments) {
    rows.push([
      businessTime(p.createdAt),
      PAYMENT_METHOD_LABELS[p.method],
      formatFen(p.amountFen),
      p.orderIds.length,
      p.operator,
      p.reference ?? '',
      PAYMENT_STATUS_LABELS[p.status],
    ]);
  }
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

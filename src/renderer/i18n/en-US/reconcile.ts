import type { Catalogue } from '../catalogue';

export const reconcile: Catalogue['reconcile'] = {
  title: 'Reconcile',
  intro:
    'End-of-day totals by method and by operator; voided and refunded payments are listed apart, not in the totals.',
  day: 'Date',
  allDays: 'All dates',
  refresh: 'Refresh',
  csv: 'Export CSV',
  byMethod: 'By method',
  byOperator: 'By operator',
  total: 'Total',
  excluded: 'Voided / refunded',
  payments: 'Payments',
  orders: 'Students',
  amount: 'Amount (CNY)',
  list: 'Payments',
  none: 'No payments on this date.',
  void: 'Void',
  refund: 'Refund',
  voidReason: 'Enter the reason for the void / refund',
  voidTitle: 'Void payment',
  refundTitle: 'Refund',
  voidReasonLabel: 'Reason',
  cancelWhat: (time: string, method: string, amount: string, n: number) =>
    `${time} · ${method} · ¥${amount} (${n} students). Orders not yet reviewed go back to "awaiting payment".`,
  columns: {
    time: 'Time',
    method: 'Method',
    amount: 'Amount',
    orders: 'Students',
    operator: 'Operator',
    reference: 'Transaction no.',
    status: 'Status',
  },
  csvName: (day: string) => `reconciliation-${day}.csv`,
};

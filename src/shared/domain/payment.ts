// Payments and the end-of-day reconciliation (pure). Amounts are integer fen.

export const PAYMENT_METHODS = ['cash', 'wechat', 'alipay', 'school'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  cash: '现金',
  wechat: '微信支付',
  alipay: '支付宝',
  school: '学校统一支付',
};

export const PAYMENT_STATUSES = ['valid', 'voided', 'refunded'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  valid: '有效',
  voided: '已作废',
  refunded: '已退款',
};

/** WeChat Pay and Alipay need the transaction reference (商户单号/交易单号) to be reconcilable. */
export function referenceRequired(method: PaymentMethod): boolean {
  return method === 'wechat' || method === 'alipay';
}

export interface PaymentForReconciliation {
  method: PaymentMethod;
  operator: string;
  amountFen: number;
  orderCount: number;
  status: PaymentStatus;
}

export interface ReconciliationLine {
  key: string;
  payments: number;
  orders: number;
  totalFen: number;
}

export interface Reconciliation {
  byMethod: ReconciliationLine[];
  byOperator: ReconciliationLine[];
  total: ReconciliationLine;
  /** Voided and refunded payments, reported but excluded from every total above. */
  excluded: ReconciliationLine;
}

function add(map: Map<string, ReconciliationLine>, key: string, p: PaymentForReconciliation): void {
  const line = map.get(key) ?? { key, payments: 0, orders: 0, totalFen: 0 };
  line.payments += 1;
  line.orders += p.orderCount;
  line.totalFen += p.amountFen;
  map.set(key, line);
}

export function reconcile(payments: readonly PaymentForReconciliation[]): Reconciliation {
  const byMethod = new Map<string, ReconciliationLine>();
  const byOperator = new Map<string, ReconciliationLine>();
  const total = new Map<string, ReconciliationLine>();
  const excluded = new Map<string, ReconciliationLine>();
  for (const p of payments) {
    if (p.status !== 'valid') {
      add(excluded, 'excluded', p);
      continue;
    }
    add(byMethod, p.method, p);
    add(byOperator, p.operator, p);
    add(total, 'total', p);
  }
  const empty = (key: string): ReconciliationLine => ({ key, payments: 0, orders: 0, totalFen: 0 });
  return {
    // every method is listed, even with zero, so the day sheet always has the same rows
    byMethod: PAYMENT_METHODS.map((m) => byMethod.get(m) ?? empty(m)),
    byOperator: [...byOperator.values()].sort((a, b) => a.key.localeCompare(b.key, 'zh-CN')),
    total: total.get('total') ?? empty('total'),
    excluded: excluded.get('excluded') ?? empty('excluded'),
  };
}

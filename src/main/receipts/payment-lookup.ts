import { PAYMENT_METHOD_LABELS, type PaymentMethod } from '../../shared/domain/payment';
import type { OrderRepo } from '../orders';
import type { PaymentRepo } from '../payments';

// The payment currently covering an order, as documents need it, read through the records repositories.

export interface ActivePayment {
  id: string;
  method: PaymentMethod;
  scope: 'student' | 'class';
  /** This order's share: PaymentService allocates each order its fee, also within a class payment. */
  amountFen: number;
  reference: string | null;
  operator: string;
  createdAt: string;
}

/** 现金 / 微信支付 / 支付宝 / 学校统一支付, and 班级统一缴费 for a class payment (with how it was paid). */
export function paymentLabel(p: Pick<ActivePayment, 'method' | 'scope'>): string {
  if (p.scope === 'class' && p.method !== 'school') return `班级统一缴费（${PAYMENT_METHOD_LABELS[p.method]}）`;
  return PAYMENT_METHOD_LABELS[p.method];
}

export class PaymentLookup {
  constructor(
    private readonly payments: PaymentRepo,
    private readonly orders: OrderRepo,
  ) {}

  activeForOrder(orderId: string): ActivePayment | null {
    const id = this.payments.activePaymentOf(orderId);
    const p = id ? this.payments.get(id) : null;
    const order = this.orders.get(orderId);
    if (!p || p.status !== 'valid' || !order) return null;
    return {
      id: p.id,
      method: p.method,
      scope: p.scope,
      amountFen: order.fee_fen,
      reference: p.reference,
      operator: p.operator,
      createdAt: p.created_at,
    };
  }
}

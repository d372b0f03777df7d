import { z } from 'zod';
import { BusinessDay, Id, Operator } from './fields';
import { OrderView, PaymentMethod, PaymentView, ReconciliationLineView } from './views';
import { LIMITS } from '../domain/validators';

/** 收费 → 按班级: one class of the event (the roster's 班级; '' = 未分班) and its counts. */
export const ClassSummaryView = z.object({
  className: z.string(),
  students: z.number().int(),
  checkedIn: z.number().int(),
  paid: z.number().int(),
  unpaid: z.number().int(),
  photoPassed: z.number().int(),
  /** The orders a class payment charges (待支付, not paid). */
  orderIds: z.array(z.string()),
  /** Of those, the ones whose final photo passed 初审. */
  passedOrderIds: z.array(z.string()),
  /** Of those, the ones with no photo taken at all (未拍摄, not 未通过初审). */
  unphotographedOrderIds: z.array(z.string()),
});
export type ClassSummaryView = z.infer<typeof ClassSummaryView>;

export const paymentsContract = {
  /** One payment covering one student (scope student) or a class list (scope class); school-paid is method school. */
  'payments.record': {
    request: z.strictObject({
      eventId: Id,
      method: PaymentMethod,
      orderIds: z
        .array(Id, { error: '请选择要收费的订单' })
        .min(1, { error: '请选择要收费的订单' })
        .max(500, { error: '一次最多为 500 个订单收费' }),
      reference: z.string().trim().max(LIMITS.reference, { error: '交易单号过长' }).optional(),
      payerNote: z.string().trim().max(LIMITS.payerNote, { error: '备注过长' }).default(''),
      /** What the operator saw on screen; refused when it differs from fee × orders. */
      expectedAmountFen: z.number().int().min(0).optional(),
      operator: Operator,
      /** Charge orders whose final photo has not passed 初审: refused without this; the reason goes to the audit. */
      override: z
        .strictObject({
          reason: z
            .string({ error: '请填写先收费的原因' })
            .trim()
            .min(1, { error: '请填写先收费的原因' })
            .max(LIMITS.reason, { error: '原因过长' }),
        })
        .optional(),
    }),
    response: z.object({ payment: PaymentView, orders: z.array(OrderView) }),
  },
  'payments.void': {
    request: z.strictObject({
      paymentId: Id,
      kind: z.enum(['void', 'refund'], { error: '应为 void（作废）或 refund（退款）' }),
      reason: z
        .string({ error: '请填写作废/退款原因' })
        .trim()
        .min(1, { error: '请填写作废/退款原因' })
        .max(LIMITS.reason, { error: '原因过长' }),
      operator: Operator,
    }),
    response: z.object({ payment: PaymentView, orders: z.array(OrderView) }),
  },
  /** The event's classes for 按班级 (students / checked in / paid / unpaid / photo passed, chargeable orders). */
  'payments.classes': {
    request: z.strictObject({ eventId: Id }),
    response: z.object({ classes: z.array(ClassSummaryView) }),
  },
  'payments.list': {
    request: z.strictObject({ eventId: Id }),
    response: z.object({ payments: z.array(PaymentView) }),
  },
  /** End-of-day reconciliation (对账): counts and totals by method and operator, voided/refunded excluded. */
  'payments.reconcile': {
    request: z.strictObject({
      eventId: Id,
      /** Local day YYYY-MM-DD; all days of the event when omitted. */
      day: BusinessDay,
    }),
    response: z.object({
      eventId: z.string(),
      day: z.string().nullable(),
      byMethod: z.array(ReconciliationLineView),
      byOperator: z.array(ReconciliationLineView),
      total: ReconciliationLineView,
      excluded: ReconciliationLineView,
    }),
  },
} as const;

export const paymentsPush = {
  'payment.updated': PaymentView,
} as const;

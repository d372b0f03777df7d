import type { Req, Res } from '../../shared/contract';
import type { ClassSummaryView } from '../../shared/contract/payments';
import type { OrderView } from '../../shared/contract/views';
import { PAYMENT_METHOD_LABELS, referenceRequired, type PaymentMethod } from '../../shared/domain/payment';
import type { Problem } from '../components/problem';
import { t } from '../i18n/zh-CN/index';

// Pure rules of the 收费 page: what can be charged, what needs the 未初审先收费 override, the class list.

/** An order that may be charged at all: 待支付 and not paid yet. */
export function chargeable(o: OrderView): boolean {
  return o.state === 'pending_payment' && !o.paid;
}

/** Orders whose final photo has not passed 初审: charging them needs the operator's override with a reason. */
export function withoutPassingPhoto(orders: readonly OrderView[]): OrderView[] {
  return orders.filter((o) => o.finalPhotoSha256 === null);
}

/** The class list: every chargeable order of the event matching the filter (学号, 姓名, 订单号), oldest first. */
export function classCandidates(orders: readonly OrderView[], filter: string): OrderView[] {
  const q = filter.trim();
  return orders
    .filter(chargeable)
    .filter((o) => !q || [o.orderNo, o.name, o.nameMasked, o.studentNo, o.major].some((v) => v.includes(q)))
    .sort((a, b) => a.orderNo.localeCompare(b.orderNo));
}

/**
 * 按班级 with a class picked: the class list narrowed to that class's orders still to be charged (the class summary
 * names them); without a class, every candidate.
 */
export function classOrders(candidates: readonly OrderView[], picked: ClassSummaryView | null): OrderView[] {
  if (!picked) return [...candidates];
  const ids = new Set(picked.orderIds);
  return candidates.filter((o) => ids.has(o.id));
}

/** The class summary of the picked class name (null: none picked, or it is gone from the list). */
export function pickedClass(classes: readonly ClassSummaryView[], className: string | null): ClassSummaryView | null {
  return className === null ? null : (classes.find((c) => c.className === className) ?? null);
}

/** Where the focus goes after a class payment: the next class that still has someone to charge. */
export function nextClassToCharge(classes: readonly ClassSummaryView[], after: string | null): string | null {
  const open = classes.filter((c) => c.orderIds.length > 0);
  const at = after === null ? -1 : classes.findIndex((c) => c.className === after);
  return (open.find((c) => classes.indexOf(c) > at) ?? open[0])?.className ?? null;
}

/** Picked ids that are still chargeable (a push may have paid one in the meantime). */
export function stillPicked(picked: ReadonlySet<string>, candidates: readonly OrderView[]): string[] {
  const ok = new Set(candidates.map((o) => o.id));
  return [...picked].filter((id) => ok.has(id));
}

/** A pasted/scanned 付款码 or transaction number: spaces and line breaks from the scanner removed. */
export function normalizeReference(raw: string): string {
  return raw.replace(/\s+/g, '');
}

// ---- the 收费 page as a pure state machine (the page holds it with useReducer; components render it) ----

export type PaymentScope = 'self' | 'class';
export type Receipt = Res<'receipts.issue'>;

export interface PaymentState {
  scope: PaymentScope;
  method: PaymentMethod;
  /** 交易单号 as typed or scanned (normalised when sent). */
  reference: string;
  note: string;
  /** Class list: picked order ids and the list filter. */
  picked: ReadonlySet<string>;
  filter: string;
  /** 按班级: the class picked (its name; '' = 未分班), null = none. */
  className: string | null;
  busy: boolean;
  problem: Problem | null;
  /** 已收款 ¥… after a payment (until the next student or scope change). */
  notice: string | null;
  /** The order just paid for (its receipt box stays until the next student). */
  paidOrderId: string | null;
  receipt: Receipt | null;
  /** The 未初审先收费 dialog is open. */
  askOverride: boolean;
}

export const initialPayment: PaymentState = {
  scope: 'self',
  method: 'cash',
  reference: '',
  note: '',
  picked: new Set(),
  filter: '',
  className: null,
  busy: false,
  problem: null,
  notice: null,
  paidOrderId: null,
  receipt: null,
  askOverride: false,
};

export type PaymentAction =
  | { type: 'scope'; scope: PaymentScope }
  | { type: 'method'; method: PaymentMethod }
  | { type: 'reference'; value: string }
  | { type: 'note'; value: string }
  | { type: 'filter'; value: string }
  | { type: 'toggle'; id: string }
  | { type: 'pickAll'; ids: readonly string[] }
  /** 按班级: a class picked, with the orders to charge (all its unpaid ones, or only those whose photo passed). */
  | { type: 'pickClass'; className: string; ids: readonly string[] }
  /** A new current student (or none): the previous payment's notice, receipt and problem go. */
  | { type: 'orderChanged' }
  | { type: 'problem'; problem: Problem | null }
  | { type: 'askOverride' }
  | { type: 'cancelOverride' }
  | { type: 'sending' }
  | { type: 'paid'; notice: string; orderId: string | null }
  | { type: 'failed'; problem: Problem }
  | { type: 'receipt'; receipt: Receipt }
  | { type: 'settled' };

export function paymentReducer(s: PaymentState, a: PaymentAction): PaymentState {
  switch (a.type) {
    case 'scope':
      return { ...s, scope: a.scope, problem: null, notice: null, className: null, picked: new Set() };
    case 'method':
      return { ...s, method: a.method, problem: null };
    case 'reference':
      return { ...s, reference: a.value, problem: null };
    case 'note':
      return { ...s, note: a.value };
    case 'filter':
      return { ...s, filter: a.value };
    case 'toggle': {
      const picked = new Set(s.picked);
      if (picked.has(a.id)) picked.delete(a.id);
      else picked.add(a.id);
      return { ...s, picked };
    }
    case 'pickAll':
      return { ...s, picked: new Set(a.ids) };
    case 'pickClass':
      return { ...s, className: a.className, picked: new Set(a.ids), filter: '', problem: null, notice: null };
    case 'orderChanged':
      return { ...s, receipt: null, paidOrderId: null, notice: null, problem: null };
    case 'problem':
      return { ...s, problem: a.problem };
    case 'askOverride':
      return { ...s, askOverride: true };
    case 'cancelOverride':
      return { ...s, askOverride: false, problem: null };
    case 'sending':
      return { ...s, busy: true, problem: null, notice: null };
    case 'paid':
      return {
        ...s,
        askOverride: false,
        notice: a.notice,
        reference: '',
        picked: new Set(),
        className: null,
        paidOrderId: a.orderId ?? s.paidOrderId,
      };
    case 'failed':
      // the server asks for the override reason (a photo changed meanwhile): open the dialog with its message
      return {
        ...s,
        busy: false,
        problem: a.problem,
        askOverride: s.askOverride || Boolean(a.problem.fields.override),
      };
    case 'receipt':
      return { ...s, receipt: a.receipt };
    case 'settled':
      return { ...s, busy: false };
  }
}

/** What 确认收款 charges: the current student when chargeable, or the picked orders still in the class list. */
export function selectedOrders(
  s: Pick<PaymentState, 'scope' | 'picked'>,
  order: OrderView | null,
  candidates: readonly OrderView[],
): OrderView[] {
  if (s.scope === 'self') return order && chargeable(order) ? [order] : [];
  const ids = new Set(stillPicked(s.picked, candidates));
  return candidates.filter((o) => ids.has(o.id));
}

/** The form is shown for the class list, or for a current student who still has to pay. */
export function showsPaymentForm(scope: PaymentScope, order: OrderView | null): boolean {
  return scope === 'class' || (order !== null && chargeable(order));
}

/** Whose receipt the receipt box prints: the order just paid, else a current student who has paid already. */
export function receiptOrderId(s: Pick<PaymentState, 'paidOrderId'>, order: OrderView | null): string | null {
  return s.paidOrderId ?? (order?.paid ? order.id : null);
}

export type CollectStep =
  /** Nothing selected: 确认收款 does nothing. */
  | { kind: 'nothing' }
  /** Refused before sending; `focusReference`: the 交易单号 field is what is missing. */
  | { kind: 'problem'; problem: Problem; focusReference?: boolean }
  /** Money follows the photo: ask for the 未初审先收费 reason first instead of letting the server refuse. */
  | { kind: 'askOverride' }
  | { kind: 'send'; request: Req<'payments.record'> };

/** What pressing 确认收款 (F4, Enter in the reference field) does now. */
export function collectStep(
  s: Pick<PaymentState, 'method' | 'reference' | 'note'>,
  ctx: {
    eventId: string | null;
    operator: string;
    selected: readonly OrderView[];
    amountFen: number;
    overrideReason?: string;
  },
): CollectStep {
  const fail = (message: string): CollectStep => ({
    kind: 'problem',
    problem: { message, fields: {}, code: 'internal' },
  });
  if (!ctx.eventId) return fail(t.station.needEvent);
  if (!ctx.operator.trim()) return fail(t.station.needOperator);
  if (ctx.selected.length === 0) return { kind: 'nothing' };
  const ref = normalizeReference(s.reference);
  if (referenceRequired(s.method) && !ref) {
    const message = t.payment.referenceMissing(PAYMENT_METHOD_LABELS[s.method]);
    return {
      kind: 'problem',
      problem: { message, fields: { reference: message }, code: 'invalid_request' },
      focusReference: true,
    };
  }
  if (withoutPassingPhoto(ctx.selected).length > 0 && !ctx.overrideReason) return { kind: 'askOverride' };
  return {
    kind: 'send',
    request: {
      eventId: ctx.eventId,
      method: s.method,
      orderIds: ctx.selected.map((o) => o.id),
      reference: referenceRequired(s.method) ? ref : undefined,
      payerNote: s.note,
      expectedAmountFen: ctx.amountFen,
      operator: ctx.operator,
      override: ctx.overrideReason ? { reason: ctx.overrideReason } : undefined,
    },
  };
}

import type { Req, Res } from '../../shared/contract';
import type { ClassSummaryView } from '../../shared/contract/payments';
import type { OrderView } from '../../shared/contract/views';
import { PAYMENT_METHOD_LABELS, referenceRequired, type PaymentMethod } from '../../shared/domain/payment';
import { screenName } from '../../shared/domain/masking';
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

/**
 * One rule for 按班级's labels. A class: 收本班 while someone checked in is still to be charged, 无人签到 when nobody
 * has checked in yet (nothing was collected), else 已收齐 (everyone checked in has paid).
 */
export function classStatus(c: Pick<ClassSummaryView, 'orderIds' | 'checkedIn'>): 'charge' | 'nobody' | 'done' {
  if (c.orderIds.length > 0) return 'charge';
  return c.checkedIn === 0 ? 'nobody' : 'done';
}

/** An order's photo: 初审合格, 未通过初审 (photographed, not passed), or 未拍摄 (no photo taken at all). */
export function photoStatus(
  o: Pick<OrderView, 'id' | 'finalPhotoSha256'>,
  unphotographed: ReadonlySet<string>,
): 'passed' | 'failed' | 'none' {
  if (o.finalPhotoSha256) return 'passed';
  return unphotographed.has(o.id) ? 'none' : 'failed';
}

/** The orders of the event with no photo at all, from the class summaries. */
export function unphotographedIds(classes: readonly ClassSummaryView[]): Set<string> {
  return new Set(classes.flatMap((c) => c.unphotographedOrderIds));
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

/**
 * Whose receipt(s) the receipt box prints, named on screen before printing: the orders of the payment just made
 * (本人: one; 按班级: every order of that class payment, one receipt each — each order's share, 班级统一缴费), or
 * the current student who has paid already.
 */
export interface ReceiptTarget {
  orderIds: string[];
  /** 张*（S1-…-0001）, or for a class payment 2021级1班 · 2 人：张*、李* */
  who: string;
  /** 现金 / 微信支付 · 交易单号 … (null: a student who paid earlier, the receipt says how) */
  how: string | null;
}

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
  /** The payment just made, whose receipt(s) the box prints (stays until the next student or a scope change). */
  paid: ReceiptTarget | null;
  /** The receipts issued for `paid` (or for the current student), one per order. */
  receipts: Receipt[];
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
  paid: null,
  receipts: [],
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
  | { type: 'paid'; notice: string; target: ReceiptTarget }
  | { type: 'failed'; problem: Problem }
  /** Receipts issued for these orders (ignored when the box names other orders meanwhile). */
  | { type: 'receipts'; orderIds: readonly string[]; receipts: Receipt[] }
  | { type: 'settled' };

export function paymentReducer(s: PaymentState, a: PaymentAction): PaymentState {
  switch (a.type) {
    case 'scope':
      // the other tab's payment and its receipts go: the box never offers a payment the tab did not make
      return {
        ...s,
        scope: a.scope,
        problem: null,
        notice: null,
        className: null,
        picked: new Set(),
        paid: null,
        receipts: [],
      };
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
      return { ...s, receipts: [], paid: null, notice: null, problem: null };
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
        // the payment just made replaces any earlier one, and its receipts start afresh
        paid: a.target,
        receipts: [],
      };
    case 'failed':
      // the server asks for the override reason (a photo changed meanwhile): open the dialog with its message
      return {
        ...s,
        busy: false,
        problem: a.problem,
        askOverride: s.askOverride || Boolean(a.problem.fields.override),
      };
    case 'receipts':
      return sameIds(a.orderIds, s.paid?.orderIds ?? a.orderIds) ? { ...s, receipts: a.receipts } : s;
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

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/** 张*（S1-…-0001） */
export function orderLabel(o: Pick<OrderView, 'name' | 'nameMasked' | 'orderNo'>): string {
  return `${screenName(o)}（${o.orderNo}）`;
}

/** The receipt target of a payment just recorded: the orders it covers, who they are, how it was paid. */
export function paidTarget(
  r: { payment: { method: PaymentMethod; reference: string | null }; orders: readonly OrderView[] },
  className: string | null,
): ReceiptTarget {
  const names = r.orders.map(orderLabel);
  const shown = names.slice(0, 5).join('、') + (names.length > 5 ? ' 等' : '');
  const who =
    className === null && r.orders.length === 1
      ? names[0]!
      : t.payment.receiptClass(className === null ? null : className || t.payment.noClass, r.orders.length, shown);
  const how =
    PAYMENT_METHOD_LABELS[r.payment.method] +
    (r.payment.reference ? ` · ${t.payment.reference} ${r.payment.reference}` : '');
  return { orderIds: r.orders.map((o) => o.id), who, how };
}

/**
 * Whose receipt the receipt box prints: the payment just made on this tab, else (本人) a current student who has
 * paid already; 按班级 without a payment made there: none.
 */
export function receiptTarget(s: Pick<PaymentState, 'paid' | 'scope'>, order: OrderView | null): ReceiptTarget | null {
  if (s.paid) return s.paid;
  if (s.scope === 'self' && order?.paid) return { orderIds: [order.id], who: orderLabel(order), how: null };
  return null;
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

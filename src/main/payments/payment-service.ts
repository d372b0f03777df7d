import { randomUUID } from 'node:crypto';
import { businessDay } from '../../shared/domain/business-time';
import { ApiError } from '../../shared/api-error';
import { formatFen } from '../../shared/domain/event';
import {
  PAYMENT_METHOD_LABELS,
  PAYMENT_STATUS_LABELS,
  reconcile,
  referenceRequired,
  type PaymentMethod,
} from '../../shared/domain/payment';
import type { OrderView, PaymentView } from '../../shared/contract/views';
import type { PushBus } from '../kernel/push-bus';
import type { Db } from '../db/open';
import type { EventRepo } from '../events';
import type { OrderService } from '../orders';
import type { OutboxRepo } from '../outbox';
import type { PaymentRepo, PaymentRow } from './payment-repo';
import { classSummaries, type ClassSummary } from './class-summary';

export interface RecordPaymentInput {
  eventId: string;
  method: PaymentMethod;
  orderIds: string[];
  reference?: string;
  payerNote: string;
  expectedAmountFen?: number;
  operator: string;
  /** Charge although the final photo has not passed 初审 (yet): the operator's reason, kept in each order's audit. */
  override?: { reason: string };
}

/** Business day of an ISO timestamp (China time, like the receipts), for the end-of-day reconciliation. */
export function localDay(iso: string): string {
  return businessDay(iso);
}

/** Why orders without a passing final photo are not charged (and what the operator can do). */
function notYetPassed(orderNos: string[]): string {
  const which =
    orderNos.length === 1
      ? `订单 ${orderNos[0]!} 的照片`
      : `${orderNos.length} 个订单（${orderNos.slice(0, 3).join('、')}${orderNos.length > 3 ? '…' : ''}）的照片`;
  return `${which}尚未通过初审，不能收费：请先拍摄合格照片，或选择“未初审先收费”并填写原因`;
}

export class PaymentService {
  constructor(
    private readonly db: Db,
    readonly repo: PaymentRepo,
    private readonly events: EventRepo,
    private readonly orders: OrderService,
    private readonly outbox: OutboxRepo,
    private readonly bus: PushBus,
    private readonly now: () => Date,
  ) {}

  /** One payment for one order, or one class/school payment for a list: fee × orders, all or nothing. */
  record(input: RecordPaymentInput): { payment: PaymentView; orders: OrderView[] } {
    const event = this.events.get(input.eventId);
    if (!event) throw new ApiError('not_found', '采集活动不存在', 'eventId');
    const ids = [...new Set(input.orderIds)];
    if (ids.length !== input.orderIds.length)
      throw new ApiError('invalid_request', '订单列表中有重复的订单', 'orderIds');
    const reference = input.reference?.trim() || null;
    if (referenceRequired(input.method) && !reference)
      throw new ApiError('invalid_request', `${PAYMENT_METHOD_LABELS[input.method]}须填写交易单号`, 'reference');
    if (reference && !/^[A-Za-z0-9_-]{4,64}$/.test(reference))
      throw new ApiError('invalid_request', '交易单号只能包含字母、数字、-、_（4–64 位）', 'reference');
    const row: PaymentRow = {
      id: randomUUID(),
      event_id: event.id,
      method: input.method,
      scope: ids.length > 1 ? 'class' : 'student',
      amount_fen: 0,
      reference,
      payer_note: input.payerNote,
      operator: input.operator,
      created_at: this.now().toISOString(),
      status: 'valid',
      void_reason: null,
      voided_by: null,
      voided_at: null,
    };
    this.db
      .transaction(() => {
        if (reference && this.repo.findByReference(input.method, reference))
          throw new ApiError('conflict', `交易单号 ${reference} 已登记过，不能重复收费`, 'reference');
        const allocations = ids.map((orderId) => {
          const order = this.orders.repo.get(orderId);
          if (!order || order.event_id !== event.id)
            throw new ApiError('not_found', '订单不存在或不属于本次采集活动', 'orderIds');
          if (order.paid === 1)
            throw new ApiError('conflict', `订单 ${order.order_no} 已付款，不能重复收费`, 'orderIds');
          if (order.state !== 'pending_payment')
            throw new ApiError('conflict', `订单 ${order.order_no} 不在“待支付”状态`, 'orderIds');
          return { orderId, amountFen: order.fee_fen, order };
        });
        row.amount_fen = allocations.reduce((s, a) => s + a.amountFen, 0);
        if (input.expectedAmountFen !== undefined && input.expectedAmountFen !== row.amount_fen)
          throw new ApiError(
            'conflict',
            `应收金额为 ${formatFen(row.amount_fen)} 元，与界面显示的 ${formatFen(input.expectedAmountFen)} 元不一致，请刷新后重试`,
            'expectedAmountFen',
          );
        // Money follows the photo: no charge before a final photo has passed 初审, unless the operator says why.
        const unphotographed = allocations.filter((a) => !a.order.final_sha256);
        const overrideReason = input.override?.reason.trim() ?? '';
        if (unphotographed.length > 0 && !overrideReason)
          throw new ApiError('conflict', notYetPassed(unphotographed.map((u) => u.order.order_no)), 'override');
        this.repo.insert(
          row,
          allocations.map(({ orderId, amountFen }) => ({ orderId, amountFen })),
        );
        this.outbox.add('payment.upsert', row.id, { paymentId: row.id, status: 'valid', orderIds: ids });
        for (const a of unphotographed) {
          this.orders.repo.addTransition({
            orderId: a.orderId,
            action: 'pay_override',
            from: a.order.state,
            to: a.order.state,
            reason: `未初审先收费：${overrideReason}`,
            actor: input.operator,
            at: row.created_at,
          });
        }
        for (const id of ids) this.orders.submitIfReadyInTx(id, input.operator);
      })
      .immediate();
    return this.publish(row.id);
  }

  /** Void (entered by mistake) or refund (money returned): the orders go back to 待支付 if not yet reviewed. */
  cancel(paymentId: string, kind: 'void' | 'refund', reason: string, operator: string) {
    this.db
      .transaction(() => {
        const p = this.repo.get(paymentId);
        if (!p) throw new ApiError('not_found', '付款记录不存在', 'paymentId');
        if (p.status !== 'valid')
          throw new ApiError('conflict', `该付款已${PAYMENT_STATUS_LABELS[p.status].replace('已', '')}，不能再次操作`);
        const orderIds = this.repo.orderIds(paymentId);
        for (const id of orderIds) {
          const o = this.orders.repo.get(id)!;
          if (o.state !== 'pending_payment' && o.state !== 'pending_review')
            throw new ApiError('conflict', `订单 ${o.order_no} 已审核，不能作废或退款`);
        }
        const at = this.now().toISOString();
        this.repo.setStatus(paymentId, kind === 'void' ? 'voided' : 'refunded', reason, operator, at);
        const why = `${kind === 'void' ? '作废付款' : '退款'}：${reason}`;
        for (const id of orderIds) {
          const o = this.orders.repo.get(id)!;
          if (o.state === 'pending_review') this.orders.applyInTx(id, 'unpay', operator, why);
          // still 待支付 (charged before 初审): the order's audit says the money went back all the same
          else
            this.orders.repo.addTransition({
              orderId: id,
              action: kind === 'void' ? 'payment_void' : 'payment_refund',
              from: o.state,
              to: o.state,
              reason: why,
              actor: operator,
              at,
            });
        }
        this.outbox.add('payment.upsert', paymentId, { paymentId, status: kind === 'void' ? 'voided' : 'refunded' });
      })
      .immediate();
    return this.publish(paymentId);
  }

  private publish(paymentId: string): { payment: PaymentView; orders: OrderView[] } {
    const payment = this.repo.toView(this.repo.get(paymentId)!);
    this.bus.emit({ name: 'payment.updated', data: payment });
    const orders = payment.orderIds.map((id) => this.orders.publish(id));
    return { payment, orders };
  }

  /** 按班级: the event's classes (roster 班级) with students, checked in, paid, unpaid, photo passed. */
  classes(eventId: string): ClassSummary[] {
    if (!this.events.get(eventId)) throw new ApiError('not_found', '采集活动不存在', 'eventId');
    const { rows } = this.orders.repo.list({ eventId, limit: 1_000_000, offset: 0 });
    const photographed = this.repo.photographedOrders(eventId);
    const orders = rows.reverse().map((o) => ({
      id: o.id,
      rosterEntryId: o.roster_entry_id,
      studentNo: o.student_no,
      collectionCode: o.collection_code,
      chargeable: o.state === 'pending_payment' && o.paid !== 1,
      paid: o.paid === 1,
      photoPassed: o.final_sha256 !== null,
      photographed: photographed.has(o.id),
    }));
    return classSummaries(this.repo.classMembers(eventId), orders);
  }

  list(eventId: string): PaymentView[] {
    return this.repo.listByEvent(eventId).map((r) => this.repo.toView(r));
  }

  reconcile(eventId: string, day?: string) {
    if (!this.events.get(eventId)) throw new ApiError('not_found', '采集活动不存在', 'eventId');
    const rows = this.repo.listByEvent(eventId).filter((r) => !day || localDay(r.created_at) === day);
    const result = reconcile(
      rows.map((r) => ({
        method: r.method,
        operator: r.operator,
        amountFen: r.amount_fen,
        orderCount: this.repo.orderIds(r.id).length,
        status: r.status,
      })),
    );
    const label = (key: string) => PAYMENT_METHOD_LABELS[key as PaymentMethod] ?? key;
    return {
      eventId,
      day: day ?? null,
      byMethod: result.byMethod.map((l) => ({ ...l, label: label(l.key) })),
      byOperator: result.byOperator.map((l) => ({ ...l, label: l.key })),
      total: { ...result.total, label: '合计' },
      excluded: { ...result.excluded, label: '已作废/已退款（不计入合计）' },
    };
  }
}

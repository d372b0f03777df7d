import { ApiError } from '../../shared/api-error';
import { transition, type OrderAction, type OrderState } from '../../shared/domain/order-state';
import type { OrderView } from '../../shared/contract/views';
import type { PushBus } from '../kernel/push-bus';
import type { Db } from '../db/open';
import type { OutboxRepo } from '../outbox';
import type { OrderRepo } from './order-repo';
import { toOrderView, type OrderRow } from './order-row';

/**
 * Every order state change: the state machine decides, the audit row (who, when, from, to, why) and the
 * outbox row are written in the same transaction as the change, the UI is told after the commit.
 */
export class OrderService {
  constructor(
    private readonly db: Db,
    readonly repo: OrderRepo,
    private readonly outbox: OutboxRepo,
    private readonly bus: PushBus,
    private readonly now: () => Date,
  ) {}

  /** Insert a new order in 待支付 (call inside a transaction). */
  createInTx(row: OrderRow): void {
    this.repo.insert(row);
    this.repo.addTransition({
      orderId: row.id,
      action: 'checkin',
      from: null,
      to: row.state,
      reason: '',
      actor: row.created_by,
      at: row.created_at,
    });
    this.outbox.add('order.upsert', row.id, { orderId: row.id, orderNo: row.order_no, state: row.state });
  }

  /** Apply an action inside the caller's transaction; throws a Chinese ApiError when it is not allowed. */
  applyInTx(orderId: string, action: OrderAction, actor: string, reason = ''): OrderState {
    const order = this.repo.get(orderId);
    if (!order) throw new ApiError('not_found', '订单不存在', 'orderId');
    const result = transition(
      order.state,
      action,
      { paid: order.paid === 1, hasFinalPhoto: !!order.final_sha256 },
      reason,
    );
    if (!result.ok) throw new ApiError('conflict', result.reason);
    const at = this.now().toISOString();
    this.repo.setState(orderId, result.to, result.to === 'rejected' ? reason.trim() : null, at);
    this.repo.addTransition({ orderId, action, from: order.state, to: result.to, reason: reason.trim(), actor, at });
    this.outbox.add('order.transition', orderId, {
      orderId,
      orderNo: order.order_no,
      action,
      from: order.state,
      to: result.to,
      reason: reason.trim(),
      actor,
      at,
    });
    return result.to;
  }

  /** 待支付 → 待审核 once the order is both paid and has a final photo; a no-op otherwise. */
  submitIfReadyInTx(orderId: string, actor: string): boolean {
    const order = this.repo.get(orderId);
    if (!order || order.state !== 'pending_payment' || order.paid !== 1 || !order.final_sha256) return false;
    this.applyInTx(orderId, 'submit', actor);
    return true;
  }

  apply(orderId: string, action: OrderAction, actor: string, reason = ''): OrderView {
    this.db.transaction(() => this.applyInTx(orderId, action, actor, reason)).immediate();
    return this.publish(orderId);
  }

  updateShipping(orderId: string, region: string, address: string, actor: string): OrderView {
    this.db
      .transaction(() => {
        const order = this.repo.get(orderId);
        if (!order) throw new ApiError('not_found', '订单不存在', 'orderId');
        const at = this.now().toISOString();
        this.repo.setShipping(orderId, region, address, at);
        this.outbox.add('order.upsert', orderId, { orderId, orderNo: order.order_no, state: order.state, actor });
      })
      .immediate();
    return this.publish(orderId);
  }

  view(orderId: string): OrderView {
    const row = this.repo.get(orderId);
    if (!row) throw new ApiError('not_found', '订单不存在', 'orderId');
    return toOrderView(row);
  }

  /** Read the committed order and tell every UI. */
  publish(orderId: string): OrderView {
    const view = this.view(orderId);
    this.bus.emit({ name: 'order.updated', data: view });
    return view;
  }
}

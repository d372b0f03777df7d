import type { Kysely } from 'kysely';
import type { OrderSnapshot } from '../../shared/central';
import { ORDER_STATE_LABELS, type OrderState } from '../../shared/domain/order-state';
import type { CentralDatabase } from '../db/schema';

// The student status page (like 我的订单 in the seeds): order number + last 4 of the 证件号 → state,
// rejection reason and what to do. Nothing else about the student is shown. Rate-limited per address.

export interface StudentStatus {
  orderNo: string;
  state: OrderState;
  stateLabel: string;
  rejectReason: string | null;
  advice: string;
}

/** What the student should do next, per state (pure). */
export function adviceFor(state: OrderState): string {
  switch (state) {
    case 'pending_payment':
      return '订单尚未付款：请到采集现场完成缴费。';
    case 'pending_review':
      return '照片已提交，正在等待人工审核，请耐心等待。';
    case 'collecting':
      return '重新拍摄的照片已提交，正在等待再次审核。';
    case 'approved':
      return '审核已通过，照片待制作，无需其他操作。';
    case 'done':
      return '采集已完成。';
    case 'rejected':
      return '审核未通过：请按驳回原因整理仪容后，回到采集现场重新拍摄。';
  }
}

export async function studentStatus(
  db: Kysely<CentralDatabase>,
  orderNo: string,
  idLast4: string,
): Promise<StudentStatus | null> {
  const no = orderNo.trim().toUpperCase();
  const last4 = idLast4.trim().toUpperCase();
  if (!/^[0-9X]{4}$/.test(last4) || !no || no.length > 40) return null;
  const row = await db
    .selectFrom('orders')
    .select(['snapshot_json', 'id_last4', 'uuid', 'final_photo_sha256', 'reviewed_photo_sha256', 'done_at'])
    .where('order_no', '=', no)
    .executeTakeFirst();
  if (!row || row.id_last4.toUpperCase() !== last4) return null;
  const s = JSON.parse(row.snapshot_json) as OrderSnapshot;
  let state = s.state;
  let reason = s.rejectReason;
  // a decision on the current photo that the station has not applied yet is already the student's news
  const waiting = s.state === 'pending_review' || s.state === 'collecting';
  if (waiting && row.final_photo_sha256 !== null && row.reviewed_photo_sha256 === row.final_photo_sha256) {
    const latest = await db
      .selectFrom('reviews')
      .select(['decision', 'reason'])
      .where('order_uuid', '=', row.uuid)
      .where('decision', 'in', ['approved', 'rejected'])
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (latest?.decision === 'rejected') {
      state = 'rejected';
      reason = latest.reason;
    } else if (latest?.decision === 'approved') state = 'approved';
  }
  if (s.state === 'approved' && row.done_at) state = 'done';
  return {
    orderNo: s.orderNo,
    state,
    stateLabel: ORDER_STATE_LABELS[state],
    rejectReason: state === 'rejected' ? reason : null,
    advice: adviceFor(state),
  };
}

/** Fixed-window counter per key (client address): `allow` is false past `max` tries per window. */
export class RateLimiter {
  private readonly hits = new Map<string, { start: number; n: number }>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  allow(key: string): boolean {
    const t = this.now();
    const h = this.hits.get(key);
    if (!h || t - h.start >= this.windowMs) {
      this.hits.set(key, { start: t, n: 1 });
      if (this.hits.size > 10_000) this.prune(t);
      return true;
    }
    h.n++;
    return h.n <= this.max;
  }

  private prune(t: number) {
    for (const [k, h] of this.hits) if (t - h.start >= this.windowMs) this.hits.delete(k);
  }
}

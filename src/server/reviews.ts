import type { Kysely } from 'kysely';
import {
  REVIEWS_MAX_LIMIT,
  rejectReasonLabel,
  type RejectReasonCode,
  type ReviewDecision,
  type ReviewDecisionKind,
  type ReviewsPage,
} from '../shared/central';
import type { OrderState } from '../shared/domain/order-state';
import type { CentralDatabase } from './db/schema';
import type { Clock } from './clock';

// Review decisions: every decision is one row (the audit trail) and the stream the stations read by
// cursor (the row id: strictly increasing, so the order is stable).

export class ReviewError extends Error {
  constructor(
    readonly code: 'not_found' | 'invalid_request' | 'conflict',
    message: string,
  ) {
    super(message);
  }
}

export interface DecideInput {
  orderUuid: string;
  decision: ReviewDecisionKind;
  reasonCode?: RejectReasonCode | null;
  reasonText?: string;
  reviewer: string;
}

export interface ReviewFacts {
  state: OrderState;
  finalPhotoSha256: string | null;
  reviewedPhotoSha256: string | null;
  done: boolean;
}

/** Waiting for review: 待审核/采集中 with a final photo nobody has decided on yet (pure). */
export function waitsForReview(f: ReviewFacts): boolean {
  return (
    (f.state === 'pending_review' || f.state === 'collecting') &&
    f.finalPhotoSha256 !== null &&
    f.finalPhotoSha256 !== f.reviewedPhotoSha256
  );
}

/** Which decisions the order can take now (pure). 采集完成 once the station reports 待制作. */
export function allowedDecisions(f: ReviewFacts): ReviewDecisionKind[] {
  const out: ReviewDecisionKind[] = [];
  if (waitsForReview(f)) out.push('approved', 'rejected');
  if (f.state === 'approved' && !f.done) out.push('done');
  return out;
}

/** 驳回原因 text the station shows: the reason's label, then the reviewer's own words. */
export function reasonText(code: RejectReasonCode | null, text: string): string {
  const t = text.trim();
  if (!code) return t;
  const label = rejectReasonLabel(code);
  return t ? `${label}：${t}` : label;
}

export class ReviewStore {
  /** Called after each committed decision (e-mail notifications). */
  onDecision: ((d: ReviewDecision) => void) | null = null;

  constructor(
    private readonly db: Kysely<CentralDatabase>,
    private readonly now: Clock,
  ) {}

  async decide(input: DecideInput): Promise<ReviewDecision> {
    const d = await this.record(input);
    this.onDecision?.(d);
    return d;
  }

  private async record(input: DecideInput): Promise<ReviewDecision> {
    const reviewer = input.reviewer.trim();
    if (!reviewer) throw new ReviewError('invalid_request', '缺少审核人');
    const code = input.decision === 'rejected' ? (input.reasonCode ?? null) : null;
    if (input.decision === 'rejected' && !code) throw new ReviewError('invalid_request', '驳回时须选择驳回原因');
    const text = input.decision === 'rejected' ? (input.reasonText ?? '').trim().slice(0, 200) : '';
    if (code === 'other' && !text) throw new ReviewError('invalid_request', '选择「其他」时须填写驳回说明');
    return this.db.transaction().execute(async (tx) => {
      const order = await tx
        .selectFrom('orders')
        .select([
          'uuid',
          'station_id',
          'order_no',
          'revision',
          'state',
          'final_photo_sha256',
          'reviewed_photo_sha256',
          'done_at',
        ])
        .where('uuid', '=', input.orderUuid)
        .executeTakeFirst();
      if (!order) throw new ReviewError('not_found', '订单不存在');
      const allowed = allowedDecisions({
        state: order.state as OrderState,
        finalPhotoSha256: order.final_photo_sha256,
        reviewedPhotoSha256: order.reviewed_photo_sha256,
        done: order.done_at !== null,
      });
      if (!allowed.includes(input.decision))
        throw new ReviewError('conflict', '订单当前状态不能做此审核（可能已被他人审核）');
      const at = this.now().toISOString();
      // Claim the order in one conditional UPDATE: a second reviewer racing on it matches no row.
      const base = tx.updateTable('orders').where('uuid', '=', order.uuid).where('revision', '=', order.revision);
      const claimed =
        input.decision === 'done'
          ? await base.set({ done_at: at }).where('done_at', 'is', null).executeTakeFirst()
          : await base
              .set({ reviewed_photo_sha256: order.final_photo_sha256 })
              .where((eb) =>
                eb.or([
                  eb('reviewed_photo_sha256', 'is', null),
                  eb('reviewed_photo_sha256', '<>', eb.ref('final_photo_sha256')),
                ]),
              )
              .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) throw new ReviewError('conflict', '订单已被他人审核');
      const reason = reasonText(code, text);
      const row = await tx
        .insertInto('reviews')
        .values({
          order_uuid: order.uuid,
          station_id: order.station_id,
          revision: order.revision,
          decision: input.decision,
          reason_code: code,
          reason,
          reviewer,
          decided_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return {
        cursor: String(row.id),
        orderUuid: order.uuid,
        orderNo: order.order_no,
        revision: order.revision,
        decision: input.decision,
        reasonCode: code,
        reason,
        reviewer,
        decidedAt: at,
      };
    });
  }

  async page(stationId: number, cursor: string, limit: number): Promise<ReviewsPage> {
    const after = Number(cursor);
    const n = Math.min(Math.max(limit, 1), REVIEWS_MAX_LIMIT);
    const rows = await this.db
      .selectFrom('reviews')
      .innerJoin('orders', 'orders.uuid', 'reviews.order_uuid')
      .select([
        'reviews.id',
        'reviews.order_uuid',
        'orders.order_no',
        'reviews.revision',
        'reviews.decision',
        'reviews.reason_code',
        'reviews.reason',
        'reviews.reviewer',
        'reviews.decided_at',
      ])
      .where('reviews.station_id', '=', stationId)
      .where('reviews.id', '>', after)
      .orderBy('reviews.id')
      .limit(n + 1)
      .execute();
    const page = rows.slice(0, n).map((r): ReviewDecision => ({
      cursor: String(r.id),
      orderUuid: r.order_uuid,
      orderNo: r.order_no,
      revision: r.revision,
      decision: r.decision as ReviewDecisionKind,
      reasonCode: r.reason_code as RejectReasonCode | null,
      reason: r.reason,
      reviewer: r.reviewer,
      decidedAt: r.decided_at,
    }));
    return {
      reviews: page,
      nextCursor: page.length ? page[page.length - 1]!.cursor : String(after),
      hasMore: rows.length > n,
    };
  }

  /** Every decision on one order, oldest first (the audit trail). */
  async history(orderUuid: string) {
    return this.db.selectFrom('reviews').selectAll().where('order_uuid', '=', orderUuid).orderBy('id').execute();
  }
}

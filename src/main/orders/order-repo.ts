import type { Db } from '../db/open';
import type { OrderState } from '../../shared/domain/order-state';
import type { TransitionView } from '../../shared/contract/views';
import { ORDER_SELECT, type OrderRow, type OrderRowWithFacts } from './order-row';

export interface OrderFilter {
  eventId?: string;
  state?: OrderState;
  /** 学号 / 订单号 prefix or exact 采集码 (ASCII input), else a substring of the name. */
  query?: string;
  limit: number;
  offset: number;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Plain data access for orders and their audit trail; state rules live in OrderService. */
export class OrderRepo {
  constructor(private readonly db: Db) {}

  insert(row: OrderRow): void {
    const cols = Object.keys(row);
    this.db.prepare(`INSERT INTO orders (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})`).run(row);
  }

  nextSeq(orderDay: string): number {
    const r = this.db.prepare('SELECT max(seq) AS m FROM orders WHERE order_day = ?').get(orderDay) as {
      m: number | null;
    };
    return (r.m ?? 0) + 1;
  }

  get(id: string): OrderRowWithFacts | null {
    return (this.db.prepare(`${ORDER_SELECT} WHERE o.id = ?`).get(id) as OrderRowWithFacts | undefined) ?? null;
  }

  getByOrderNo(orderNo: string): OrderRowWithFacts | null {
    return (
      (this.db.prepare(`${ORDER_SELECT} WHERE o.order_no = ?`).get(orderNo) as OrderRowWithFacts | undefined) ?? null
    );
  }

  /** The existing order of this student in this event (same 学号 or same 采集码). */
  findStudent(eventId: string, studentNo: string, collectionCode: string | null): OrderRowWithFacts | null {
    const row = this.db
      .prepare(
        `${ORDER_SELECT} WHERE o.event_id = @eventId AND (o.student_no = @studentNo
           OR (@code IS NOT NULL AND o.collection_code = @code)) LIMIT 1`,
      )
      .get({ eventId, studentNo, code: collectionCode }) as OrderRowWithFacts | undefined;
    return row ?? null;
  }

  list(filter: OrderFilter): { rows: OrderRowWithFacts[]; total: number } {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: filter.limit, offset: filter.offset };
    if (filter.eventId) {
      where.push('o.event_id = @eventId');
      params.eventId = filter.eventId;
    }
    if (filter.state) {
      where.push('o.state = @state');
      params.state = filter.state;
    }
    const q = filter.query?.trim();
    if (q && /^[A-Za-z0-9_-]+$/.test(q)) {
      // 学号 / 采集码 / 订单号: exact or prefix, each term served by its own index (GLOB is case-sensitive,
      // so unlike LIKE it can use them; the characters allowed here are not GLOB wildcards)
      params.q = q;
      params.qLower = q.toLowerCase();
      params.qUpperGlob = `${q.toUpperCase()}*`;
      params.qGlob = `${q}*`;
      where.push(`(o.student_no GLOB @qGlob OR o.collection_code = @qLower OR o.order_no GLOB @qUpperGlob)`);
    } else if (q) {
      // a name: substring match, a scan of the (event-filtered) rows
      params.qSub = `%${escapeLike(q)}%`;
      where.push(`o.name LIKE @qSub ESCAPE '\\'`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = this.db
      .prepare(`${ORDER_SELECT} ${clause} ORDER BY o.created_at DESC, o.seq DESC LIMIT @limit OFFSET @offset`)
      .all(params) as OrderRowWithFacts[];
    const { limit: _l, offset: _o, ...countParams } = params;
    const total = (this.db.prepare(`SELECT count(*) AS n FROM orders o ${clause}`).get(countParams) as { n: number }).n;
    return { rows, total };
  }

  setState(id: string, state: OrderState, rejectReason: string | null, at: string): void {
    this.db
      .prepare('UPDATE orders SET state = ?, reject_reason = ?, updated_at = ? WHERE id = ?')
      .run(state, rejectReason, at, id);
  }

  setShipping(id: string, region: string, address: string, at: string): void {
    this.db
      .prepare('UPDATE orders SET shipping_region = ?, shipping_address = ?, updated_at = ? WHERE id = ?')
      .run(region, address, at, id);
  }

  touch(id: string, at: string): void {
    this.db.prepare('UPDATE orders SET updated_at = ? WHERE id = ?').run(at, id);
  }

  addTransition(t: {
    orderId: string;
    action: string;
    from: OrderState | null;
    to: OrderState;
    reason: string;
    actor: string;
    at: string;
  }): void {
    this.db
      .prepare(
        `INSERT INTO order_transitions (order_id, action, from_state, to_state, reason, actor, at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(t.orderId, t.action, t.from, t.to, t.reason, t.actor, t.at);
  }

  history(orderId: string): TransitionView[] {
    const rows = this.db
      .prepare('SELECT * FROM order_transitions WHERE order_id = ? ORDER BY id')
      .all(orderId) as Record<string, string | null>[];
    return rows.map((r) => ({
      action: r.action!,
      from: (r.from_state as OrderState | null) ?? null,
      to: r.to_state as OrderState,
      reason: r.reason ?? '',
      actor: r.actor!,
      at: r.at!,
    }));
  }
}

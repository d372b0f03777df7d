import type { Db } from '../db/open';
import type { PaymentMethod, PaymentStatus } from '../../shared/domain/payment';
import type { PaymentView } from '../../shared/contract/views';
import type { ClassMember } from './class-summary';

export interface PaymentRow {
  id: string;
  event_id: string;
  method: PaymentMethod;
  scope: 'student' | 'class';
  amount_fen: number;
  reference: string | null;
  payer_note: string;
  operator: string;
  created_at: string;
  status: PaymentStatus;
  void_reason: string | null;
  voided_by: string | null;
  voided_at: string | null;
}

export class PaymentRepo {
  constructor(private readonly db: Db) {}

  /** The event's roster entries that have a 班级 (the roster's column, migration 009), for 按班级. */
  classMembers(eventId: string): ClassMember[] {
    return this.db
      .prepare(
        `SELECT id, class_name AS className, student_no AS studentNo, collection_code AS collectionCode
           FROM roster_entries WHERE event_id = ? AND class_name <> '' ORDER BY source_line`,
      )
      .all(eventId) as ClassMember[];
  }

  /** The event's orders with at least one photo taken (original or final, any version), for 按班级's 未拍摄. */
  photographedOrders(eventId: string): Set<string> {
    const rows = this.db
      .prepare(`SELECT DISTINCT p.order_id AS id FROM photos p JOIN orders o ON o.id = p.order_id WHERE o.event_id = ?`)
      .all(eventId) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  insert(row: PaymentRow, allocations: { orderId: string; amountFen: number }[]): void {
    this.db
      .prepare(
        `INSERT INTO payments (id, event_id, method, scope, amount_fen, reference, payer_note, operator, created_at, status)
         VALUES (@id, @event_id, @method, @scope, @amount_fen, @reference, @payer_note, @operator, @created_at, @status)`,
      )
      .run(row);
    const alloc = this.db.prepare(
      'INSERT INTO payment_orders (payment_id, order_id, amount_fen, active) VALUES (?, ?, ?, 1)',
    );
    for (const a of allocations) alloc.run(row.id, a.orderId, a.amountFen);
  }

  get(id: string): PaymentRow | null {
    return (this.db.prepare('SELECT * FROM payments WHERE id = ?').get(id) as PaymentRow | undefined) ?? null;
  }

  orderIds(paymentId: string): string[] {
    return (
      this.db.prepare('SELECT order_id FROM payment_orders WHERE payment_id = ? ORDER BY rowid').all(paymentId) as {
        order_id: string;
      }[]
    ).map((r) => r.order_id);
  }

  setStatus(id: string, status: PaymentStatus, reason: string, by: string, at: string): void {
    this.db
      .prepare('UPDATE payments SET status = ?, void_reason = ?, voided_by = ?, voided_at = ? WHERE id = ?')
      .run(status, reason, by, at, id);
    this.db.prepare('UPDATE payment_orders SET active = NULL WHERE payment_id = ?').run(id);
  }

  listByEvent(eventId: string): PaymentRow[] {
    return this.db
      .prepare('SELECT * FROM payments WHERE event_id = ? ORDER BY created_at, rowid')
      .all(eventId) as PaymentRow[];
  }

  listByOrder(orderId: string): PaymentRow[] {
    return this.db
      .prepare(
        `SELECT p.* FROM payments p JOIN payment_orders po ON po.payment_id = p.id
         WHERE po.order_id = ? ORDER BY p.created_at, p.rowid`,
      )
      .all(orderId) as PaymentRow[];
  }

  activePaymentOf(orderId: string): string | null {
    const r = this.db
      .prepare('SELECT payment_id FROM payment_orders WHERE order_id = ? AND active = 1')
      .get(orderId) as { payment_id: string } | undefined;
    return r?.payment_id ?? null;
  }

  findByReference(method: PaymentMethod, reference: string): PaymentRow | null {
    return (
      (this.db.prepare('SELECT * FROM payments WHERE method = ? AND reference = ?').get(method, reference) as
        PaymentRow | undefined) ?? null
    );
  }

  toView(row: PaymentRow): PaymentView {
    return {
      id: row.id,
      eventId: row.event_id,
      method: row.method,
      scope: row.scope,
      amountFen: row.amount_fen,
      reference: row.reference,
      payerNote: row.payer_note,
      operator: row.operator,
      createdAt: row.created_at,
      status: row.status,
      voidReason: row.void_reason,
      voidedBy: row.voided_by,
      voidedAt: row.voided_at,
      orderIds: this.orderIds(row.id),
    };
  }
}

import type { Db } from '../db/open';
import { classSlips, type ClassSlip, type SlipStudentRow } from '../../shared/domain/class-slip';

// SQL for the class 收费条 and the cashier's reconciliation (rules in src/shared/domain/class-slip.ts).

export function eventClassSlips(db: Db, eventId: string): { feeFen: number; classes: ClassSlip[] } | null {
  const ev = db.prepare('SELECT fee_fen AS feeFen FROM events WHERE id = ?').get(eventId) as
    { feeFen: number } | undefined;
  if (!ev) return null;
  // the class as 收费 → 按班级 finds it (src/main/payments/class-summary.ts): the roster's 班级 through the order's
  // entry, else the entry with its 学号 or 采集码, else 未分班 ('')
  const rosterClass = `
                (SELECT NULLIF(r.class_name, '') FROM roster_entries r WHERE r.id = o.roster_entry_id),
                (SELECT r.class_name FROM roster_entries r
                  WHERE r.event_id = o.event_id AND r.class_name <> '' AND (r.student_no = o.student_no
                     OR (o.collection_code IS NOT NULL AND r.collection_code = o.collection_code)) LIMIT 1),`;
  const rows = db
    .prepare(
      `SELECT o.id AS orderId,
              COALESCE(${rosterClass} '') AS className,
              o.name_masked AS nameMasked, o.student_no AS studentNo,
              (SELECT t.label FROM queue_tickets t WHERE t.order_id = o.id ORDER BY t.issued_at DESC LIMIT 1) AS ticketLabel,
              EXISTS (SELECT 1 FROM photos p WHERE p.order_id = o.id AND p.kind = 'original') AS shot,
              EXISTS (SELECT 1 FROM payment_orders po WHERE po.order_id = o.id AND po.active = 1) AS paid,
              o.fee_fen AS feeFen,
              COALESCE((SELECT SUM(po.amount_fen) FROM payment_orders po WHERE po.order_id = o.id AND po.active = 1), 0)
                AS paidFen
         FROM orders o WHERE o.event_id = ?`,
    )
    .all(eventId) as (Omit<SlipStudentRow, 'shot' | 'paid'> & { shot: number; paid: number })[];
  return {
    feeFen: ev.feeFen,
    classes: classSlips(rows.map((r) => ({ ...r, shot: r.shot === 1, paid: r.paid === 1 }))),
  };
}

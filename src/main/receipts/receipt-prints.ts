import type { Db } from '../db/open';
import type { PaperSize } from '../../shared/receipt/receipt-data';

// Issued receipt copies (migration 003): copy 1 is the original, every later copy of the same payment is 重打.

export interface ReceiptPrintRow {
  id: number;
  orderId: string;
  paymentId: string;
  copy: number;
  paper: PaperSize;
  printer: string | null;
  operator: string;
  issuedAt: string;
}

const SELECT = `SELECT id, order_id AS orderId, payment_id AS paymentId, copy, paper, printer, operator,
  issued_at AS issuedAt FROM receipt_prints`;

export class ReceiptPrintRepo {
  constructor(private readonly db: Db) {}

  nextCopy(orderId: string, paymentId: string): number {
    const r = this.db
      .prepare('SELECT max(copy) AS c FROM receipt_prints WHERE order_id = ? AND payment_id = ?')
      .get(orderId, paymentId) as { c: number | null };
    return (r.c ?? 0) + 1;
  }

  insert(row: Omit<ReceiptPrintRow, 'id'>): ReceiptPrintRow {
    const info = this.db
      .prepare(
        `INSERT INTO receipt_prints (order_id, payment_id, copy, paper, printer, operator, issued_at)
         VALUES (@orderId, @paymentId, @copy, @paper, @printer, @operator, @issuedAt)`,
      )
      .run(row);
    return { id: Number(info.lastInsertRowid), ...row };
  }

  /** The given copy of the order's receipt for this payment, or the latest one when copy is omitted. */
  find(orderId: string, paymentId: string, copy?: number): ReceiptPrintRow | null {
    const row =
      copy === undefined
        ? this.db
            .prepare(`${SELECT} WHERE order_id = ? AND payment_id = ? ORDER BY copy DESC LIMIT 1`)
            .get(orderId, paymentId)
        : this.db.prepare(`${SELECT} WHERE order_id = ? AND payment_id = ? AND copy = ?`).get(orderId, paymentId, copy);
    return (row as ReceiptPrintRow | undefined) ?? null;
  }

  listByOrder(orderId: string): ReceiptPrintRow[] {
    return this.db.prepare(`${SELECT} WHERE order_id = ? ORDER BY id`).all(orderId) as ReceiptPrintRow[];
  }
}

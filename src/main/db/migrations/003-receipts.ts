import type { Migration } from '../migration';

// Receipts (issue 5): every issued copy of a payment receipt, so a second print is marked 重打 and the
// history shows who printed what, when and on which paper.
export const m003Receipts: Migration = {
  version: 3,
  name: 'receipts',
  up(db) {
    db.exec(`
      CREATE TABLE receipt_prints (
        id INTEGER PRIMARY KEY,
        order_id TEXT NOT NULL REFERENCES orders(id),
        payment_id TEXT NOT NULL REFERENCES payments(id),
        copy INTEGER NOT NULL CHECK (copy > 0),
        paper TEXT NOT NULL CHECK (paper IN (\x2758mm\x27, \x2780mm\x27, \x27A4\x27)),
        printer TEXT,
        operator TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        UNIQUE (order_id, payment_id, copy)
      ) STRICT;
      CREATE INDEX receipt_prints_order ON receipt_prints(order_id, id);
    `);
  },
};

import type { Migration } from '../migration';

// Sync to the central collection service (issue 10).
// - orders.revision: incremented by a trigger on every outbox row about the order — the outbox row is written in
//   the change's own transaction, so the revision moves in that transaction too, for every kind of change
//   (check-in, state, shipping, photo, payment of a single student or a class).
// - outbox gets the worker's bookkeeping: when to try again, when it was sent, why it was parked.
// - sync_orders: the highest outbox id the server has acknowledged per order (an outbox row is delivered once
//   every order it concerns is acknowledged past it).
// - sync_uploads: one row per photo (content-addressed): the tus upload URL, so a resume survives a restart,
//   and whether the server holds it complete (then it is never sent again).
// - sync_reviews: every decision pulled from the server, by its cursor (applied once), and what it did here.
export const m005Sync: Migration = {
  version: 5,
  name: 'sync',
  up(db) {
    db.exec(`
      ALTER TABLE orders ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
      UPDATE orders SET revision = 1 + (SELECT count(*) FROM outbox WHERE outbox.aggregate_id = orders.id);

      ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT;
      ALTER TABLE outbox ADD COLUMN sent_at TEXT;
      ALTER TABLE outbox ADD COLUMN park_code TEXT;
      CREATE INDEX outbox_aggregate ON outbox(aggregate_id, id);

      CREATE TRIGGER outbox_order_revision AFTER INSERT ON outbox
        WHEN NEW.topic IN ('order.upsert', 'order.transition', 'photo.final')
      BEGIN
        UPDATE orders SET revision = revision + 1 WHERE id = NEW.aggregate_id;
      END;
      CREATE TRIGGER outbox_payment_revision AFTER INSERT ON outbox
        WHEN NEW.topic = 'payment.upsert'
      BEGIN
        UPDATE orders SET revision = revision + 1
          WHERE id IN (SELECT order_id FROM payment_orders WHERE payment_id = NEW.aggregate_id);
      END;

      CREATE TABLE sync_orders (
        order_id TEXT PRIMARY KEY REFERENCES orders(id),
        acked_outbox_id INTEGER NOT NULL,
        acked_revision INTEGER NOT NULL,
        acked_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sync_uploads (
        sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        bytes INTEGER NOT NULL CHECK (bytes > 0),
        upload_url TEXT,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'complete')),
        sent_bytes INTEGER NOT NULL DEFAULT 0,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        completed_at TEXT
      ) STRICT;

      CREATE TABLE sync_reviews (
        cursor TEXT PRIMARY KEY,
        order_uuid TEXT NOT NULL,
        order_id TEXT,
        decision TEXT NOT NULL CHECK (decision IN ('approved', 'rejected', 'done')),
        reason TEXT NOT NULL,
        reviewer TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        applied INTEGER NOT NULL CHECK (applied IN (0, 1)),
        note TEXT NOT NULL,
        received_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sync_reviews_order ON sync_reviews(order_id);
    `);
  },
};

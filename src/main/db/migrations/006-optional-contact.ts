import type { Migration } from '../migration';

// Contact details optional at the station (issue 9, 设置 › 联系方式): when contact_fields_required is off, the
// student gives 电子邮箱/联系电话 later on the student page, so orders.email and orders.phone may be '' (not given;
// the same convention as roster_entries). The phone keeps its mobile-number CHECK when it is given.
//
// SQLite cannot drop a CHECK in place, so the orders table is rebuilt — inside the migration transaction, where
// PRAGMA foreign_keys cannot be switched off (it is a no-op in a transaction). Instead:
//   1. PRAGMA defer_foreign_keys = ON (allowed in a transaction, reset at COMMIT): the child rows of
//      order_transitions, photos, payment_orders, receipt_prints and sync_orders become deferred violations
//      while orders is gone, instead of failing the DROP;
//   2. the rows are kept in a temp table, orders is dropped and created again under its own name (no RENAME, so
//      the children's REFERENCES orders(id) and the 005 triggers on outbox, whose bodies update orders, keep
//      pointing at it unchanged);
//   3. the rows go back in, which resolves every deferred violation (SQLite counts them down per parent row), so
//      the COMMIT succeeds only if every child row has its order again; foreign_key_check is run as well.
//   4. every index on orders is created again from its stored SQL.
export const ORDERS_V6_SQL = `
      CREATE TABLE orders (
        id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL REFERENCES events(id),
        order_no TEXT NOT NULL UNIQUE,
        order_day TEXT NOT NULL,
        seq INTEGER NOT NULL CHECK (seq > 0),
        state TEXT NOT NULL CHECK (state IN
          ('pending_payment', 'pending_review', 'approved', 'collecting', 'done', 'rejected')),
        reject_reason TEXT,
        source TEXT NOT NULL CHECK (source IN ('qr', 'roster', 'manual')),
        roster_entry_id TEXT REFERENCES roster_entries(id) ON DELETE SET NULL,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
        name_masked TEXT NOT NULL,
        student_no TEXT NOT NULL CHECK (length(student_no) BETWEEN 1 AND 32),
        collection_code TEXT CHECK (collection_code IS NULL OR collection_code GLOB '[0-9a-f]*' AND length(collection_code) = 16),
        gender TEXT NOT NULL CHECK (gender IN ('男', '女')),
        id_masked TEXT NOT NULL,
        id_hash TEXT,
        major TEXT NOT NULL DEFAULT '',
        education_level TEXT NOT NULL,
        education_type TEXT NOT NULL DEFAULT '',
        campus_type TEXT NOT NULL,
        school_name TEXT NOT NULL,
        school_code TEXT NOT NULL,
        -- '' = not given at the station (contact details optional there)
        email TEXT NOT NULL DEFAULT '' CHECK (length(email) <= 254),
        phone TEXT NOT NULL DEFAULT '' CHECK (phone = '' OR phone GLOB '1[3-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
        shipping_region TEXT NOT NULL DEFAULT '',
        shipping_address TEXT NOT NULL DEFAULT '',
        fee_fen INTEGER NOT NULL CHECK (fee_fen >= 0),
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        revision INTEGER NOT NULL DEFAULT 0,
        UNIQUE (order_day, seq)
      ) STRICT`;

export const m006OptionalContact: Migration = {
  version: 6,
  name: 'optional-contact',
  up(db) {
    const indexes = db
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'orders' AND sql IS NOT NULL")
      .all() as { sql: string }[];
    const columns = (db.prepare('PRAGMA table_info(orders)').all() as { name: string }[]).map((c) => `"${c.name}"`);
    db.pragma('defer_foreign_keys = ON');
    db.exec(`
      CREATE TEMP TABLE orders_v5 AS SELECT * FROM main.orders;
      DROP TABLE main.orders;
      ${ORDERS_V6_SQL};
      INSERT INTO main.orders (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM temp.orders_v5;
      DROP TABLE temp.orders_v5;
    `);
    for (const { sql } of indexes) db.exec(sql);
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new Error(`migration 6: ${broken.length} row(s) lost their order`);
  },
};

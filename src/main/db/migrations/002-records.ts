import type { Migration } from '../migration';

// Records core (issue 5): roster, orders + audit trail, photo versions, payments, outbox, station settings.
// No column ever holds a plaintext 证件号: only the masked form and an HMAC of it.
export const m002Records: Migration = {
  version: 2,
  name: 'records',
  up(db) {
    db.exec(`
      CREATE TABLE station_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE roster_entries (
        id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
        student_no TEXT CHECK (student_no IS NULL OR length(student_no) BETWEEN 1 AND 32),
        collection_code TEXT CHECK (collection_code IS NULL OR collection_code GLOB '[0-9a-f]*' AND length(collection_code) = 16),
        id_masked TEXT,
        id_hash TEXT,
        gender TEXT CHECK (gender IS NULL OR gender IN ('男', '女')),
        major TEXT NOT NULL DEFAULT '',
        education_level TEXT NOT NULL DEFAULT '',
        education_type TEXT NOT NULL DEFAULT '',
        campus_type TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        source_line INTEGER NOT NULL,
        imported_at TEXT NOT NULL,
        CHECK (student_no IS NOT NULL OR collection_code IS NOT NULL)
      ) STRICT;
      CREATE UNIQUE INDEX roster_event_code ON roster_entries(event_id, collection_code) WHERE collection_code IS NOT NULL;
      CREATE UNIQUE INDEX roster_event_student_no ON roster_entries(event_id, student_no) WHERE student_no IS NOT NULL;
      CREATE INDEX roster_event_id_hash ON roster_entries(event_id, id_hash) WHERE id_hash IS NOT NULL;

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
        email TEXT NOT NULL,
        phone TEXT NOT NULL CHECK (phone GLOB '1[3-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
        shipping_region TEXT NOT NULL DEFAULT '',
        shipping_address TEXT NOT NULL DEFAULT '',
        fee_fen INTEGER NOT NULL CHECK (fee_fen >= 0),
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (order_day, seq)
      ) STRICT;
      -- one order per student per event, enforced by the database
      CREATE UNIQUE INDEX orders_event_student_no ON orders(event_id, student_no);
      CREATE UNIQUE INDEX orders_event_code ON orders(event_id, collection_code) WHERE collection_code IS NOT NULL;
      CREATE INDEX orders_event_created ON orders(event_id, created_at DESC);
      CREATE INDEX orders_event_state_created ON orders(event_id, state, created_at DESC);
      CREATE INDEX orders_state_created ON orders(state, created_at DESC);
      CREATE INDEX orders_created ON orders(created_at DESC);
      CREATE INDEX orders_student_no ON orders(student_no);
      CREATE INDEX orders_code ON orders(collection_code) WHERE collection_code IS NOT NULL;

      CREATE TABLE order_transitions (
        id INTEGER PRIMARY KEY,
        order_id TEXT NOT NULL REFERENCES orders(id),
        action TEXT NOT NULL,
        from_state TEXT,
        to_state TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        actor TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX order_transitions_order ON order_transitions(order_id, id);

      CREATE TABLE photos (
        id TEXT PRIMARY KEY,
        order_id TEXT NOT NULL REFERENCES orders(id),
        kind TEXT NOT NULL CHECK (kind IN ('original', 'final')),
        version INTEGER NOT NULL CHECK (version > 0),
        source_photo_id TEXT REFERENCES photos(id),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 GLOB '[0-9a-f]*'),
        bytes INTEGER NOT NULL CHECK (bytes > 0),
        mime TEXT NOT NULL,
        width INTEGER,
        height INTEGER,
        profile_id TEXT,
        precheck TEXT CHECK (precheck IS NULL OR precheck IN ('passed', 'failed')),
        checks_json TEXT,
        missing_since TEXT,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (order_id, kind, version)
      ) STRICT;
      CREATE INDEX photos_sha ON photos(sha256);

      CREATE TABLE photo_orphans (
        sha256 TEXT PRIMARY KEY,
        bytes INTEGER NOT NULL,
        found_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE payments (
        id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL REFERENCES events(id),
        method TEXT NOT NULL CHECK (method IN ('cash', 'wechat', 'alipay', 'school')),
        scope TEXT NOT NULL CHECK (scope IN ('student', 'class')),
        amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
        reference TEXT,
        payer_note TEXT NOT NULL DEFAULT '',
        operator TEXT NOT NULL,
        created_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'voided', 'refunded')),
        void_reason TEXT,
        voided_by TEXT,
        voided_at TEXT,
        CHECK (method NOT IN ('wechat', 'alipay') OR length(reference) > 0)
      ) STRICT;
      -- the same e-payment transaction cannot be entered twice
      CREATE UNIQUE INDEX payments_reference ON payments(method, reference) WHERE reference IS NOT NULL;
      CREATE INDEX payments_event_created ON payments(event_id, created_at);

      CREATE TABLE payment_orders (
        payment_id TEXT NOT NULL REFERENCES payments(id),
        order_id TEXT NOT NULL REFERENCES orders(id),
        amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
        -- 1 while the payment is valid, NULL once voided/refunded: at most one live payment per order
        active INTEGER CHECK (active IS NULL OR active = 1),
        PRIMARY KEY (payment_id, order_id),
        UNIQUE (order_id, active)
      ) STRICT;

      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        topic TEXT NOT NULL,
        aggregate_id TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'parked')),
        last_error TEXT
      ) STRICT;
      CREATE INDEX outbox_pending ON outbox(status, id);
    `);
  },
};

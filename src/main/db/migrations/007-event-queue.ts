import type { Migration } from '../migration';

// Event mode (issue 13): the 拍摄号 queue, the stations paired to this one, every binding of a photo to a student,
// and — on a station that joined another — what it still has to send to the host.
// - lan_stations (on the host): paired stations, their number (the offline block `n-001`) and the SHA-256 of the
//   station token (the token itself is only ever shown to the station that paired).
// - queue_tickets: one row per 拍摄号; the label is unique per event (host numbers `001`, offline blocks `2-001`).
// - queue_transitions: the queue's audit trail (who called, skipped, recalled, …, from which station).
// - queue_bindings: photo ↔ student, with the station, operator and how the student was identified; the id is the
//   capture station's own binding id, so a binding sent twice (retry after a cut) is stored once.
// - queue_outbox (on a joined station): bindings (and offline tickets) waiting for the host; the photo stays in this
//   station's photo store until the host has it.
export const m007EventQueue: Migration = {
  version: 7,
  name: 'event-queue',
  up(db) {
    db.exec(`
      CREATE TABLE lan_stations (
        id TEXT PRIMARY KEY,
        station_no INTEGER NOT NULL UNIQUE CHECK (station_no BETWEEN 2 AND 999),
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
        roles TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
        paired_at TEXT NOT NULL,
        last_seen_at TEXT,
        revoked_at TEXT
      ) STRICT;

      CREATE TABLE queue_tickets (
        id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL REFERENCES events(id),
        label TEXT NOT NULL,
        block INTEGER,
        seq INTEGER NOT NULL CHECK (seq > 0),
        order_id TEXT REFERENCES orders(id),
        collection_code TEXT,
        student_no TEXT NOT NULL,
        name_masked TEXT NOT NULL,
        class_label TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('waiting', 'called', 'skipped', 'recalled', 'left', 'bound')),
        called_by TEXT,
        issued_by TEXT NOT NULL,
        issued_offline INTEGER NOT NULL CHECK (issued_offline IN (0, 1)),
        issued_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (event_id, label)
      ) STRICT;
      CREATE INDEX queue_tickets_order ON queue_tickets(order_id);
      CREATE INDEX queue_tickets_state ON queue_tickets(event_id, state, issued_at);

      CREATE TABLE queue_transitions (
        id INTEGER PRIMARY KEY,
        ticket_id TEXT NOT NULL REFERENCES queue_tickets(id),
        action TEXT NOT NULL,
        from_state TEXT,
        to_state TEXT NOT NULL,
        station TEXT NOT NULL,
        operator TEXT NOT NULL,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX queue_transitions_ticket ON queue_transitions(ticket_id, id);

      CREATE TABLE queue_bindings (
        id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL REFERENCES events(id),
        ticket_id TEXT REFERENCES queue_tickets(id),
        order_id TEXT NOT NULL REFERENCES orders(id),
        photo_id TEXT NOT NULL REFERENCES photos(id),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        identified_by TEXT NOT NULL CHECK (identified_by IN ('ticket_qr', 'collection_code', 'name_confirmed')),
        proof TEXT NOT NULL,
        station TEXT NOT NULL,
        operator TEXT NOT NULL,
        offline INTEGER NOT NULL CHECK (offline IN (0, 1)),
        warnings_json TEXT NOT NULL DEFAULT '[]',
        captured_at TEXT NOT NULL,
        bound_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX queue_bindings_order ON queue_bindings(order_id);
      CREATE INDEX queue_bindings_ticket ON queue_bindings(ticket_id);

      CREATE TABLE queue_outbox (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('bind', 'ticket')),
        payload_json TEXT NOT NULL,
        sha256 TEXT,
        status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'refused')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        result_json TEXT,
        created_at TEXT NOT NULL,
        sent_at TEXT
      ) STRICT;
      CREATE INDEX queue_outbox_pending ON queue_outbox(status, created_at);
    `);
  },
};

import type Database from 'better-sqlite3';

// Rows a station database of each schema version holds, inserted before the next migration runs, so a migration
// that loses or rewrites data fails tests/unit/db/migrations.test.ts. A new migration that creates a table adds
// a seed for it under its version here (the test insists every table holds a row before the next migration).

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);
const AT = '2026-06-01T02:03:04.000Z';

export const SEEDS: Record<number, (db: Database.Database) => void> = {
  1: (db) => {
    db.prepare(
      `INSERT INTO events (id, school_name, school_code, feature_code, date, fee_fen, mode, shipping_region,
         shipping_address, station_name, created_at)
       VALUES ('ev-1', '山东师范大学', '10403', 'FEATURE-1', '2026-06-01', 3000, 'centralized', '山东省济南市',
         '文化东路88号', '一号机', ?)`,
    ).run(AT);
  },
  2: (db) => {
    db.prepare("INSERT INTO station_settings (key, value) VALUES ('station_code', 'S7')").run();
    db.prepare(
      `INSERT INTO roster_entries (id, event_id, name, student_no, collection_code, id_masked, id_hash, gender, major,
         education_level, education_type, campus_type, email, phone, source_line, imported_at)
       VALUES ('re-1', 'ev-1', '黄小正', '2022001', '0123456789abcdef', '1101**********002X', 'hash-1', '男', '物理学',
         '本科', '普通全日制', '本部', 'a@b.cn', '138****5678', 2, ?)`,
    ).run(AT);
    db.prepare(
      `INSERT INTO orders (id, event_id, order_no, order_day, seq, state, reject_reason, source, roster_entry_id, name,
         name_masked, student_no, collection_code, gender, id_masked, id_hash, major, education_level, education_type,
         campus_type, school_name, school_code, email, phone, shipping_region, shipping_address, fee_fen, created_by,
         created_at, updated_at)
       VALUES ('or-1', 'ev-1', 'S7-20260601-0001', '20260601', 1, 'pending_review', NULL, 'roster', 're-1', '黄小正',
         '黄*正', '2022001', '0123456789abcdef', '男', '1101**********002X', 'hash-1', '物理学', '本科', '普通全日制',
         '本部', '山东师范大学', '10403', 'a@b.cn', '13812345678', '山东省济南市', '文化东路88号', 3000, '李老师', ?, ?)`,
    ).run(AT, AT);
    db.prepare(
      `INSERT INTO order_transitions (id, order_id, action, from_state, to_state, reason, actor, at)
       VALUES (1, 'or-1', 'submit', 'pending_payment', 'pending_review', '', '李老师', ?)`,
    ).run(AT);
    db.prepare(
      `INSERT INTO photos (id, order_id, kind, version, source_photo_id, sha256, bytes, mime, width, height, profile_id,
         precheck, checks_json, missing_since, created_by, created_at)
       VALUES ('ph-1', 'or-1', 'original', 1, NULL, ?, 1234, 'image/jpeg', 4000, 6000, 'chsi', NULL, NULL, NULL, '李老师', ?),
              ('ph-2', 'or-1', 'final', 1, 'ph-1', ?, 456, 'image/jpeg', 480, 640, 'chsi', 'passed', '{"reasons":[]}',
               NULL, '李老师', ?)`,
    ).run(SHA_A, AT, SHA_B, AT);
    db.prepare('INSERT INTO photo_orphans (sha256, bytes, found_at) VALUES (?, 99, ?)').run('c'.repeat(64), AT);
    db.prepare(
      `INSERT INTO payments (id, event_id, method, scope, amount_fen, reference, payer_note, operator, created_at,
         status, void_reason, voided_by, voided_at)
       VALUES ('pa-1', 'ev-1', 'wechat', 'student', 3000, 'WX-0001', '', '李老师', ?, 'valid', NULL, NULL, NULL)`,
    ).run(AT);
    db.prepare(
      "INSERT INTO payment_orders (payment_id, order_id, amount_fen, active) VALUES ('pa-1', 'or-1', 3000, 1)",
    ).run();
    db.prepare(
      `INSERT INTO outbox (id, topic, aggregate_id, payload_json, created_at, attempts, status, last_error)
       VALUES (1, 'order.updated', 'or-1', '{"state":"pending_review"}', ?, 0, 'pending', NULL)`,
    ).run(AT);
  },
  3: (db) => {
    db.prepare(
      `INSERT INTO receipt_prints (id, order_id, payment_id, copy, paper, printer, operator, issued_at)
       VALUES (1, 'or-1', 'pa-1', 1, '58mm', NULL, '李老师', ?)`,
    ).run(AT);
  },
  5: (db) => {
    db.prepare(
      "INSERT INTO sync_orders (order_id, acked_outbox_id, acked_revision, acked_at) VALUES ('or-1', 1, 1, ?)",
    ).run(AT);
    db.prepare(
      `INSERT INTO sync_uploads (sha256, bytes, upload_url, status, sent_bytes, attempts, last_error, completed_at)
       VALUES (?, 456, 'http://127.0.0.1:1/files/x', 'complete', 456, 1, NULL, ?)`,
    ).run(SHA_B, AT);
    db.prepare(
      `INSERT INTO sync_reviews (cursor, order_uuid, order_id, decision, reason, reviewer, decided_at, applied, note,
         received_at)
       VALUES ('c-1', 'uuid-1', 'or-1', 'approved', '', '中心审核员', ?, 1, '', ?)`,
    ).run(AT, AT);
  },
  6: (db) => {
    // contact details not given at the station (optional since migration 6)
    db.prepare(
      `INSERT INTO orders (id, event_id, order_no, order_day, seq, state, reject_reason, source, roster_entry_id, name,
         name_masked, student_no, collection_code, gender, id_masked, id_hash, major, education_level, education_type,
         campus_type, school_name, school_code, email, phone, shipping_region, shipping_address, fee_fen, created_by,
         created_at, updated_at, revision)
       VALUES ('or-2', 'ev-1', 'S7-20260601-0002', '20260601', 2, 'pending_payment', NULL, 'manual', NULL, '李明',
         '李*', '2022002', NULL, '女', '1101**********0011', NULL, '', '本科', '', '本部', '山东师范大学', '10403',
         '', '', '', '', 3000, '李老师', ?, ?, 1)`,
    ).run(AT, AT);
  },
  7: (db) => {
    // event mode: a paired station, a 拍摄号 with its audit row and photo binding, a binding waiting on a station
    db.prepare(
      `INSERT INTO lan_stations (id, station_no, name, roles, token_hash, paired_at, last_seen_at, revoked_at)
       VALUES ('st-2', 2, '拍摄位A', 'capture', ?, ?, NULL, NULL)`,
    ).run('d'.repeat(64), AT);
    db.prepare(
      `INSERT INTO queue_tickets (id, event_id, label, block, seq, order_id, collection_code, student_no, name_masked,
         class_label, state, called_by, issued_by, issued_offline, issued_at, updated_at)
       VALUES ('tk-1', 'ev-1', '001', NULL, 1, 'or-1', '0123456789abcdef', '2022001', '黄*正', '物理学', 'bound',
         '拍摄位A', '登记台', 0, ?, ?)`,
    ).run(AT, AT);
    db.prepare(
      `INSERT INTO queue_transitions (id, ticket_id, action, from_state, to_state, station, operator, at)
       VALUES (1, 'tk-1', 'issue', NULL, 'waiting', '登记台', '李老师', ?)`,
    ).run(AT);
    db.prepare(
      `INSERT INTO queue_bindings (id, event_id, ticket_id, order_id, photo_id, sha256, identified_by, proof, station,
         operator, offline, warnings_json, captured_at, bound_at)
       VALUES ('bd-1', 'ev-1', 'tk-1', 'or-1', 'ph-1', ?, 'ticket_qr', '001', '拍摄位A', '王摄影', 0, '[]', ?, ?)`,
    ).run(SHA_A, AT, AT);
    db.prepare(
      `INSERT INTO queue_outbox (id, kind, payload_json, sha256, status, attempts, last_error, result_json, created_at,
         sent_at)
       VALUES ('bd-2', 'bind', '{}', ?, 'pending', 0, NULL, NULL, ?, NULL)`,
    ).run(SHA_B, AT);
  },
  8: (db) => {
    // the face embedding of an original capture (a 4-d stand-in vector)
    db.prepare(
      `INSERT INTO face_embeddings (photo_id, order_id, model, dims, vector, created_at)
       VALUES ('ph-1', 'or-1', 'faceres', 4, ?, ?)`,
    ).run(Buffer.from(new Float32Array([0.5, 0.5, 0.5, 0.5]).buffer), AT);
  },
};

/** Every row of every table (by table, ordered by rowid or primary key), for before/after comparison. */
export function snapshotRows(db: Database.Database): Map<string, Record<string, unknown>[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  const out = new Map<string, Record<string, unknown>[]>();
  for (const { name } of tables) {
    out.set(name, db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]);
  }
  return out;
}

/** One value before and after (a BLOB reads back as a new Buffer each time). */
const same = (a: unknown, b: unknown) => a === b || (Buffer.isBuffer(a) && Buffer.isBuffer(b) && a.equals(b));

/**
 * What a migration lost: tables that vanished, rows that vanished, values that changed (columns the migration
 * dropped count as changed). New tables, new rows and new columns are fine. Empty = nothing lost.
 */
export function lostData(
  before: Map<string, Record<string, unknown>[]>,
  after: Map<string, Record<string, unknown>[]>,
): string[] {
  const lost: string[] = [];
  for (const [table, rows] of before) {
    const now = after.get(table);
    if (!now) {
      if (rows.length > 0) lost.push(`${table}: table gone with ${rows.length} row(s)`);
      continue;
    }
    for (const row of rows) {
      const kept = now.some((r) => Object.entries(row).every(([col, v]) => col in r && same(r[col], v)));
      if (!kept) lost.push(`${table}: row ${JSON.stringify(row)} lost or changed`);
    }
  }
  return lost;
}

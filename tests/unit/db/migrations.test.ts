import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseTooNewError, migrate, schemaVersion } from '../../../src/main/db/migrate';
import { LATEST_SCHEMA_VERSION, migrations } from '../../../src/main/db/migrations';
import type { Migration } from '../../../src/main/db/migration';
import { openDatabase } from '../../../src/main/db/open';
import { lostData, SEEDS, snapshotRows } from './seed-rows';

/** A database at `version` holding the seed rows of every version up to it. */
function seededAt(version: number): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (let v = 1; v <= version; v++) {
    migrate(db, migrations.slice(0, v));
    SEEDS[v]?.(db);
  }
  return db;
}

describe('migrations: a station database always opens at the schema this build expects', () => {
  it('registry is numbered 1..N without gaps', () => {
    migrations.forEach((m, i) => expect(m.version).toBe(i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(migrations.length);
  });

  it.each(migrations.map((m) => [m.version, m.name, m] as const))(
    'migration %i (%s) applies on :memory: on top of its predecessors and keeps their rows',
    (version, _name, m) => {
      const db = seededAt(version - 1);
      const rows = snapshotRows(db);
      const before = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type IN ('table','index')").get() as {
        n: number;
      };
      migrate(db, [...migrations.slice(0, version - 1), m]);
      const after = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type IN ('table','index')").get() as {
        n: number;
      };
      expect(schemaVersion(db)).toBe(version);
      expect(after.n).toBeGreaterThanOrEqual(before.n);
      expect(lostData(rows, snapshotRows(db))).toEqual([]);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    },
  );

  it('the seed rows cover every table, so the next migration is tested against data too', () => {
    const db = seededAt(migrations.length);
    const empty = [...snapshotRows(db)].filter(([, rows]) => rows.length === 0).map(([table]) => table);
    expect(empty).toEqual([]);
    db.close();
  });

  it.each([
    ['drops a table', 'DROP TABLE receipt_prints'],
    ['deletes rows', "DELETE FROM photos WHERE kind = 'final'"],
    ['rewrites values', "UPDATE orders SET state = 'pending_payment'"],
    ['drops a column', 'ALTER TABLE photos DROP COLUMN checks_json'],
  ])('catches a migration that %s', (_what, sql) => {
    const db = seededAt(migrations.length);
    const rows = snapshotRows(db);
    const lossy: Migration = { version: migrations.length + 1, name: 'lossy', up: (d) => d.exec(sql) };
    migrate(db, [...migrations, lossy]);
    expect(lostData(rows, snapshotRows(db))).not.toEqual([]);
    db.close();
  });

  it('running migrate twice is a no-op', () => {
    const db = openDatabase({ file: ':memory:' });
    expect(migrate(db, migrations)).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('refuses a database written by a newer version', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    expect(() => migrate(db, migrations)).toThrow(DatabaseTooNewError);
    expect(() => migrate(db, migrations)).toThrow(/请升级/);
    db.close();
  });

  it('applies all pending migrations in one transaction: a failing one leaves nothing behind', () => {
    const db = new Database(':memory:');
    const broken: Migration = {
      version: migrations.length + 1,
      name: 'broken',
      up: (d) => {
        d.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [...migrations, broken])).toThrow('boom');
    expect(schemaVersion(db)).toBe(0);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all();
    expect(tables).toEqual([]);
    db.close();
  });

  it('turns on foreign keys and WAL for file databases', async () => {
    const { mkdtempSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'studio-db-'));
    const db = openDatabase({ file: path.join(dir, 'x.sqlite') });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});

describe('migration 6: contact details optional (orders rebuilt inside the migration transaction)', () => {
  const schemaOf = (db: Database.Database) =>
    db
      .prepare("SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
      .all();

  it('keeps every index, trigger and foreign key of orders and all rows with their children', () => {
    const db = seededAt(5);
    const before = schemaOf(db);
    const fks = (t: string) => db.prepare(`PRAGMA foreign_key_list(${t})`).all();
    const childFks = ['order_transitions', 'photos', 'payment_orders', 'receipt_prints', 'sync_orders'].map(fks);
    const ordersFks = fks('orders');
    migrate(db, migrations.slice(0, 6));
    expect(schemaOf(db)).toEqual(before);
    expect(['order_transitions', 'photos', 'payment_orders', 'receipt_prints', 'sync_orders'].map(fks)).toEqual(
      childFks,
    );
    expect(fks('orders')).toEqual(ordersFks);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('defer_foreign_keys', { simple: true })).toBe(0);
    expect(db.prepare("SELECT name FROM temp.sqlite_master WHERE type = 'table'").all()).toEqual([]);
    db.close();
  });

  it('accepts an order without e-mail and phone; a given phone must still be a mobile number', () => {
    const db = seededAt(6);
    const row = db.prepare("SELECT email, phone FROM orders WHERE id = 'or-2'").get();
    expect(row).toEqual({ email: '', phone: '' });
    expect(() => db.prepare("UPDATE orders SET phone = '12345' WHERE id = 'or-2'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE orders SET email = NULL WHERE id = 'or-2'").run()).toThrow(/NOT NULL/);
    db.close();
  });

  it('the 005 revision triggers and the foreign keys still work on the rebuilt table', () => {
    const db = seededAt(6);
    const rev = () =>
      (db.prepare("SELECT revision FROM orders WHERE id = 'or-1'").get() as { revision: number }).revision;
    const r0 = rev();
    db.prepare(
      "INSERT INTO outbox (topic, aggregate_id, payload_json, created_at) VALUES ('order.transition', 'or-1', '{}', 'x')",
    ).run();
    db.prepare(
      "INSERT INTO outbox (topic, aggregate_id, payload_json, created_at) VALUES ('payment.upsert', 'pa-1', '{}', 'x')",
    ).run();
    expect(rev()).toBe(r0 + 2);
    expect(() =>
      db
        .prepare(
          "INSERT INTO order_transitions (order_id, action, to_state, actor, at) VALUES ('nope', 'x', 'done', 'a', 'x')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("DELETE FROM orders WHERE id = 'or-1'").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('refuses (and leaves version 5 behind untouched) when a child row points at no order', () => {
    const db = seededAt(5);
    db.pragma('foreign_keys = OFF');
    db.prepare(
      "INSERT INTO order_transitions (order_id, action, to_state, actor, at) VALUES ('ghost', 'x', 'done', 'a', 'x')",
    ).run();
    db.pragma('foreign_keys = ON');
    const rows = snapshotRows(db);
    expect(() => migrate(db, migrations.slice(0, 6))).toThrow();
    expect(schemaVersion(db)).toBe(5);
    expect(lostData(rows, snapshotRows(db))).toEqual([]);
    db.close();
  });
});

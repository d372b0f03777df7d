import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { CentralDialect } from './connect';

// One set of migrations for SQLite and PostgreSQL. Append new ones with the next number; never edit a
// shipped one. The only per-dialect piece is the auto-increment key.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

function serialKey(dialect: CentralDialect) {
  return dialect === 'postgres' ? sql`serial primary key` : sql`integer primary key autoincrement`;
}

function migrationsFor(dialect: CentralDialect): Record<string, Migration> {
  return {
    '001-central': {
      async up(db: AnyDb) {
        await db.schema
          .createTable('stations')
          .addColumn('id', serialKey(dialect))
          .addColumn('name', 'text', (c) => c.notNull().unique())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('tokens')
          .addColumn('id', serialKey(dialect))
          .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('station', 'admin')`))
          .addColumn('station_id', 'integer', (c) => c.references('stations.id'))
          .addColumn('label', 'text', (c) => c.notNull())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('prefix', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('revoked_at', 'text')
          .addColumn('last_used_at', 'text')
          .addCheckConstraint('tokens_station_role', sql`(role = 'station') = (station_id is not null)`)
          .execute();
        await db.schema
          .createTable('orders')
          .addColumn('uuid', 'text', (c) => c.primaryKey())
          .addColumn('station_id', 'integer', (c) => c.notNull().references('stations.id'))
          .addColumn('order_no', 'text', (c) => c.notNull())
          .addColumn('revision', 'integer', (c) => c.notNull().check(sql`revision > 0`))
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('event_id', 'text', (c) => c.notNull())
          .addColumn('school_code', 'text', (c) => c.notNull())
          .addColumn('snapshot_json', 'text', (c) => c.notNull())
          .addColumn('final_photo_sha256', 'text')
          .addColumn('original_photo_sha256', 'text')
          .addColumn('id_last4', 'text', (c) => c.notNull())
          .addColumn('first_received_at', 'text', (c) => c.notNull())
          .addColumn('received_at', 'text', (c) => c.notNull())
          .addColumn('reviewed_photo_sha256', 'text')
          .addColumn('done_at', 'text')
          .execute();
        await db.schema.createIndex('orders_order_no').on('orders').column('order_no').execute();
        await db.schema
          .createIndex('orders_station_received')
          .on('orders')
          .columns(['station_id', 'first_received_at'])
          .execute();
        await db.schema.createIndex('orders_state').on('orders').columns(['state', 'received_at']).execute();
        await db.schema
          .createTable('photos')
          .addColumn('sha256', 'text', (c) => c.primaryKey())
          .addColumn('bytes', 'integer', (c) => c.notNull().check(sql`bytes > 0`))
          .addColumn('station_id', 'integer', (c) => c.notNull().references('stations.id'))
          .addColumn('completed_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('reviews')
          .addColumn('id', serialKey(dialect))
          .addColumn('order_uuid', 'text', (c) => c.notNull().references('orders.uuid'))
          .addColumn('station_id', 'integer', (c) => c.notNull().references('stations.id'))
          .addColumn('revision', 'integer', (c) => c.notNull())
          .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('approved', 'rejected', 'done')`))
          .addColumn('reason_code', 'text')
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('reviewer', 'text', (c) => c.notNull())
          .addColumn('decided_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('reviews_station_id').on('reviews').columns(['station_id', 'id']).execute();
        await db.schema.createIndex('reviews_order').on('reviews').columns(['order_uuid', 'id']).execute();
      },
    },
    '002-console': {
      async up(db: AnyDb) {
        await db.schema
          .createTable('users')
          .addColumn('id', serialKey(dialect))
          .addColumn('name', 'text', (c) => c.notNull().unique())
          .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('reviewer', 'admin')`))
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('disabled_at', 'text')
          .execute();
        await db.schema
          .createTable('sessions')
          .addColumn('id_hash', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
          .addColumn('csrf', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('audit')
          .addColumn('id', serialKey(dialect))
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('detail_json', 'text', (c) => c.notNull())
          .execute();
      },
    },
  };
}

export function centralMigrationProvider(dialect: CentralDialect): MigrationProvider {
  return { getMigrations: async () => migrationsFor(dialect) };
}

/** Brings the database to the newest schema; throws with the failing migration's name. */
export async function migrateCentral(db: AnyDb, dialect: CentralDialect): Promise<string[]> {
  const migrator = new Migrator({ db, provider: centralMigrationProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { CentralDatabase } from './schema';
import { migrateCentral } from './migrations';

export type CentralDialect = 'sqlite' | 'postgres';

export interface CentralDb {
  db: Kysely<CentralDatabase>;
  dialect: CentralDialect;
  close(): Promise<void>;
}

export interface CentralDbOptions {
  /** Server data directory: `central.sqlite` lives here unless databaseUrl is given. */
  dataDir: string;
  /** postgres://… — PostgreSQL instead of the embedded SQLite. */
  databaseUrl?: string;
}

export const SQLITE_FILE = 'central.sqlite';

/** Opens (and migrates) the server's database: PostgreSQL when databaseUrl is set, else SQLite in dataDir. */
export async function openCentralDb(options: CentralDbOptions): Promise<CentralDb> {
  let db: Kysely<CentralDatabase>;
  let dialect: CentralDialect;
  if (options.databaseUrl) {
    dialect = 'postgres';
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    db = new Kysely<CentralDatabase>({ dialect: new PostgresDialect({ pool }) });
  } else {
    dialect = 'sqlite';
    fs.mkdirSync(options.dataDir, { recursive: true });
    const sqlite = new Database(path.join(options.dataDir, SQLITE_FILE));
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // Kysely prepares every query anew; the server runs the same few statements for every request (no query
    // of the server streams, so a cached statement is never busy when it is run again)
    const statements = new Map<string, Database.Statement>();
    const database = {
      close: () => sqlite.close(),
      prepare: (text: string) => {
        let st = statements.get(text);
        if (!st) {
          if (statements.size >= 500) statements.clear(); // queries with IN lists of any length: bounded
          st = sqlite.prepare(text);
          statements.set(text, st);
        }
        return st;
      },
    };
    db = new Kysely<CentralDatabase>({ dialect: new SqliteDialect({ database }) });
  }
  try {
    await migrateCentral(db, dialect);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { db, dialect, close: () => db.destroy() };
}

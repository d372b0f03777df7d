import Database from 'better-sqlite3';
import { migrate } from './migrate';
import { migrations } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Path to the .sqlite file, or ':memory:'. */
  file: string;
  nativeBinding?: string;
}

/** Open (or create) the studio database: WAL, foreign keys, migrations applied. */
export function openDatabase({ file, nativeBinding }: OpenOptions): Db {
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  try {
    if (file !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

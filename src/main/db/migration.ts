import type Database from 'better-sqlite3';

export interface Migration {
  /** 1, 2, 3… — the database's user_version after this migration ran. */
  version: number;
  name: string;
  up(db: Database.Database): void;
}

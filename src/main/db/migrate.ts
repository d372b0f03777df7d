import type Database from 'better-sqlite3';
import type { Migration } from './migration';

export class DatabaseTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`数据库版本 ${found} 高于本程序支持的版本 ${supported}，请升级图像采集工作站后再打开。`);
    this.name = 'DatabaseTooNewError';
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Apply every pending migration in one transaction; refuse a database from a newer build. */
export function migrate(db: Database.Database, registry: readonly Migration[]): number {
  registry.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration registry out of order at ${m.name}`);
  });
  const latest = registry.length;
  const current = schemaVersion(db);
  if (current > latest) throw new DatabaseTooNewError(current, latest);
  if (current === latest) return current;
  db.transaction(() => {
    for (const m of registry.slice(current)) m.up(db);
    db.pragma(`user_version = ${latest}`);
  }).immediate();
  return latest;
}

import type { Db } from '../db/open';
import { STATION_CODE_PATTERN } from '../../shared/domain/order-number';
import { ApiError } from '../../shared/api-error';

// Station-wide settings kept in the database (station code for order numbers).

export const DEFAULT_STATION_CODE = 'S1';

export class StationSettings {
  constructor(private readonly db: Db) {}

  get(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM station_settings WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value ?? null;
  }

  set(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO station_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }

  stationCode(): string {
    return this.get('station_code') ?? DEFAULT_STATION_CODE;
  }

  setStationCode(code: string): void {
    const c = code.trim().toUpperCase();
    if (!STATION_CODE_PATTERN.test(c))
      throw new ApiError('invalid_request', '工作站编号应为字母开头的 1–8 位字母或数字，如 S1', 'stationCode');
    this.set('station_code', c);
  }
}

import { randomUUID } from 'node:crypto';
import type { Db } from '../db/open';
import type { StudioEvent } from '../../shared/domain/event';
import type { ParsedReq } from '../../shared/contract';
import { ApiError } from '../../shared/api-error';

interface EventRow {
  id: string;
  school_name: string;
  school_code: string;
  feature_code: string;
  date: string;
  fee_fen: number;
  mode: 'centralized';
  shipping_region: string;
  shipping_address: string;
  station_name: string;
  created_at: string;
  archived_at: string | null;
  updated_at: string | null;
}

function toEvent(r: EventRow): StudioEvent {
  return {
    id: r.id,
    schoolName: r.school_name,
    schoolCode: r.school_code,
    featureCode: r.feature_code,
    date: r.date,
    feeFen: r.fee_fen,
    mode: r.mode,
    shippingRegion: r.shipping_region,
    shippingAddress: r.shipping_address,
    stationName: r.station_name,
    createdAt: r.created_at,
    archivedAt: r.archived_at,
  };
}

export class EventRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  create(input: ParsedReq<'events.create'>): StudioEvent {
    const row: EventRow = {
      id: randomUUID(),
      school_name: input.schoolName,
      school_code: input.schoolCode,
      feature_code: input.featureCode,
      date: input.date,
      fee_fen: input.feeFen,
      mode: input.mode,
      shipping_region: input.shippingRegion,
      shipping_address: input.shippingAddress,
      station_name: input.stationName,
      created_at: this.now().toISOString(),
      archived_at: null,
      updated_at: null,
    };
    this.db
      .prepare(
        `INSERT INTO events (id, school_name, school_code, feature_code, date, fee_fen, mode,
           shipping_region, shipping_address, station_name, created_at)
         VALUES (@id, @school_name, @school_code, @feature_code, @date, @fee_fen, @mode,
           @shipping_region, @shipping_address, @station_name, @created_at)`,
      )
      .run(row);
    return toEvent(row);
  }

  /** Newest first; archived events only when asked for. */
  list(opts: { includeArchived?: boolean } = {}): StudioEvent[] {
    const where = opts.includeArchived ? '' : 'WHERE archived_at IS NULL';
    const rows = this.db
      .prepare(`SELECT * FROM events ${where} ORDER BY date DESC, created_at DESC`)
      .all() as EventRow[];
    return rows.map(toEvent);
  }

  /** Edit every field of the create form. Orders keep the school snapshot they were created with. */
  update(input: ParsedReq<'events.update'>): StudioEvent {
    const changed = this.db
      .prepare(
        `UPDATE events SET school_name = @school_name, school_code = @school_code, feature_code = @feature_code,
           date = @date, fee_fen = @fee_fen, mode = @mode, shipping_region = @shipping_region,
           shipping_address = @shipping_address, station_name = @station_name, updated_at = @updated_at
         WHERE id = @id`,
      )
      .run({
        id: input.id,
        school_name: input.schoolName,
        school_code: input.schoolCode,
        feature_code: input.featureCode,
        date: input.date,
        fee_fen: input.feeFen,
        mode: input.mode,
        shipping_region: input.shippingRegion,
        shipping_address: input.shippingAddress,
        station_name: input.stationName,
        updated_at: this.now().toISOString(),
      }).changes;
    if (changed === 0) throw new ApiError('not_found', '采集活动不存在', 'id');
    return this.get(input.id)!;
  }

  /** Archive (hide from the station's lists) or restore; archiving twice keeps the first time. */
  setArchived(id: string, archived: boolean): StudioEvent {
    const at = this.now().toISOString();
    const changed = this.db
      .prepare(
        archived
          ? 'UPDATE events SET archived_at = COALESCE(archived_at, ?), updated_at = ? WHERE id = ?'
          : 'UPDATE events SET archived_at = NULL, updated_at = ? WHERE id = ?',
      )
      .run(...(archived ? [at, at, id] : [at, id])).changes;
    if (changed === 0) throw new ApiError('not_found', '采集活动不存在', 'id');
    return this.get(id)!;
  }

  get(id: string): StudioEvent | null {
    const row = this.db.prepare('SELECT * FROM events WHERE id = ?').get(id) as EventRow | undefined;
    return row ? toEvent(row) : null;
  }
}

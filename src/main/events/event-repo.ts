import { randomUUID } from 'node:crypto';
import type { Db } from '../db/open';
import type { StudioEvent } from '../../shared/domain/event';
import type { ParsedReq } from '../../shared/contract';

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

  list(): StudioEvent[] {
    const rows = this.db.prepare('SELECT * FROM events ORDER BY date DESC, created_at DESC').all() as EventRow[];
    return rows.map(toEvent);
  }

  get(id: string): StudioEvent | null {
    const row = this.db.prepare('SELECT * FROM events WHERE id = ?').get(id) as EventRow | undefined;
    return row ? toEvent(row) : null;
  }
}

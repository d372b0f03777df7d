import type { Kysely } from 'kysely';
import type { OrderAccepted, OrderSnapshot } from '../shared/central';
import type { CentralDatabase } from './db/schema';
import type { Clock } from './clock';
import type { WriteBatcher } from './db/write-batch';

// PUT /v1/orders/{uuid}: one atomic conditional upsert (INSERT … ON CONFLICT DO UPDATE … WHERE stored
// revision < new revision AND same station), the same statement in SQLite and PostgreSQL, so two racing
// pushes cannot both win and an older revision never overwrites a newer one.

export type PutOrderResult =
  { kind: 'accepted'; body: OrderAccepted } | { kind: 'stale'; storedRevision: number } | { kind: 'other_station' };

export class OrderStore {
  constructor(
    private readonly db: Kysely<CentralDatabase>,
    private readonly now: Clock,
    private readonly writes: WriteBatcher,
  ) {}

  async put(stationId: number, uuid: string, snapshot: OrderSnapshot): Promise<PutOrderResult> {
    const at = this.now().toISOString();
    const row = {
      uuid,
      station_id: stationId,
      order_no: snapshot.orderNo,
      revision: snapshot.revision,
      state: snapshot.state,
      event_id: snapshot.event.id,
      school_code: snapshot.event.schoolCode,
      snapshot_json: JSON.stringify(snapshot),
      final_photo_sha256: snapshot.finalPhoto?.sha256 ?? null,
      original_photo_sha256: snapshot.originalPhoto?.sha256 ?? null,
      id_last4: snapshot.student.idMasked.slice(-4),
      first_received_at: at,
      received_at: at,
      reviewed_photo_sha256: null,
      done_at: null,
    };
    // the upsert and the read of what won, in the write batch's transaction (answered after its commit)
    const stored = await this.writes.run(async (tx) => {
      await tx
        .insertInto('orders')
        .values(row)
        .onConflict((oc) =>
          oc
            .column('uuid')
            .doUpdateSet((eb) => ({
              order_no: eb.ref('excluded.order_no'),
              revision: eb.ref('excluded.revision'),
              state: eb.ref('excluded.state'),
              event_id: eb.ref('excluded.event_id'),
              school_code: eb.ref('excluded.school_code'),
              snapshot_json: eb.ref('excluded.snapshot_json'),
              final_photo_sha256: eb.ref('excluded.final_photo_sha256'),
              original_photo_sha256: eb.ref('excluded.original_photo_sha256'),
              id_last4: eb.ref('excluded.id_last4'),
              received_at: eb.ref('excluded.received_at'),
            }))
            .where((eb) =>
              eb.and([
                eb('orders.revision', '<', eb.ref('excluded.revision')),
                eb('orders.station_id', '=', eb.ref('excluded.station_id')),
              ]),
            ),
        )
        .execute();
      return tx
        .selectFrom('orders')
        .select(['station_id', 'revision', 'received_at'])
        .where('uuid', '=', uuid)
        .executeTakeFirstOrThrow();
    });
    if (Number(stored.station_id) !== stationId) return { kind: 'other_station' };
    if (stored.revision > snapshot.revision) return { kind: 'stale', storedRevision: stored.revision };
    // stored.revision === snapshot.revision: this push, or a replay of it — the same answer either way
    return { kind: 'accepted', body: { uuid, revision: stored.revision, receivedAt: stored.received_at } };
  }

  async snapshot(uuid: string): Promise<{ stationId: number; revision: number; snapshot: OrderSnapshot } | null> {
    const r = await this.db
      .selectFrom('orders')
      .select(['station_id', 'revision', 'snapshot_json'])
      .where('uuid', '=', uuid)
      .executeTakeFirst();
    if (!r) return null;
    return {
      stationId: Number(r.station_id),
      revision: r.revision,
      snapshot: JSON.parse(r.snapshot_json) as OrderSnapshot,
    };
  }
}

import type { Kysely } from 'kysely';
import type { AdminOrder, AdminOrdersPage, ServerStats, StationStats } from '../shared/central';
import type { OrderState } from '../shared/domain/order-state';
import type { CentralDatabase } from './db/schema';

// `studio server stats --json`, GET /v1/admin/stats and GET /v1/admin/orders: enough for a test or an
// office to compare both sides (counts, and every order's final photo sha256).

const n = (v: unknown): number => Number(v ?? 0); // PostgreSQL returns count/sum as strings

export async function serverStats(db: Kysely<CentralDatabase>): Promise<ServerStats> {
  const stations = await db.selectFrom('stations').select(['id', 'name']).orderBy('name').execute();
  const orders = await db
    .selectFrom('orders')
    .select(['station_id', (eb) => eb.fn.countAll().as('c')])
    .groupBy('station_id')
    .execute();
  const photos = await db
    .selectFrom('photos')
    .select(['station_id', (eb) => eb.fn.countAll().as('c'), (eb) => eb.fn.sum('bytes').as('b')])
    .groupBy('station_id')
    .execute();
  const reviews = await db
    .selectFrom('reviews')
    .select(['station_id', (eb) => eb.fn.countAll().as('c')])
    .groupBy('station_id')
    .execute();
  const per: StationStats[] = stations.map((s) => {
    const id = Number(s.id);
    const p = photos.find((r) => Number(r.station_id) === id);
    return {
      station: s.name,
      orders: n(orders.find((r) => Number(r.station_id) === id)?.c),
      photos: n(p?.c),
      photoBytes: n(p?.b),
      reviews: n(reviews.find((r) => Number(r.station_id) === id)?.c),
    };
  });
  const sum = (k: keyof Omit<StationStats, 'station'>) => per.reduce((a, s) => a + s[k], 0);
  return {
    orders: sum('orders'),
    photos: sum('photos'),
    photoBytes: sum('photoBytes'),
    reviews: sum('reviews'),
    stations: per,
  };
}

export async function adminOrders(
  db: Kysely<CentralDatabase>,
  filter: { station?: string; limit: number; offset: number },
): Promise<AdminOrdersPage> {
  let q = db.selectFrom('orders').innerJoin('stations', 'stations.id', 'orders.station_id');
  if (filter.station) q = q.where('stations.name', '=', filter.station);
  const total = await q.select((eb) => eb.fn.countAll().as('c')).executeTakeFirstOrThrow();
  const rows = await q
    .leftJoin('photos', 'photos.sha256', 'orders.final_photo_sha256')
    .select([
      'orders.uuid',
      'stations.name as station',
      'orders.order_no',
      'orders.revision',
      'orders.state',
      'orders.final_photo_sha256',
      'photos.sha256 as stored_sha',
      'orders.first_received_at',
    ])
    .orderBy('orders.first_received_at')
    .orderBy('orders.uuid')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return {
    total: n(total.c),
    orders: rows.map((r): AdminOrder => ({
      uuid: r.uuid,
      station: r.station,
      orderNo: r.order_no,
      revision: r.revision,
      state: r.state as OrderState,
      finalPhotoSha256: r.final_photo_sha256,
      finalPhotoStored: r.stored_sha !== null,
      receivedAt: r.first_received_at,
    })),
  };
}

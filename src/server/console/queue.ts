import type { Kysely } from 'kysely';
import type { OrderSnapshot } from '../../shared/central';
import { ORDER_STATE_LABELS, type OrderState } from '../../shared/domain/order-state';
import type { CentralDatabase } from '../db/schema';

// The review queue: orders 待审核 / 采集中 whose current final photo nobody has decided on, oldest first
// (the same rule as waitsForReview in ../reviews.ts, as one query).

export interface QueueFilter {
  schoolCode?: string;
  eventId?: string;
  station?: string;
  limit?: number;
}

export interface QueueItem {
  uuid: string;
  orderNo: string;
  station: string;
  state: OrderState;
  stateLabel: string;
  revision: number;
  receivedAt: string;
  schoolName: string;
  schoolCode: string;
  eventId: string;
  eventDate: string;
  nameMasked: string;
  studentNo: string;
  gender: string;
  educationLevel: string;
  major: string;
  rejectReason: string | null;
  finalPhoto: OrderSnapshot['finalPhoto'];
  finalPhotoStored: boolean;
  originalPhoto: OrderSnapshot['originalPhoto'];
  originalPhotoStored: boolean;
}

export async function reviewQueue(db: Kysely<CentralDatabase>, filter: QueueFilter = {}): Promise<QueueItem[]> {
  let q = db
    .selectFrom('orders')
    .innerJoin('stations', 'stations.id', 'orders.station_id')
    .leftJoin('photos as fp', 'fp.sha256', 'orders.final_photo_sha256')
    .leftJoin('photos as op', 'op.sha256', 'orders.original_photo_sha256')
    .select([
      'orders.uuid',
      'orders.snapshot_json',
      'orders.revision',
      'orders.first_received_at',
      'stations.name as station',
      'fp.sha256 as fp_stored',
      'op.sha256 as op_stored',
    ])
    .where('orders.state', 'in', ['pending_review', 'collecting'])
    .where('orders.final_photo_sha256', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('orders.reviewed_photo_sha256', 'is', null),
        eb('orders.reviewed_photo_sha256', '<>', eb.ref('orders.final_photo_sha256')),
      ]),
    );
  if (filter.schoolCode) q = q.where('orders.school_code', '=', filter.schoolCode);
  if (filter.eventId) q = q.where('orders.event_id', '=', filter.eventId);
  if (filter.station) q = q.where('stations.name', '=', filter.station);
  const rows = await q
    .orderBy('orders.first_received_at')
    .orderBy('orders.uuid')
    .limit(Math.min(filter.limit ?? 200, 1000))
    .execute();
  return rows.map((r) => {
    const s = JSON.parse(r.snapshot_json) as OrderSnapshot;
    return {
      uuid: r.uuid,
      orderNo: s.orderNo,
      station: r.station,
      state: s.state,
      stateLabel: ORDER_STATE_LABELS[s.state],
      revision: r.revision,
      receivedAt: r.first_received_at,
      schoolName: s.event.schoolName,
      schoolCode: s.event.schoolCode,
      eventId: s.event.id,
      eventDate: s.event.date,
      nameMasked: s.student.nameMasked,
      studentNo: s.student.studentNo,
      gender: s.student.gender,
      educationLevel: s.student.educationLevel,
      major: s.student.major,
      rejectReason: s.rejectReason,
      finalPhoto: s.finalPhoto,
      finalPhotoStored: r.fp_stored !== null,
      originalPhoto: s.originalPhoto,
      originalPhotoStored: r.op_stored !== null,
    };
  });
}

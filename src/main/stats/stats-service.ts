import { ApiError } from '../../shared/api-error';
import { STATION_TIME_ZONE } from '../../shared/domain/business-time';
import { PAYMENT_METHODS, type PaymentMethod } from '../../shared/domain/payment';
import type { EventStats } from '../../shared/contract/stats';
import type { Db } from '../db/open';
import type { EventRepo } from '../events';
import {
  checkTallies,
  perHour,
  perStation,
  retakes,
  type CaptureRow,
  type FinalRow,
  type RejectionRow,
  type StationCaptureRow,
} from './aggregate';

/** Captures not bound through the queue were taken here: this station's event-mode name, else 本机. */
const LOCAL_STATION = `COALESCE((SELECT value FROM station_settings WHERE key = 'lan_station_name'), '本机')`;

// 统计: read-only SQL over orders, photos, order_transitions and payments of one event.

export class StatsService {
  constructor(
    private readonly db: Db,
    private readonly events: EventRepo,
  ) {}

  event(eventId: string): EventStats {
    if (!this.events.get(eventId)) throw new ApiError('not_found', '采集活动不存在', 'eventId');
    // one read transaction: every figure comes from the same snapshot
    return this.db.transaction(() => this.compute(eventId))();
  }

  private compute(eventId: string): EventStats {
    const db = this.db;
    const checkins = db.prepare('SELECT created_at AS at FROM orders WHERE event_id = ?').all(eventId) as {
      at: string;
    }[];
    const captures = db
      .prepare(
        `SELECT p.id, p.order_id AS orderId, p.version, p.created_at AS createdAt
           FROM photos p JOIN orders o ON o.id = p.order_id
          WHERE o.event_id = ? AND p.kind = 'original'`,
      )
      .all(eventId) as CaptureRow[];
    const byStation = db
      .prepare(
        `SELECT p.order_id AS orderId, p.version, COALESCE(b.captured_at, p.created_at) AS at,
                COALESCE(b.station, ${LOCAL_STATION}) AS station, b.id IS NOT NULL AS bound
           FROM photos p JOIN orders o ON o.id = p.order_id
           LEFT JOIN queue_bindings b ON b.photo_id = p.id
          WHERE o.event_id = ? AND p.kind = 'original'`,
      )
      .all(eventId) as (Omit<StationCaptureRow, 'bound'> & { bound: number })[];
    const finals = db
      .prepare(
        `SELECT p.order_id AS orderId, p.version, p.source_photo_id AS sourcePhotoId, p.precheck,
                p.checks_json AS checksJson, p.created_at AS createdAt
           FROM photos p JOIN orders o ON o.id = p.order_id
          WHERE o.event_id = ? AND p.kind = 'final'`,
      )
      .all(eventId) as FinalRow[];
    const rejections = db
      .prepare(
        `SELECT t.order_id AS orderId, t.at FROM order_transitions t JOIN orders o ON o.id = t.order_id
          WHERE o.event_id = ? AND t.action = 'reject'`,
      )
      .all(eventId) as RejectionRow[];
    const totals = db
      .prepare(
        `SELECT
           (SELECT COUNT(*) FROM orders WHERE event_id = @e) AS students,
           (SELECT COUNT(DISTINCT p.order_id) FROM photos p JOIN orders o ON o.id = p.order_id
             WHERE o.event_id = @e AND p.kind = 'final') AS photographed,
           (SELECT COUNT(*) FROM orders o WHERE o.event_id = @e AND (
              SELECT p.precheck FROM photos p WHERE p.order_id = o.id AND p.kind = 'final'
               ORDER BY p.version DESC LIMIT 1) = 'passed') AS passed,
           (SELECT COUNT(DISTINCT po.order_id) FROM payment_orders po JOIN orders o ON o.id = po.order_id
             WHERE o.event_id = @e AND po.active = 1) AS paid,
           (SELECT COALESCE(SUM(amount_fen), 0) FROM payments WHERE event_id = @e AND status = 'valid') AS revenueFen`,
      )
      .get({ e: eventId }) as {
      students: number;
      photographed: number;
      passed: number;
      paid: number;
      revenueFen: number;
    };
    const byMethod = db
      .prepare(
        `SELECT p.method,
                SUM(p.status = 'valid') AS payments,
                SUM(p.status <> 'valid') AS cancelled,
                COALESCE(SUM(CASE WHEN p.status = 'valid' THEN p.amount_fen END), 0) AS totalFen,
                COALESCE(SUM(CASE WHEN p.status = 'valid' THEN
                  (SELECT COUNT(*) FROM payment_orders po WHERE po.payment_id = p.id) END), 0) AS students
           FROM payments p WHERE p.event_id = ? GROUP BY p.method`,
      )
      .all(eventId) as {
      method: PaymentMethod;
      payments: number;
      cancelled: number;
      totalFen: number;
      students: number;
    }[];
    const methods = new Map(byMethod.map((m) => [m.method, m]));

    return {
      eventId,
      timeZone: STATION_TIME_ZONE,
      totals: {
        ...totals,
        captures: captures.length,
        finals: finals.length,
        finalsPassed: finals.filter((f) => f.precheck === 'passed').length,
      },
      perHour: perHour(
        checkins.map((c) => c.at),
        captures.map((c) => c.createdAt),
      ),
      stations: perStation(byStation.map((r) => ({ ...r, bound: r.bound === 1 }))),
      checks: checkTallies(finals),
      retakes: retakes(captures, finals, rejections),
      payments: PAYMENT_METHODS.map((method) => {
        const m = methods.get(method);
        return {
          method,
          payments: m?.payments ?? 0,
          students: m?.students ?? 0,
          totalFen: m?.totalFen ?? 0,
          cancelled: m?.cancelled ?? 0,
        };
      }),
    };
  }
}

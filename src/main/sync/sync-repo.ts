import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open';

// The sync worker's data access: the outbox rows are the queue (written by every change's own transaction), plus
// the tables of migration 005 (sync_orders, sync_uploads, sync_reviews). Nothing here deletes a row.

export interface QueueRow {
  id: number;
  topic: string;
  /** The order the row concerns (a class payment: one row per order), null when none could be found. */
  orderId: string | null;
  attempts: number;
}

/** One order's share of the queue: its pending rows, sent together as one snapshot. */
export interface WorkUnit {
  orderId: string;
  firstId: number;
  attempts: number;
}

export interface UploadRow {
  sha256: string;
  bytes: number;
  upload_url: string | null;
  status: 'pending' | 'complete';
  sent_bytes: number;
  attempts: number;
  last_error: string | null;
  completed_at: string | null;
}

export interface ParkedRow {
  id: number;
  topic: string;
  aggregate_id: string;
  order_no: string | null;
  last_error: string | null;
  park_code: string | null;
  attempts: number;
  created_at: string;
}

/**
 * Rows of the outbox that concern an order (directly, or as a payment allocated to it), up to an id. Written as an
 * `id IN (…)` over the aggregate index: an OR of the two cases made SQLite walk every pending row per order.
 */
const ROWS_OF_ORDER = `id IN (
  SELECT id FROM outbox WHERE aggregate_id = @orderId AND topic != 'payment.upsert' AND id <= @maxId
  UNION ALL
  SELECT o2.id FROM payment_orders po JOIN outbox o2 ON o2.aggregate_id = po.payment_id
   WHERE po.order_id = @orderId AND o2.topic = 'payment.upsert' AND o2.id <= @maxId
)`;

export class SyncRepo {
  /** Prepared statements by SQL text (the worker runs the same few statements thousands of times). */
  private readonly statements = new Map<string, Statement<unknown[]>>();

  constructor(private readonly db: Db) {}

  private sql(text: string): Statement<unknown[]> {
    let st = this.statements.get(text);
    if (!st) {
      st = this.db.prepare(text);
      this.statements.set(text, st);
    }
    return st;
  }

  /** Pending rows due now, oldest first, each mapped to the order(s) it concerns. */
  dueRows(nowIso: string, limit: number): QueueRow[] {
    const rows = this.sql(
      `SELECT ob.id, ob.topic, ob.attempts,
           CASE WHEN ob.topic = 'payment.upsert' THEN po.order_id ELSE ob.aggregate_id END AS order_id
         FROM (SELECT * FROM outbox WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
               ORDER BY id LIMIT ?) ob
         LEFT JOIN payment_orders po ON ob.topic = 'payment.upsert' AND po.payment_id = ob.aggregate_id
         ORDER BY ob.id`,
    ).all(nowIso, limit) as { id: number; topic: string; attempts: number; order_id: string | null }[];
    return rows.map((r) => ({ id: r.id, topic: r.topic, orderId: r.order_id, attempts: r.attempts }));
  }

  /** Group due rows per order, in the order of each order's oldest row. */
  static units(rows: readonly QueueRow[]): WorkUnit[] {
    const byOrder = new Map<string, WorkUnit>();
    for (const r of rows) {
      if (!r.orderId) continue;
      const u = byOrder.get(r.orderId);
      if (u) u.attempts = Math.max(u.attempts, r.attempts);
      else byOrder.set(r.orderId, { orderId: r.orderId, firstId: r.id, attempts: r.attempts });
    }
    return [...byOrder.values()].sort((a, b) => a.firstId - b.firstId);
  }

  earliestDue(): string | null {
    const r = this.sql(
      "SELECT min(next_attempt_at) AS t FROM outbox WHERE status = 'pending' AND next_attempt_at IS NOT NULL",
    ).get() as { t: string | null };
    return r.t;
  }

  maxOutboxId(): number {
    return (this.sql('SELECT coalesce(max(id), 0) AS m FROM outbox').get() as { m: number }).m;
  }

  /**
   * The server holds the order as of outbox row `maxId`: record it, then mark delivered every row up to it that
   * concerns this order — a class payment only once every order it covers is acknowledged past it.
   */
  ackOrder(orderId: string, maxId: number, revision: number, at: string): number {
    return this.db
      .transaction(() => {
        this.sql(
          `INSERT INTO sync_orders (order_id, acked_outbox_id, acked_revision, acked_at) VALUES (?, ?, ?, ?)
             ON CONFLICT(order_id) DO UPDATE SET
               acked_outbox_id = max(acked_outbox_id, excluded.acked_outbox_id),
               acked_revision = max(acked_revision, excluded.acked_revision),
               acked_at = excluded.acked_at`,
        ).run(orderId, maxId, revision, at);
        return this.sql(
          `UPDATE outbox SET status = 'sent', sent_at = @at, last_error = NULL, park_code = NULL, next_attempt_at = NULL
             WHERE status IN ('pending', 'parked') AND ${ROWS_OF_ORDER}
               AND NOT (topic = 'payment.upsert' AND EXISTS (
                 SELECT 1 FROM payment_orders po LEFT JOIN sync_orders s ON s.order_id = po.order_id
                 WHERE po.payment_id = outbox.aggregate_id
                   AND (s.acked_outbox_id IS NULL OR s.acked_outbox_id < outbox.id)))`,
        ).run({ orderId, maxId, at }).changes;
      })
      .immediate();
  }

  /** A 4xx no retry can fix: the rows stay, parked with the message, until retried. */
  parkOrder(orderId: string, maxId: number, message: string, code: string | null): number {
    return this.sql(
      `UPDATE outbox SET status = 'parked', last_error = @message, park_code = @code, attempts = attempts + 1,
           next_attempt_at = NULL
         WHERE status = 'pending' AND ${ROWS_OF_ORDER}`,
    ).run({ orderId, maxId, message, code }).changes;
  }

  /** A retryable failure: try this order again at `nextAt`. */
  deferOrder(orderId: string, maxId: number, message: string, nextAt: string): void {
    this.sql(
      `UPDATE outbox SET attempts = attempts + 1, last_error = @message, next_attempt_at = @nextAt
         WHERE status = 'pending' AND ${ROWS_OF_ORDER}`,
    ).run({ orderId, maxId, message, nextAt });
  }

  /** Rows that concern no order (unknown topic, payment without allocation): parked, never dropped. */
  parkRow(id: number, message: string): void {
    this.sql(
      "UPDATE outbox SET status = 'parked', last_error = ?, park_code = 'local', attempts = attempts + 1 WHERE id = ?",
    ).run(message, id);
  }

  /** Put parked rows back in the queue (all, or only those parked for one reason, e.g. 'unauthorized'). */
  requeueParked(code?: string): number {
    const sql = `UPDATE outbox SET status = 'pending', next_attempt_at = NULL, park_code = NULL
                 WHERE status = 'parked'${code ? ' AND park_code = ?' : ''}`;
    return (code ? this.sql(sql).run(code) : this.sql(sql).run()).changes;
  }

  /** Due again now (after a new configuration or an explicit "sync now"). */
  clearBackoff(): void {
    this.sql("UPDATE outbox SET next_attempt_at = NULL WHERE status = 'pending'").run();
  }

  pendingByTopic(): Record<string, number> {
    const rows = this.sql("SELECT topic, count(*) AS n FROM outbox WHERE status = 'pending' GROUP BY topic").all() as {
      topic: string;
      n: number;
    }[];
    return Object.fromEntries(rows.map((r) => [r.topic, r.n]));
  }

  count(status: 'pending' | 'sent' | 'parked'): number {
    return (this.sql('SELECT count(*) AS n FROM outbox WHERE status = ?').get(status) as { n: number }).n;
  }

  parked(limit = 100): ParkedRow[] {
    return this.sql(
      `SELECT ob.id, ob.topic, ob.aggregate_id, ob.last_error, ob.park_code, ob.attempts, ob.created_at,
           coalesce(o.order_no, (SELECT o2.order_no FROM payment_orders po JOIN orders o2 ON o2.id = po.order_id
                                 WHERE po.payment_id = ob.aggregate_id LIMIT 1)) AS order_no
         FROM outbox ob LEFT JOIN orders o ON o.id = ob.aggregate_id
         WHERE ob.status = 'parked' ORDER BY ob.id LIMIT ?`,
    ).all(limit) as ParkedRow[];
  }

  lastError(): { message: string; at: string } | null {
    const r = this.sql(
      `SELECT last_error, coalesce(next_attempt_at, created_at) AS at FROM outbox
         WHERE status != 'sent' AND last_error IS NOT NULL ORDER BY id DESC LIMIT 1`,
    ).get() as { last_error: string; at: string } | undefined;
    return r ? { message: r.last_error, at: r.at } : null;
  }

  /**
   * The station now syncs with another server: what the old one acknowledged means nothing there. Every order goes
   * again (its rows back in the queue: one snapshot per order as it is now), every photo is uploaded again (the old
   * upload URLs point at the old server), parked items that server refused are tried again (a 'local' one — a
   * problem of this station's own data — stays parked). No row is deleted; the counters start from 0.
   */
  resetForNewServer(): { rows: number; orders: number; uploads: number } {
    const rows = this.sql(
      `UPDATE outbox SET status = 'pending', sent_at = NULL, next_attempt_at = NULL, attempts = 0, last_error = NULL,
           park_code = NULL
         WHERE status = 'sent' OR (status = 'parked' AND coalesce(park_code, '') != 'local')`,
    ).run().changes;
    const orders = this.sql('UPDATE sync_orders SET acked_outbox_id = 0, acked_revision = 0').run().changes;
    const uploads = this.sql(
      `UPDATE sync_uploads SET status = 'pending', upload_url = NULL, sent_bytes = 0, attempts = 0, last_error = NULL,
           completed_at = NULL`,
    ).run().changes;
    return { rows, orders, uploads };
  }

  // ---- uploads --------------------------------------------------------------------------------------------

  upload(sha256: string): UploadRow | null {
    return (this.sql('SELECT * FROM sync_uploads WHERE sha256 = ?').get(sha256) as UploadRow | undefined) ?? null;
  }

  /** Records a photo about to be uploaded; true when it had no row yet (never tried by this station). */
  markUpload(sha256: string, bytes: number): boolean {
    return this.sql('INSERT OR IGNORE INTO sync_uploads (sha256, bytes) VALUES (?, ?)').run(sha256, bytes).changes > 0;
  }

  ensureUpload(sha256: string, bytes: number): UploadRow {
    this.sql('INSERT OR IGNORE INTO sync_uploads (sha256, bytes) VALUES (?, ?)').run(sha256, bytes);
    return this.upload(sha256)!;
  }

  setUploadUrl(sha256: string, url: string): void {
    this.sql('UPDATE sync_uploads SET upload_url = ? WHERE sha256 = ?').run(url, sha256);
  }

  uploadAttempt(sha256: string, bytesSent: number, error: string | null): void {
    this.sql(
      'UPDATE sync_uploads SET attempts = attempts + 1, sent_bytes = sent_bytes + ?, last_error = ? WHERE sha256 = ?',
    ).run(bytesSent, error, sha256);
  }

  completeUpload(sha256: string, bytesSent: number, at: string): void {
    this.sql(
      `UPDATE sync_uploads SET status = 'complete', completed_at = ?, sent_bytes = sent_bytes + ?, last_error = NULL,
           attempts = attempts + 1 WHERE sha256 = ?`,
    ).run(at, bytesSent, sha256);
  }

  uploadTotals(): { photos: number; bytes: number } {
    const r = this.sql(
      `SELECT coalesce(sum(status = 'complete'), 0) AS photos, coalesce(sum(sent_bytes), 0) AS bytes FROM sync_uploads`,
    ).get() as { photos: number; bytes: number };
    return r;
  }

  // ---- reviews --------------------------------------------------------------------------------------------

  /** `key` = `<server scope>:<server cursor>` (see reviewScope). */
  hasReview(key: string): boolean {
    return !!this.sql('SELECT 1 FROM sync_reviews WHERE cursor = ?').get(key);
  }

  /** Decisions stored before they were keyed by server (a bare cursor): they came from `scope`'s server. */
  adoptBareReviews(scope: string): number {
    return this.sql("UPDATE sync_reviews SET cursor = ? || ':' || cursor WHERE instr(cursor, ':') = 0").run(scope)
      .changes;
  }

  addReview(r: {
    /** `<server scope>:<server cursor>` */
    cursor: string;
    orderUuid: string;
    orderId: string | null;
    decision: string;
    reason: string;
    reviewer: string;
    decidedAt: string;
    applied: boolean;
    note: string;
    receivedAt: string;
  }): void {
    this.sql(
      `INSERT INTO sync_reviews (cursor, order_uuid, order_id, decision, reason, reviewer, decided_at, applied, note,
           received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      r.cursor,
      r.orderUuid,
      r.orderId,
      r.decision,
      r.reason,
      r.reviewer,
      r.decidedAt,
      r.applied ? 1 : 0,
      r.note,
      r.receivedAt,
    );
  }

  reviewsApplied(): number {
    return (this.sql('SELECT count(*) AS n FROM sync_reviews WHERE applied = 1').get() as { n: number }).n;
  }
}

import type { Db } from '../db/open';

// Outbox rows for the future sync worker: written in the same transaction as the domain change they
// describe. Nothing here sends anything (sync is a later issue).

export type OutboxTopic = 'order.upsert' | 'order.transition' | 'payment.upsert' | 'photo.final';

export interface OutboxRow {
  id: number;
  topic: OutboxTopic;
  aggregateId: string;
  payload: unknown;
  createdAt: string;
  attempts: number;
  status: 'pending' | 'sent' | 'parked';
}

export class OutboxRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  /** Call inside the transaction that makes the change. */
  add(topic: OutboxTopic, aggregateId: string, payload: unknown): void {
    this.db
      .prepare('INSERT INTO outbox (topic, aggregate_id, payload_json, created_at) VALUES (?, ?, ?, ?)')
      .run(topic, aggregateId, JSON.stringify(payload), this.now().toISOString());
  }

  pending(limit = 100): OutboxRow[] {
    const rows = this.db
      .prepare("SELECT * FROM outbox WHERE status = 'pending' ORDER BY id LIMIT ?")
      .all(limit) as Record<string, unknown>[];
    return rows.map((r) => ({
      id: r.id as number,
      topic: r.topic as OutboxTopic,
      aggregateId: r.aggregate_id as string,
      payload: JSON.parse(r.payload_json as string) as unknown,
      createdAt: r.created_at as string,
      attempts: r.attempts as number,
      status: r.status as OutboxRow['status'],
    }));
  }

  count(status: OutboxRow['status'] = 'pending'): number {
    return (this.db.prepare('SELECT count(*) AS n FROM outbox WHERE status = ?').get(status) as { n: number }).n;
  }
}

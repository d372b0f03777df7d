import type { Kysely, Transaction } from 'kysely';
import type { CentralDatabase } from './schema';

// Group commit for the hot writes (an order accepted, a photo stored): the writes that arrive while the previous
// batch commits go in ONE transaction, and each request is answered only after that commit. One fsync then covers
// many requests (SQLite with synchronous=FULL costs ≈ 6 ms per commit on a loaded laptop disk — three per order
// before this), and nothing is acknowledged before it is durable. A batch that fails is rolled back whole and its
// writes are run again one transaction each, so one bad write never fails the others.

export type WriteOp<T> = (tx: Transaction<CentralDatabase>) => Promise<T>;

interface Pending {
  op: WriteOp<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

export class WriteBatcher {
  private queue: Pending[] = [];
  private draining: Promise<void> | null = null;
  /** Commits and writes so far (for tests and the benchmark). */
  commits = 0;
  writes = 0;

  constructor(
    private readonly db: Kysely<CentralDatabase>,
    private readonly maxBatch = 128,
    private readonly gatherMs = 3,
  ) {}

  /** Runs `op` in the next batch's transaction; resolves after the commit. */
  run<T>(op: WriteOp<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.writes++;
      this.queue.push({ op, resolve: resolve as (v: unknown) => void, reject });
      this.draining ??= this.drain();
    });
  }

  /** Resolves when every write queued so far is committed (graceful shutdown). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    // a few milliseconds for the requests already on their way to join (a commit costs more than the wait)
    await new Promise<void>((r) => setTimeout(r, this.gatherMs));
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.maxBatch);
        if (batch.length === 1) {
          await this.single(batch[0]!);
          continue;
        }
        const results: unknown[] = [];
        try {
          await this.db.transaction().execute(async (tx) => {
            for (const item of batch) results.push(await item.op(tx));
          });
          this.commits++;
        } catch {
          for (const item of batch) await this.single(item);
          continue;
        }
        batch.forEach((item, i) => item.resolve(results[i]));
      }
    } finally {
      this.draining = null;
    }
  }

  private async single(item: Pending): Promise<void> {
    try {
      const r = await this.db.transaction().execute((tx) => item.op(tx));
      this.commits++;
      item.resolve(r);
    } catch (err) {
      item.reject(err);
    }
  }
}

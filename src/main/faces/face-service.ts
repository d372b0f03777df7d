import { createHash } from 'node:crypto';
import type { CaptureFaceHook } from '../captures';
import type { Db } from '../db/open';
import type { FaceEmbedding } from '../../shared/vision/analysis';
import { faceConsistency, type FaceConsistency } from '../../shared/vision/face-consistency';
import { FaceRepo } from './face-repo';

/** Original bytes → the embedding of the main face (null: no face found, or no face model). */
export type FaceEmbedder = (bytes: Buffer) => Promise<FaceEmbedding | null>;

/** One capture's face check: its embedding (kept with the photo once stored) and the consistency verdict. */
export interface FaceCheck {
  embedding: FaceEmbedding | null;
  consistency: FaceConsistency;
}

const CACHE = 8;

/**
 * Face consistency of captures (issue 13). The embedding is computed once per photo bytes (a small cache by
 * SHA-256: the event-mode bind guard and the capture that follows it see the same bytes).
 */
export class FaceService implements CaptureFaceHook<FaceCheck> {
  readonly repo: FaceRepo;
  private readonly cache = new Map<string, Promise<FaceEmbedding | null>>();

  constructor(
    db: Db,
    private readonly embedder: FaceEmbedder,
    private readonly now: () => Date,
  ) {
    this.repo = new FaceRepo(db);
  }

  embed(bytes: Buffer): Promise<FaceEmbedding | null> {
    const key = createHash('sha256').update(bytes).digest('hex');
    let p = this.cache.get(key);
    if (!p) {
      p = this.embedder(bytes);
      this.cache.set(key, p);
      p.catch(() => this.cache.delete(key));
      while (this.cache.size > CACHE) this.cache.delete(this.cache.keys().next().value!);
    }
    return p;
  }

  /**
   * The rule against what this station holds now (earlier captures of the order, the event's other orders), on
   * `known.embedding` when the caller has the capture's embedding already (photo production's), else its own.
   */
  async check(orderId: string, bytes: Buffer, known?: { embedding: FaceEmbedding | null }): Promise<FaceCheck> {
    // photo production's analysis of the same capture ran the embedding stage: the bytes are not analysed again
    const embedding = known ? known.embedding : await this.embed(bytes);
    const consistency = faceConsistency({
      orderId,
      embedding,
      sameOrder: embedding ? this.repo.forOrder(orderId) : [],
      otherOrders: embedding ? this.repo.othersInEvent(orderId) : [],
    });
    return { embedding, consistency };
  }

  keep(photoId: string, orderId: string, check: FaceCheck): void {
    if (check.embedding) this.repo.save(photoId, orderId, check.embedding, this.now().toISOString());
  }

  /** Event mode's bind guard: the Chinese warnings of the check (see src/main/event-mode/bind-guard.ts). */
  async warnings(orderId: string, bytes: Buffer): Promise<string[]> {
    return (await this.check(orderId, bytes)).consistency.warnings.map((w) => w.message);
  }
}

import type { Db } from '../db/open';
import type { FaceEmbedding } from '../../shared/vision/analysis';
import type { FaceCapture } from '../../shared/vision/face-consistency';

// face_embeddings (migration 008): one embedding per original capture. Local only — nothing here is read by the
// outbox, the sync snapshot or the export.

interface Row {
  photo_id: string;
  order_id: string;
  order_no: string;
  name_masked: string;
  model: string;
  dims: number;
  vector: Buffer;
}

function toVector(blob: Buffer, dims: number): number[] {
  const f = new Float32Array(dims);
  new Uint8Array(f.buffer).set(blob.subarray(0, dims * 4));
  return Array.from(f);
}

function toCapture(r: Row): FaceCapture {
  return {
    photoId: r.photo_id,
    orderId: r.order_id,
    orderNo: r.order_no,
    nameMasked: r.name_masked,
    embedding: { model: r.model, vector: toVector(r.vector, r.dims) },
  };
}

const SELECT = `SELECT fe.photo_id, fe.order_id, o.order_no, o.name_masked, fe.model, fe.dims, fe.vector
  FROM face_embeddings fe JOIN orders o ON o.id = fe.order_id JOIN photos p ON p.id = fe.photo_id`;

export class FaceRepo {
  constructor(private readonly db: Db) {}

  /** Keep the embedding of an original capture (once per photo: a second call for the same photo is ignored). */
  save(photoId: string, orderId: string, embedding: FaceEmbedding, at: string): void {
    const blob = Buffer.from(new Float32Array(embedding.vector).buffer);
    this.db
      .prepare(
        `INSERT INTO face_embeddings (photo_id, order_id, model, dims, vector, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (photo_id) DO NOTHING`,
      )
      .run(photoId, orderId, embedding.model, embedding.vector.length, blob, at);
  }

  /** The order's original captures that have an embedding, oldest first. */
  forOrder(orderId: string): FaceCapture[] {
    return (
      this.db
        .prepare(`${SELECT} WHERE fe.order_id = ? AND p.kind = 'original' ORDER BY p.created_at, p.version`)
        .all(orderId) as Row[]
    ).map(toCapture);
  }

  /** Original captures bound to the other orders of the order's event. */
  othersInEvent(orderId: string): FaceCapture[] {
    return (
      this.db
        .prepare(
          `${SELECT} WHERE o.event_id = (SELECT event_id FROM orders WHERE id = ?) AND fe.order_id <> ?
           AND p.kind = 'original'`,
        )
        .all(orderId, orderId) as Row[]
    ).map(toCapture);
  }

  byPhoto(photoId: string): FaceCapture | null {
    const r = this.db.prepare(`${SELECT} WHERE fe.photo_id = ?`).get(photoId) as Row | undefined;
    return r ? toCapture(r) : null;
  }
}

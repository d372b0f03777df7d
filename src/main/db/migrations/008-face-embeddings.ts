import type { Migration } from '../migration';

// Face consistency (issue 13): the face identity embedding of each original capture, keyed by the photo. A
// biometric template: it stays in this station's database only — no outbox row, no sync snapshot, no export
// column reads this table — and goes with its photo (ON DELETE CASCADE). `model` names the network (vectors of
// different models are never compared); `vector` is the unit-length float32 vector, little-endian.
export const m008FaceEmbeddings: Migration = {
  version: 8,
  name: 'face-embeddings',
  up(db) {
    db.exec(`
      CREATE TABLE face_embeddings (
        photo_id TEXT PRIMARY KEY REFERENCES photos(id) ON DELETE CASCADE,
        order_id TEXT NOT NULL REFERENCES orders(id),
        model TEXT NOT NULL CHECK (length(model) BETWEEN 1 AND 40),
        dims INTEGER NOT NULL CHECK (dims > 0),
        vector BLOB NOT NULL CHECK (length(vector) = 4 * dims),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX face_embeddings_order ON face_embeddings(order_id);
    `);
  },
};

import { describe, expect, it } from 'vitest';
import {
  FACE_THRESHOLDS,
  faceConsistency,
  faceSimilarity,
  type FaceCapture,
} from '../../../src/shared/vision/face-consistency';
import type { FaceEmbedding } from '../../../src/shared/vision/analysis';

// Unit vectors with a chosen cosine to the reference e0: cos·e0 + sin·e_k.
const DIMS = 8;
function vec(cos: number, k = 1): FaceEmbedding {
  const v = new Array<number>(DIMS).fill(0);
  v[0] = cos;
  v[k] = Math.sqrt(1 - cos * cos);
  return { model: 'faceres', vector: v };
}
const A = vec(1);
const cap = (orderId: string, embedding: FaceEmbedding, photoId = `${orderId}-p`): FaceCapture => ({
  photoId,
  orderId,
  orderNo: `S1-20260601-${orderId}`,
  nameMasked: '黄*正',
  embedding,
});

describe('faceSimilarity', () => {
  it('is the cosine; null across models or lengths', () => {
    expect(faceSimilarity(A, vec(0.42))).toBeCloseTo(0.42, 6);
    expect(faceSimilarity(A, { model: 'other', vector: A.vector })).toBeNull();
    expect(faceSimilarity(A, { model: 'faceres', vector: [1, 0] })).toBeNull();
  });
});

describe('faceConsistency', () => {
  const t = FACE_THRESHOLDS;

  it('no embedding: nothing to say; first capture of an event: first', () => {
    expect(faceConsistency({ orderId: 'A', embedding: null, sameOrder: [cap('A', A)], otherOrders: [] })).toEqual({
      status: 'no_face',
      warnings: [],
      sameSimilarity: null,
    });
    expect(faceConsistency({ orderId: 'A', embedding: A, sameOrder: [], otherOrders: [] }).status).toBe('first');
  });

  it('same person again on the order: ok, no warning', () => {
    const r = faceConsistency({ orderId: 'A', embedding: vec(0.9), sameOrder: [cap('A', A)], otherOrders: [] });
    expect(r).toMatchObject({ status: 'ok', warnings: [], sameSimilarity: 0.9 });
  });

  it('another person on the order (best earlier capture below sameMin): different_person', () => {
    const r = faceConsistency({
      orderId: 'A',
      embedding: vec(t.sameMin - 0.05),
      sameOrder: [cap('A', A, 'a1'), cap('A', vec(0.1, 2), 'a2')],
      otherOrders: [],
    });
    expect(r.status).toBe('warn');
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ kind: 'different_person', photoId: 'a1' });
    expect(r.warnings[0]!.message).toContain('不一致');
  });

  it('one earlier capture matching is enough (the best one counts)', () => {
    const r = faceConsistency({
      orderId: 'A',
      embedding: A,
      sameOrder: [cap('A', vec(0.1, 2), 'a1'), cap('A', vec(0.95), 'a2')],
      otherOrders: [],
    });
    expect(r.status).toBe('ok');
  });

  it('matches a capture bound to another student: matches_other_student with that order', () => {
    const r = faceConsistency({
      orderId: 'B',
      embedding: A,
      sameOrder: [],
      otherOrders: [cap('A', vec(t.swapMin + 0.1)), cap('C', vec(0.2, 3))],
    });
    expect(r.status).toBe('warn');
    expect(r.warnings).toEqual([
      expect.objectContaining({ kind: 'matches_other_student', orderId: 'A', orderNo: 'S1-20260601-A' }),
    ]);
    expect(r.warnings[0]!.message).toContain('S1-20260601-A');
  });

  it('a lookalike below swapMin, or below the order’s own match, is no swap', () => {
    expect(
      faceConsistency({ orderId: 'B', embedding: A, sameOrder: [], otherOrders: [cap('A', vec(t.swapMin - 0.01))] })
        .status,
    ).toBe('ok');
    const own = faceConsistency({
      orderId: 'B',
      embedding: A,
      sameOrder: [cap('B', vec(0.95))],
      otherOrders: [cap('A', vec(0.9, 2))],
    });
    expect(own).toMatchObject({ status: 'ok', warnings: [] });
  });

  it('both at once: retake of another person who is bound to another order', () => {
    const B = vec(0, 4); // orthogonal to A: another person
    const r = faceConsistency({ orderId: 'A', embedding: B, sameOrder: [cap('A', A)], otherOrders: [cap('B', B)] });
    expect(r.warnings.map((w) => w.kind)).toEqual(['different_person', 'matches_other_student']);
  });

  it('captures of other models are ignored, other orders listed at most 3, best first, one per order', () => {
    const others = ['O1', 'O2', 'O3', 'O4'].flatMap((o, i) => [
      cap(o, vec(0.8 + i * 0.04), `${o}-1`),
      cap(o, vec(0.78 + i * 0.04, 2), `${o}-2`),
    ]);
    others.push(cap('X', { model: 'other', vector: A.vector }));
    const r = faceConsistency({ orderId: 'A', embedding: A, sameOrder: [], otherOrders: others });
    expect(r.warnings.map((w) => (w.kind === 'matches_other_student' ? w.orderId : ''))).toEqual(['O4', 'O3', 'O2']);
  });
});

import type { FaceEmbedding } from './analysis';

// Face consistency before a capture is bound to an order (issue 13): the face must match the earlier captures of
// the same order (else: a retake of another person), and must not match a capture already bound to another
// student of the event (else: swapped numbers). Pure: main reads the stored embeddings and passes them in.
//
// Thresholds on the cosine similarity of MobileFaceNet embeddings, from `npm run eval:faces` on 65 real photos of
// 18 people (docs/BENCHMARKS.md, "Face identity"). Two thresholds because the two questions differ: the retake
// check compares with one order's captures (a false alarm costs one glance), the swap check with every other
// student of the event (hundreds of comparisons, so it needs a much lower false-accept rate per pair).

export const FACE_THRESHOLDS = {
  /** Below this similarity to every earlier capture of the order: "not the same person". */
  sameMin: 0.6,
  /** At or above this similarity to another student's capture (and above the order's own): "swapped numbers". */
  swapMin: 0.75,
} as const;

export interface FaceThresholds {
  sameMin: number;
  swapMin: number;
}

/** One stored capture with its embedding (an original photo of an order). */
export interface FaceCapture {
  photoId: string;
  orderId: string;
  /** The order's number, for the warning text (e.g. S1-20260601-0042). */
  orderNo?: string;
  /** Masked name of the order's student (黄*正), for the warning text. */
  nameMasked?: string;
  embedding: FaceEmbedding;
}

export type FaceWarning =
  | {
      kind: 'different_person';
      /** The earlier capture of this order that matched best (still below sameMin). */
      photoId: string;
      similarity: number;
      message: string;
    }
  | {
      kind: 'matches_other_student';
      orderId: string;
      orderNo?: string;
      nameMasked?: string;
      photoId: string;
      similarity: number;
      message: string;
    };

export interface FaceConsistencyInput {
  orderId: string;
  /** The new capture's embedding; null when no face (or no model): nothing can be said. */
  embedding: FaceEmbedding | null;
  /** Earlier captures of the same order. */
  sameOrder: readonly FaceCapture[];
  /** Captures bound to other orders of the same event. */
  otherOrders: readonly FaceCapture[];
  thresholds?: FaceThresholds;
}

export interface FaceConsistency {
  /** 'no_face': no embedding to compare; 'first': nothing to compare with; 'ok' / 'warn' otherwise. */
  status: 'no_face' | 'first' | 'ok' | 'warn';
  warnings: FaceWarning[];
  /** Best similarity to the order's own earlier captures (null when there are none). */
  sameSimilarity: number | null;
}

/** Cosine similarity of two embeddings; null when they come from different models or have different lengths. */
export function faceSimilarity(a: FaceEmbedding, b: FaceEmbedding): number | null {
  if (a.model !== b.model || a.vector.length !== b.vector.length || a.vector.length === 0) return null;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.vector.length; i++) {
    const x = a.vector[i]!;
    const y = b.vector[i]!;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  const d = Math.sqrt(na * nb);
  return d > 0 ? dot / d : null;
}

const MAX_OTHER_WARNINGS = 3;
const round = (v: number) => Math.round(v * 1000) / 1000;

function bestMatch(embedding: FaceEmbedding, captures: readonly FaceCapture[]) {
  let best: { capture: FaceCapture; similarity: number } | null = null;
  for (const capture of captures) {
    const similarity = faceSimilarity(embedding, capture.embedding);
    if (similarity !== null && (!best || similarity > best.similarity)) best = { capture, similarity };
  }
  return best;
}

export function faceConsistency(input: FaceConsistencyInput): FaceConsistency {
  const t = input.thresholds ?? FACE_THRESHOLDS;
  const e = input.embedding;
  if (!e) return { status: 'no_face', warnings: [], sameSimilarity: null };
  const warnings: FaceWarning[] = [];
  const own = bestMatch(
    e,
    input.sameOrder.filter((c) => c.orderId === input.orderId),
  );
  if (own && own.similarity < t.sameMin) {
    warnings.push({
      kind: 'different_person',
      photoId: own.capture.photoId,
      similarity: round(own.similarity),
      message: '人脸与本订单之前拍摄的照片不一致，可能不是同一人，请核对学生身份后再绑定',
    });
  }
  // Per other order its best capture; a lookalike that matches less than the order's own captures is no swap.
  const perOrder = new Map<string, { capture: FaceCapture; similarity: number }>();
  for (const c of input.otherOrders) {
    if (c.orderId === input.orderId) continue;
    const similarity = faceSimilarity(e, c.embedding);
    if (similarity === null || similarity < t.swapMin) continue;
    if (own && similarity <= own.similarity) continue;
    const prev = perOrder.get(c.orderId);
    if (!prev || similarity > prev.similarity) perOrder.set(c.orderId, { capture: c, similarity });
  }
  const others = [...perOrder.values()].sort((p, q) => q.similarity - p.similarity).slice(0, MAX_OTHER_WARNINGS);
  for (const { capture, similarity } of others) {
    const who = [capture.orderNo, capture.nameMasked].filter(Boolean).join(' ');
    warnings.push({
      kind: 'matches_other_student',
      orderId: capture.orderId,
      orderNo: capture.orderNo,
      nameMasked: capture.nameMasked,
      photoId: capture.photoId,
      similarity: round(similarity),
      message: `人脸与本活动另一名学生${who ? `（${who}）` : ''}已绑定的照片相似，可能拍摄号错位，请核对后再绑定`,
    });
  }
  const compared = own !== null || input.otherOrders.length > 0;
  return {
    status: warnings.length ? 'warn' : compared ? 'ok' : 'first',
    warnings,
    sameSimilarity: own ? round(own.similarity) : null,
  };
}

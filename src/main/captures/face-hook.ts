import type { FaceEmbedding } from '../../shared/vision/analysis';
import type { FaceConsistency } from '../../shared/vision/face-consistency';

// What the capture flow needs from face consistency (src/main/faces implements it; studio.ts plugs it in as
// CaptureService.faces): a check before the original is bound (on production's embedding of the capture when it
// has one), and keeping the embedding once the original is stored. `T` is whatever the check carries over to
// `keep` (the embedding).

export interface FaceCheckResult {
  consistency: FaceConsistency;
}

export interface CaptureFaceHook<T extends FaceCheckResult = FaceCheckResult> {
  /**
   * `known`: the capture's embedding as photo production found it (its analysis ran the embedding stage on the
   * same capture); without it the hook analyses the bytes itself.
   */
  check(orderId: string, bytes: Buffer, known?: { embedding: FaceEmbedding | null }): Promise<T>;
  keep(photoId: string, orderId: string, check: T): void;
}

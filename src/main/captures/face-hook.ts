import type { FaceConsistency } from '../../shared/vision/face-consistency';

// What the capture flow needs from face consistency (src/main/faces implements it; studio.ts plugs it in as
// CaptureService.faces): a check before the original is bound, and keeping the embedding once the original is
// stored. `T` is whatever the check carries over to `keep` (the embedding).

export interface FaceCheckResult {
  consistency: FaceConsistency;
}

export interface CaptureFaceHook<T extends FaceCheckResult = FaceCheckResult> {
  check(orderId: string, bytes: Buffer): Promise<T>;
  keep(photoId: string, orderId: string, check: T): void;
}

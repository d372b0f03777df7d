import type { FaceEmbedding } from '../../shared/vision/analysis';

// What the records core needs from photo production (src/main/production): original bytes in, the final JPG
// and its 初审 (automatic checks) out. studio.ts adapts producePhoto() (its ProducedPhoto) to this shape.

export interface PrecheckedFinal {
  jpeg: Buffer;
  precheck: 'passed' | 'failed';
  checks: unknown;
  /** Production's own stage laps (decode, analyze, crop …), ms; carried into the capture's timings. */
  timings?: Record<string, number>;
  /**
   * The capture's face identity embedding from production's analysis (null: no face embedding found there;
   * undefined: production did not compute one — the face check then analyses the capture itself).
   */
  embedding?: FaceEmbedding | null;
}

export type PhotoProducer = (source: Buffer, profileId: string) => Promise<PrecheckedFinal>;

// What the records core needs from photo production (src/main/production): original bytes in, the final JPG
// and its 初审 (automatic checks) out. studio.ts adapts producePhoto() (its ProducedPhoto) to this shape.

export interface PrecheckedFinal {
  jpeg: Buffer;
  precheck: 'passed' | 'failed';
  checks: unknown;
  /** Production's own stage laps (decode, analyze, crop …), ms; carried into the capture's timings. */
  timings?: Record<string, number>;
}

export type PhotoProducer = (source: Buffer, profileId: string) => Promise<PrecheckedFinal>;

// What the records core needs from photo production (src/main/production): original bytes in, the final JPG
// and its 初审 (automatic checks) out. studio.ts adapts producePhoto() to this shape.

export interface ProducedPhoto {
  jpeg: Buffer;
  precheck: 'passed' | 'failed';
  checks: unknown;
}

export type PhotoProducer = (source: Buffer, profileId: string) => Promise<ProducedPhoto>;

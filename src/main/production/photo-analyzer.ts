import type { RawImage } from '../../shared/image/raw-image';
import type { Analysis } from '../../shared/vision/analysis';

/**
 * What photo production (produce.ts) and its 初审 (review.ts) need from the vision module; createVision()
 * satisfies it. Declared here, below both, so neither imports the other for it.
 */
export interface PhotoAnalyzer {
  /** `stages`: the vision module's names (its defaults when omitted; 'embedding' only when asked for). */
  analyze(image: RawImage, opts?: { stages?: AnalysisStage[] }): Promise<Analysis>;
}

export type AnalysisStage = 'faces' | 'crowd' | 'landmarks' | 'body' | 'mask' | 'embedding';

// Photo production's in-process API (stable): raw capture → final JPEG + 初审 verdict, and the print sheet.
export {
  producePhoto,
  PhotoRefusedError,
  ANALYSIS_LONG_SIDE,
  type ProducedPhoto,
  type PhotoGeometry,
  type ProduceOptions,
} from './produce';
export type { PhotoAnalyzer } from './photo-analyzer';
export { reviewPhoto, type ReviewReason, type ReviewResult } from './review';
export { LIMIT_INPUT_PIXELS } from './decode';
export type { Refusal, RefusalCode } from '../../shared/photo/refusal';

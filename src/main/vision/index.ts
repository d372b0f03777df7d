// The vision module's in-process API (stable): used by photo production, the live view and the CLI.
export {
  createVision,
  type Vision,
  type VisionOptions,
  type VisionStatus,
  type Inspection,
  type LatestResult,
} from './vision-service';
export { decodeImage, ImageDecodeError } from './decode-image';
export { runChecks, verdictOf } from '../../shared/checks/run-checks';
export { planCrop, type CropPlan } from '../../shared/checks/crop-plan';
export type { Stage } from './analyzer';

import type { Box } from '../vision/analysis';

export type CheckId =
  | 'face.count'
  | 'head.pose'
  | 'eyes.open'
  | 'mouth.closed'
  | 'ears.symmetric'
  | 'shoulders.level'
  | 'framing.headroom'
  | 'framing.eyes'
  | 'framing.face_size'
  | 'framing.centered'
  | 'framing.shoulders'
  | 'glare.glasses'
  | 'light.highlights'
  | 'light.exposure'
  | 'background.uniform'
  | 'background.color'
  | 'clothing.contrast'
  | 'sharpness'
  | 'headwear'
  | 'accessories';

/** Every check, in display order. */
export const CHECK_IDS: readonly CheckId[] = [
  'face.count',
  'head.pose',
  'eyes.open',
  'mouth.closed',
  'ears.symmetric',
  'shoulders.level',
  'framing.headroom',
  'framing.eyes',
  'framing.face_size',
  'framing.centered',
  'framing.shoulders',
  'glare.glasses',
  'light.highlights',
  'light.exposure',
  'background.uniform',
  'background.color',
  'clothing.contrast',
  'sharpness',
  'headwear',
  'accessories',
];

/**
 * 'unmeasured': the check did not run on this image (accessories without 初审's face parsing, i.e. live): never a
 * pass shown green, never a failure — it neither fails a photo nor holds back auto-capture.
 */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'unmeasured';

export interface CheckResult {
  id: CheckId;
  status: CheckStatus;
  /** The measured value (units per check; null when it could not be measured). */
  value: number | null;
  /** The threshold the value was compared with (a number, or "min..max"). */
  threshold: number | string;
  /** Short Chinese coaching prompt for the photographer (empty-ish confirmation when passing). */
  message: string;
  /** Where to draw attention in the analysed image, when there is a place. */
  region: Box | null;
  /** Operator-facing name of a collection vendor's 初审 measure, for the five checks that mirror one. */
  vendorName?: string;
}

/**
 * How a check may affect the verdict. 'hard': a fail blocks auto-capture and fails the photo.
 * 'warn-only': never reports worse than 'warn' because it is not reliable enough (see the reason next to each).
 */
export type CheckSeverity = 'hard' | 'warn-only';

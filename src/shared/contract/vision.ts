import { z } from 'zod';
import { CHECK_IDS, type CheckId } from '../checks/types';
import { Empty } from './app';
import { ImageBase64, ProfileId } from './fields';

// Vision: compliance checks of one photo (初审 / imported file) and of live-view frames (latest wins).

export const BoxSchema = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });

export const CheckResultSchema = z.object({
  id: z.enum(CHECK_IDS as [CheckId, ...CheckId[]]),
  status: z.enum(['pass', 'warn', 'fail', 'unmeasured']),
  value: z.number().nullable(),
  threshold: z.union([z.number(), z.string()]),
  message: z.string(),
  region: BoxSchema.nullable(),
  vendorName: z.string().optional(),
});

const PointSchema = z.object({ x: z.number(), y: z.number() });

/** What the UI overlay needs (no mesh, no mask pixels). */
export const AnalysisSummary = z.object({
  width: z.number().int(),
  height: z.number().int(),
  faces: z.array(z.object({ box: BoxSchema, score: z.number(), keypoints: z.array(PointSchema) })),
  pose: z.object({ yaw: z.number(), pitch: z.number(), roll: z.number() }).nullable(),
  eyes: z.object({ right: PointSchema, left: PointSchema }).nullable(),
  body: z.array(z.object({ name: z.string(), x: z.number(), y: z.number(), score: z.number() })),
  timings: z.record(z.string(), z.number()),
  frameOf: z.record(z.string(), z.number()),
});

/** The station's backdrop mode (src/shared/spec/backdrop.ts), kept in the station settings. */
export const Backdrop = z.enum(['replace', 'blue'], {
  error: '背景模式应为 replace（任意纯色背景，成片换底）或 blue（蓝色背景布）',
});
const VisionSettings = z.object({ backdrop: Backdrop });

export const visionContract = {
  'vision.analyzeImage': {
    request: z.strictObject({ image: ImageBase64, profileId: ProfileId }),
    response: z.object({
      verdict: z.enum(['pass', 'fail']),
      checks: z.array(CheckResultSchema),
      analysis: AnalysisSummary,
    }),
  },
  'vision.analyzeFrame': {
    request: z.strictObject({
      image: ImageBase64,
      profileId: ProfileId,
      /** A different sitter or camera from this frame on: forget the smoothed statuses of the previous one. */
      newSubject: z.boolean().optional(),
    }),
    response: z.object({
      /** True when a newer frame replaced this one before it was analysed (latest wins). */
      dropped: z.boolean(),
      frame: z.number().int(),
      /** Body, mask and second-face search not all measured yet (the first frames of a sitter): `checks` is empty. */
      pending: z.boolean(),
      allPass: z.boolean(),
      checks: z.array(CheckResultSchema),
      analysis: AnalysisSummary.nullable(),
    }),
  },
  /** Station vision settings: the backdrop mode decides how strict background.color/uniform are on raw frames. */
  'vision.settings': { request: Empty, response: VisionSettings },
  'vision.setBackdrop': { request: z.strictObject({ backdrop: Backdrop }), response: VisionSettings },
  'vision.status': {
    request: Empty,
    response: z.object({
      started: z.boolean(),
      ready: z.boolean(),
      loaded: z.array(z.string()),
      missing: z.array(z.string()),
      threads: z.number().int(),
    }),
  },
} as const;

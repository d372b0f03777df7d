import { z } from 'zod';
import { Empty } from './app';
import { ImageBase64, ProfileId } from './fields';

// Photo production: a raw capture → the final 480×640 JPEG on #28BEFA with its 初审 verdict; the profiles it knows.

export const PhotoReason = z.object({ code: z.string(), message: z.string() });

const Placement = z.object({
  headTop: z.number(),
  eyeLine: z.number(),
  faceWidth: z.number(),
  centerOffset: z.number(),
});

export const PhotoProduceResult = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('produced'),
    profileId: z.string(),
    jpegBase64: z.string(),
    bytes: z.number().int(),
    quality: z.number().int(),
    /** 初审 verdict of the final photo, and why it failed. */
    passed: z.boolean(),
    reasons: z.array(PhotoReason),
    predicted: Placement,
    measured: Placement.nullable(),
    ms: z.number(),
  }),
  z.object({ status: z.literal('refused'), refusal: PhotoReason, ms: z.number() }),
]);
export type PhotoProduceResult = z.infer<typeof PhotoProduceResult>;

const Range = z.object({ min: z.number(), max: z.number() });

export const PhotoProfileView = z.object({
  id: z.string(),
  name: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  dpi: z.number().int(),
  background: z.string(),
  bytes: z.object({ min: z.number().int(), max: z.number().int().nullable() }),
  minJpegQuality: z.number().int(),
  geometry: z.object({ headTop: Range, eyeLine: Range, faceWidth: Range, maxCenterOffset: z.number() }),
});

export const PrintProfileView = z.object({
  id: z.string(),
  name: z.string(),
  widthMm: z.number(),
  heightMm: z.number(),
  dpi: z.number().int(),
  /** Prints per 6-inch sheet without / with captions. */
  perSheet: z.object({ plain: z.number().int(), captioned: z.number().int() }),
});

export const productionContract = {
  'photo.produce': {
    request: z.strictObject({
      imageBase64: ImageBase64,
      profileId: ProfileId,
    }),
    response: PhotoProduceResult,
  },
  'photo.profiles': {
    request: Empty,
    response: z.object({
      defaultProfileId: z.string(),
      profiles: z.array(PhotoProfileView),
      prints: z.array(PrintProfileView),
    }),
  },
} as const;

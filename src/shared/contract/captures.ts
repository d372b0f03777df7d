import { z } from 'zod';
import { Id, ImageBase64, Operator, ProfileId } from './fields';
import { FaceConsistencyView } from './face';
import { OrderView, PhotoView } from './views';

// Captures: an order's stored photo versions (src/main/captures). Method names stay photos.* for the UI.

export const capturesContract = {
  /** Store the original capture (first, durably); then the final photo when photo production is available. */
  'photos.capture': {
    request: z.strictObject({
      orderId: Id,
      imageBase64: ImageBase64,
      profileId: ProfileId,
      operator: Operator,
    }),
    response: z.object({
      original: PhotoView,
      final: PhotoView.nullable(),
      order: OrderView,
      /** Where the capture's time went: stage → ms (inspect, store, production …, total). Diagnostics only. */
      timings: z.record(z.string(), z.number()).optional(),
      /** Face consistency of this capture (issue 13); null when it could not be checked, absent without a model. */
      face: FaceConsistencyView.nullable().optional(),
    }),
  },
  /** Add a final version produced elsewhere (e.g. the photo editor) from an existing original. */
  'photos.addFinal': {
    request: z.strictObject({
      orderId: Id,
      sourcePhotoId: Id,
      imageBase64: ImageBase64,
      profileId: ProfileId,
      precheck: z.enum(['passed', 'failed'], { error: '初审结果应为 passed 或 failed' }),
      checks: z.unknown().optional(),
      operator: Operator,
    }),
    response: z.object({ final: PhotoView, order: OrderView }),
  },
  'photos.list': {
    request: z.strictObject({ orderId: Id }),
    response: z.object({ photos: z.array(PhotoView) }),
  },
  /** Result of the startup scan: files without a row, rows whose file is gone. */
  'photos.health': {
    request: z.strictObject({}),
    response: z.object({
      orphans: z.array(z.object({ sha256: z.string(), bytes: z.number().int(), foundAt: z.string() })),
      missing: z.array(z.object({ photoId: z.string(), orderId: z.string(), orderNo: z.string(), sha256: z.string() })),
    }),
  },
} as const;

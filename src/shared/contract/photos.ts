import { z } from 'zod';
import { Id, Operator, OrderView, PhotoView } from '../domain/records';

export const MAX_PHOTO_BASE64 = 30 * 1024 * 1024;

const imageBase64 = z
  .string({ error: '缺少照片数据' })
  .min(16, { error: '照片数据为空' })
  .max(MAX_PHOTO_BASE64, { error: '照片过大（上限约 22 MB）' });

export const photosContract = {
  /** Store the original capture (first, durably); then the final photo when photo production is available. */
  'photos.capture': {
    request: z.strictObject({
      orderId: Id,
      imageBase64,
      profileId: z.string().trim().max(32).default('chsi'),
      operator: Operator,
    }),
    response: z.object({ original: PhotoView, final: PhotoView.nullable(), order: OrderView }),
  },
  /** Add a final version produced elsewhere (e.g. the photo editor) from an existing original. */
  'photos.addFinal': {
    request: z.strictObject({
      orderId: Id,
      sourcePhotoId: Id,
      imageBase64,
      profileId: z.string().trim().max(32).default('chsi'),
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

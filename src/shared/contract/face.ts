import { z } from 'zod';

// Face consistency of a capture (issue 13) as the API answers it: the verdict and its warnings, never the
// embedding itself (biometric data stays in the station's database). Rule: src/shared/vision/face-consistency.ts.

export const FaceWarningView = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('different_person'),
    photoId: z.string(),
    similarity: z.number(),
    message: z.string(),
  }),
  z.object({
    kind: z.literal('matches_other_student'),
    orderId: z.string(),
    orderNo: z.string().optional(),
    nameMasked: z.string().optional(),
    photoId: z.string(),
    similarity: z.number(),
    message: z.string(),
  }),
]);

export const FaceConsistencyView = z.object({
  status: z.enum(['no_face', 'first', 'ok', 'warn']),
  warnings: z.array(FaceWarningView),
  sameSimilarity: z.number().nullable(),
});
export type FaceConsistencyView = z.infer<typeof FaceConsistencyView>;

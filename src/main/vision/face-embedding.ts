import type { FaceEmbedding, FaceLandmarks } from '../../shared/vision/analysis';
import { levelFaceFrame, levelToImage } from '../../shared/photo/level-face-frame';
import { rotatedCrop, type Affine } from './sampler';

// Face identity embedding (FaceRes, models/faceres.onnx: the identity features of HSE FaceRec's MobileNet) on the
// face cut from the FaceMesh landmarks already computed: a square centred on the landmarks' extent, side
// EMBEDDING_CROP_SCALE × its longer side, rotated so the eye line is level (the extent is measured in that level
// frame, so a tilted head gives the same crop). Pure: the analyzer samples the crop through `embeddingCropMap`.
// Crop scale and input range measured with `npm run eval:faces` (docs/BENCHMARKS.md, face identity).

export const EMBEDDING_SIZE = 224;
export const EMBEDDING_MODEL = 'faceres';
/** Crop side / the landmarks' longer extent (1.0: 6.4 %, 1.25: 2.8 %, 1.5: 3.4 % equal error rate on the set). */
export const EMBEDDING_CROP_SCALE = 1.25;
/** The network takes raw 0–255 pixels. */
export const EMBEDDING_INPUT = { scale: 1, offset: 0 } as const;

/** Tensor → image map of the 224×224 face crop for one mesh (the level frame: shared/photo/level-face-frame.ts). */
export function embeddingCropMap(mesh: FaceLandmarks, scale = EMBEDDING_CROP_SCALE): Affine {
  const f = levelFaceFrame(mesh.points);
  const size = Math.max(f.u1 - f.u0, f.v1 - f.v0) * scale;
  const c = levelToImage(f, (f.u0 + f.u1) / 2, (f.v0 + f.v1) / 2);
  return rotatedCrop(c.x, c.y, size, f.angle, EMBEDDING_SIZE);
}

/** Model output → the stored embedding, scaled to unit length (cosine = dot product). */
export function toEmbedding(out: Float32Array): FaceEmbedding {
  let sum = 0;
  for (const v of out) sum += v * v;
  const norm = Math.sqrt(sum) || 1;
  return { model: EMBEDDING_MODEL, vector: Array.from(out, (v) => v / norm) };
}

import type { FaceEmbedding, FaceLandmarks } from '../../shared/vision/analysis';
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

const RIGHT_EYE_OUTER = 33;
const LEFT_EYE_OUTER = 263;

/** Tensor → image map of the 224×224 face crop for one mesh. */
export function embeddingCropMap(mesh: FaceLandmarks, scale = EMBEDDING_CROP_SCALE): Affine {
  const p = mesh.points;
  const angle = Math.atan2(p[LEFT_EYE_OUTER]!.y - p[RIGHT_EYE_OUTER]!.y, p[LEFT_EYE_OUTER]!.x - p[RIGHT_EYE_OUTER]!.x);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  // Extent in the level frame (image rotated by −angle).
  let u0 = Infinity;
  let u1 = -Infinity;
  let v0 = Infinity;
  let v1 = -Infinity;
  for (const q of p) {
    const u = cos * q.x + sin * q.y;
    const v = -sin * q.x + cos * q.y;
    if (u < u0) u0 = u;
    if (u > u1) u1 = u;
    if (v < v0) v0 = v;
    if (v > v1) v1 = v;
  }
  const uc = (u0 + u1) / 2;
  const vc = (v0 + v1) / 2;
  const size = Math.max(u1 - u0, v1 - v0) * scale;
  return rotatedCrop(cos * uc - sin * vc, sin * uc + cos * vc, size, angle, EMBEDDING_SIZE);
}

/** Model output → the stored embedding, scaled to unit length (cosine = dot product). */
export function toEmbedding(out: Float32Array): FaceEmbedding {
  let sum = 0;
  for (const v of out) sum += v * v;
  const norm = Math.sqrt(sum) || 1;
  return { model: EMBEDDING_MODEL, vector: Array.from(out, (v) => v / norm) };
}

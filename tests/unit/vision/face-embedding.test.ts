import { describe, expect, it } from 'vitest';
import { applyAffine } from '../../../src/main/vision/sampler';
import { EMBEDDING_SIZE, embeddingCropMap, toEmbedding } from '../../../src/main/vision/face-embedding';
import type { FaceLandmarks, Point3 } from '../../../src/shared/vision/analysis';

// A stand-in mesh: 468 points on the outline of a 100 × 140 px face centred at (300, 200), rotated by `deg`; the
// outer eye corners (33, 263) on its eye line, so the crop must come out level, centred and 1.25 × 140 px wide.
function mesh(deg: number): FaceLandmarks {
  const a = (deg * Math.PI) / 180;
  const rot = (x: number, y: number): Point3 => ({
    x: 300 + x * Math.cos(a) - y * Math.sin(a),
    y: 200 + x * Math.sin(a) + y * Math.cos(a),
    z: 0,
  });
  const points = Array.from({ length: 468 }, (_, i) => {
    const t = (i / 468) * 2 * Math.PI;
    return rot(50 * Math.cos(t), 70 * Math.sin(t));
  });
  points[33] = rot(-35, -20);
  points[263] = rot(35, -20);
  return { points, score: 1 };
}

describe('embeddingCropMap', () => {
  it.each([0, 12, -25])('centres a square of 1.25 × the face extent on the face, level with the eyes (%i°)', (deg) => {
    const m = embeddingCropMap(mesh(deg));
    const c = applyAffine(m, EMBEDDING_SIZE / 2, EMBEDDING_SIZE / 2);
    expect(c.x).toBeCloseTo(300, 0);
    expect(c.y).toBeCloseTo(200, 0);
    // the crop's x axis follows the eye line; its side is 1.25 × the longer extent (140 px)
    expect((Math.atan2(m.d, m.a) * 180) / Math.PI).toBeCloseTo(deg, 3);
    expect(Math.hypot(m.a, m.d) * EMBEDDING_SIZE).toBeCloseTo(1.25 * 140, 0);
  });
});

describe('toEmbedding', () => {
  it('scales the output to unit length and names the model', () => {
    const e = toEmbedding(new Float32Array([3, 4]));
    expect(e).toEqual({ model: 'faceres', vector: [0.6, 0.8] });
  });
});

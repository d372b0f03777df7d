import { describe, expect, it } from 'vitest';
import { parsingCrop, PARSING_CROP_SCALE, PARSING_CROP_UP } from '../../../src/shared/checks/face-parsing';
import {
  LEFT_EYE_OUTER,
  levelFaceFrame,
  levelToImage,
  RIGHT_EYE_OUTER,
} from '../../../src/shared/photo/level-face-frame';
import { applyAffine } from '../../../src/main/vision/sampler';
import { EMBEDDING_CROP_SCALE, EMBEDDING_SIZE, embeddingCropMap } from '../../../src/main/vision/face-embedding';
import type { FaceLandmarks, Point } from '../../../src/shared/vision/analysis';

// A level "mesh": 468 points filling the box x 30..90, y 20..110, outer eye corners at (40, 50) and (80, 50).
function levelMesh(): Point[] {
  const pts: Point[] = [];
  for (let k = 0; k < 468; k++) pts.push({ x: 30 + ((k * 37) % 61), y: 20 + ((k * 53) % 91) });
  pts[0] = { x: 30, y: 20 };
  pts[1] = { x: 90, y: 110 };
  pts[RIGHT_EYE_OUTER] = { x: 40, y: 50 };
  pts[LEFT_EYE_OUTER] = { x: 80, y: 50 };
  return pts;
}

const rotate = (pts: Point[], t: number, c: Point): Point[] =>
  pts.map((p) => ({
    x: c.x + Math.cos(t) * (p.x - c.x) - Math.sin(t) * (p.y - c.y),
    y: c.y + Math.sin(t) * (p.x - c.x) + Math.cos(t) * (p.y - c.y),
  }));

const mesh = (points: Point[]) => ({ points }) as unknown as FaceLandmarks;

describe('levelFaceFrame (one level head crop geometry for the embedding and the 初审 face parsing)', () => {
  it('measures a level face in image axes', () => {
    const f = levelFaceFrame(levelMesh());
    expect(f.angle).toBe(0);
    expect([f.u0, f.u1, f.v0, f.v1]).toEqual([30, 90, 20, 110]);
    expect(levelToImage(f, 60, 65)).toEqual({ x: 60, y: 65 });
  });

  it('gives a tilted head the same extent, and maps its centre back onto the tilted centre', () => {
    const t = 0.3;
    const centre = { x: 200, y: 150 };
    const level = levelMesh().map((p) => ({ x: p.x + 140, y: p.y + 85 })); // box centre (200, 150)
    const f = levelFaceFrame(rotate(level, t, centre));
    expect(f.angle).toBeCloseTo(t, 12);
    expect(f.u1 - f.u0).toBeCloseTo(60, 9);
    expect(f.v1 - f.v0).toBeCloseTo(90, 9);
    const c = levelToImage(f, (f.u0 + f.u1) / 2, (f.v0 + f.v1) / 2);
    expect(c.x).toBeCloseTo(centre.x, 9);
    expect(c.y).toBeCloseTo(centre.y, 9);
  });

  it('is the frame both crops are cut in: same angle and centre for the embedding and the parsing crop', () => {
    const t = -0.2;
    const centre = { x: 60, y: 65 };
    const pts = rotate(levelMesh(), t, centre);
    // embedding: a square of EMBEDDING_CROP_SCALE × the longer extent (90), centred on the face
    const m = embeddingCropMap(mesh(pts));
    const mid = applyAffine(m, EMBEDDING_SIZE / 2, EMBEDDING_SIZE / 2);
    expect(mid.x).toBeCloseTo(centre.x, 9);
    expect(mid.y).toBeCloseTo(centre.y, 9);
    const right = applyAffine(m, EMBEDDING_SIZE, EMBEDDING_SIZE / 2);
    expect(Math.hypot(right.x - mid.x, right.y - mid.y)).toBeCloseTo((90 * EMBEDDING_CROP_SCALE) / 2, 9);
    expect(Math.atan2(right.y - mid.y, right.x - mid.x)).toBeCloseTo(t, 9);
    // parsing: PARSING_CROP_SCALE × the width (60), moved up the face (along −v) by PARSING_CROP_UP × its side
    const p = parsingCrop(pts);
    const size = 60 * PARSING_CROP_SCALE;
    expect(p.size).toBeCloseTo(size, 9);
    expect(p.angle).toBeCloseTo(t, 12);
    const up = PARSING_CROP_UP * size;
    expect(p.cx).toBeCloseTo(centre.x + Math.sin(t) * up, 9);
    expect(p.cy).toBeCloseTo(centre.y - Math.cos(t) * up, 9);
  });
});

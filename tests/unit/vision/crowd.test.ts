import { describe, expect, it } from 'vitest';
import { mergeTileDetections, tileGrid, type FaceTile } from '../../../src/main/vision/blazeface';
import { applyAffine } from '../../../src/main/vision/sampler';
import { otherFaces } from '../../../src/shared/checks/face-checks';
import { runChecks } from '../../../src/shared/checks/run-checks';
import { createRawImage } from '../../../src/shared/image/raw-image';
import { chsiProfile } from '../../../src/shared/spec/profile';
import type { FaceDetection } from '../../../src/shared/vision/analysis';
import { synthAnalysis } from './synthetic';

const face = (x: number, y: number, w: number, score = 0.9): FaceDetection => ({
  box: { x, y, width: w, height: w },
  score,
  keypoints: [],
});

describe('tiled second-face search', () => {
  it('covers the whole frame with overlapping squares: 4×2 on 1280×720, 2×3 on a portrait photo', () => {
    const live = tileGrid(1280, 720);
    expect(live).toHaveLength(8);
    expect(tileGrid(480, 640)).toHaveLength(6);
    for (const t of live) {
      expect(t.size).toBeCloseTo(468, 0);
      // The detector input's corners land on the tile's corners.
      expect(applyAffine(t.map, 0, 0)).toMatchObject({ x: expect.closeTo(t.x, 6), y: expect.closeTo(t.y, 6) });
      expect(applyAffine(t.map, 128, 128).x).toBeCloseTo(t.x + t.size, 6);
    }
    // Every pixel is inside some tile, and neighbours overlap.
    for (const [x, y] of [
      [0, 0],
      [1279, 719],
      [640, 360],
      [321, 181],
    ] as const)
      expect(live.some((t) => x >= t.x && x <= t.x + t.size && y >= t.y && y <= t.y + t.size)).toBe(true);
    expect(live[1]!.x).toBeLessThan(live[0]!.x + live[0]!.size);
  });

  it('keeps each face once and drops those cut by a tile edge; face.count tells the sitter apart', () => {
    const tile = (x: number, y: number): FaceTile => ({ x, y, size: 400, map: { a: 1, b: 0, c: 0, d: 0, e: 1, f: 0 } });
    const sitter = face(500, 200, 300);
    const small = face(1000, 100, 60, 0.8);
    const found = [
      { tile: tile(400, 100), faces: [face(520, 210, 200)] }, // the sitter again
      { tile: tile(800, 0), faces: [small] },
      { tile: tile(900, 50), faces: [face(1003, 102, 58, 0.7)] }, // the same small face from the next tile
      { tile: tile(0, 0), faces: [face(390, 50, 40)] }, // touches the tile's right edge
    ];
    const tiled = mergeTileDetections(found);
    expect(tiled).toEqual([found[0]!.faces[0], small]);
    expect(otherFaces({ faces: [sitter], tiledFaces: tiled }, 0.6)).toEqual([small]);
  });

  it('keeps a face cut by the image border (the tile edge there is the frame), not one cut inside the frame', () => {
    const tile = (x: number, y: number): FaceTile => ({ x, y, size: 400, map: { a: 1, b: 0, c: 0, d: 0, e: 1, f: 0 } });
    const frame = { width: 1000, height: 700 };
    const cutLeft = face(-20, 300, 60, 0.7); // cut by the image's left border
    const cutBottom = face(700, 660, 60, 0.65); // cut by the image's bottom border (tile 300..700)
    const cutInside = face(380, 100, 40, 0.8); // touches the tile's right edge, inside the image
    const found = [
      { tile: tile(0, 0), faces: [cutLeft, cutInside] },
      { tile: tile(0, 300), faces: [face(-18, 302, 58, 0.66)] }, // the same cut face from the tile below
      { tile: tile(600, 300), faces: [cutBottom] },
    ];
    expect(mergeTileDetections(found, frame)).toEqual([cutLeft, cutBottom]);
    // Without the frame (or with the old rule) every face touching a tile edge is dropped.
    expect(mergeTileDetections(found)).toEqual([]);
    // A tile whose left side is not the image's border still drops a face touching it.
    expect(mergeTileDetections([{ tile: tile(300, 0), faces: [face(299, 100, 60)] }], frame)).toEqual([]);
  });

  it('a small tiled face beside the sitter is somebody else; one on the sitter or of similar size is the sitter', () => {
    const sitter = face(100, 100, 108);
    const beside = face(200, 193, 30, 0.88); // centre (215, 208): inside the 1.5× grown box (73–235), outside the box
    const beside2 = face(65, 176, 39, 0.69); // centre (84.5, 195.5)
    const onSitter = face(140, 120, 30, 0.8); // an eye of the sitter seen in a tile: centre inside the box
    const moved = face(150, 110, 100, 0.9); // the sitter a few frames later: similar size, centre in the grown box
    const tiled = [beside, beside2, onSitter, moved];
    expect(otherFaces({ faces: [sitter], tiledFaces: tiled }, 0.6)).toEqual([beside, beside2]);
  });

  it('face.count counts the tiled faces that are not the sitter', () => {
    const img = createRawImage(480, 640, 3, [200, 170, 150]);
    const sitter = synthAnalysis().faces[0]!;
    const count = (others: FaceDetection[]) =>
      runChecks({ ...synthAnalysis(), tiledFaces: [sitter, ...others] }, img, chsiProfile, ['face.count'])[0]!;
    expect(count([]).status).toBe('pass');
    // The whole frame found nobody; the tiles found the sitter: one face.
    const none = { ...synthAnalysis(), faces: [], tiledFaces: [sitter] };
    expect(runChecks(none, img, chsiProfile, ['face.count'])[0]!.status).toBe('pass');
    expect(count([face(400, 40, 40, 0.8)])).toMatchObject({ status: 'fail', value: 2 });
    expect(count([face(400, 40, 40, 0.3)]).status).toBe('pass');
  });
});

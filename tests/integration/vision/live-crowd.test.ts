import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVision } from '../../../src/main/vision';
import { decodeImage } from '../../../src/main/vision/decode-image';
import { createLivePipeline } from '../../../src/main/vision/live-pipeline';
import { measured } from './live-measured';
import { OTHER_FACE_MIN_PRESENCE } from '../../../src/shared/checks/face-checks';
import { runChecks } from '../../../src/shared/checks/run-checks';
import { chsiProfile } from '../../../src/shared/spec/profile';
import type { RawImage } from '../../../src/shared/image/raw-image';
import type { FaceDetection } from '../../../src/shared/vision/analysis';

// The tiled second-face search through the vision service (the app's two workers), not an in-process analyzer:
// FaceMesh confirms each tiled face that is not the sitter's (the slow worker loads FaceMesh for it), in 初审 and
// in the live view, where the detached search is told the same frame's whole-frame faces so the sitter's own tiled
// face is not confirmed again. A real small face behind the sitter still fails face.count.
const shared = path.resolve(__dirname, '../../../../shared');
const vision = createVision();
afterAll(() => vision.close());

let frame: RawImage;
beforeAll(async () => {
  // portrait-04 with one face of the group photo (about 70 px) pasted top left, as a student waiting behind.
  const face = await sharp(readFileSync(path.join(shared, 'dev-photos/three-faces-01.jpg')))
    .extract({ left: 430, top: 90, width: 165, height: 180 })
    .resize(70)
    .toBuffer();
  const jpeg = await sharp(readFileSync(path.join(shared, 'portraits/portrait-04.jpg')))
    .resize({ height: 720 })
    .composite([{ input: face, left: 20, top: 20 }])
    .jpeg({ quality: 92 })
    .toBuffer();
  frame = await decodeImage(jpeg);
});

// Centre outside the sitter's box grown 1.5× (face.count's own matching rule).
const apart = (t: FaceDetection, f: FaceDetection) =>
  Math.abs(t.box.x + t.box.width / 2 - (f.box.x + f.box.width / 2)) > f.box.width * 0.75 ||
  Math.abs(t.box.y + t.box.height / 2 - (f.box.y + f.box.height / 2)) > f.box.height * 0.75;

describe('tiled faces confirmed by FaceMesh through the vision service', () => {
  it('a still: the small face is confirmed and face.count fails with 2', async () => {
    const { analysis: a, image } = await vision.inspect(frame);
    const small = (a.tiledFaces ?? []).filter((t) => apart(t, a.faces[0]!));
    expect(small).toHaveLength(1);
    expect(small[0]!.presence).toBeGreaterThan(0.9);
    expect(runChecks(a, image, chsiProfile, ['face.count'])[0]).toMatchObject({ status: 'fail', value: 2 });
  });

  it('live: the detached search confirms the small face, not the sitter again; face.count fails', async () => {
    const live = createLivePipeline(vision, () => chsiProfile);
    let seen: FaceDetection[] | null = null;
    for (let k = 0; k < 40 && !seen; k++) {
      const r = await measured(live, frame);
      const a = r.analysis!;
      if (a.frameOf!.crowd! > 0) seen = a.tiledFaces!;
      expect(r.checks!.find((c) => c.id === 'face.count')).toMatchObject({ status: 'fail', value: 2 });
      if (seen) {
        const sitter = a.faces[0]!;
        const [mine, others] = [seen.filter((t) => !apart(t, sitter)), seen.filter((t) => apart(t, sitter))];
        expect(others).toHaveLength(1);
        expect(others[0]!.presence).toBeGreaterThanOrEqual(OTHER_FACE_MIN_PRESENCE);
        for (const t of mine) expect(t.presence).toBeUndefined(); // matched to the known face: no FaceMesh run
      }
      await new Promise((res) => setTimeout(res, 20)); // let the detached result arrive (a camera's pace)
    }
    expect(seen).not.toBeNull();
  });
});

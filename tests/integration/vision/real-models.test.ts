import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createVision } from '../../../src/main/vision';
import { decodeImage } from '../../../src/main/vision/decode-image';
import { runChecks } from '../../../src/shared/checks/run-checks';
import { faceGeometry } from '../../../src/shared/checks/face-geometry';
import { chsiProfile } from '../../../src/shared/spec/profile';
import * as P from '../../../scripts/eval/perturb';

// The real ONNX models on the shared portraits, through the worker thread (run from the TypeScript source).
const dir = path.resolve(__dirname, '../../../../shared/portraits');
const files = ['portrait-01.jpg', 'portrait-02.webp', 'portrait-03.png', 'portrait-04.jpg', 'portrait-05.jpg'];
const vision = createVision();
afterAll(() => vision.close());

describe('vision on real portraits', () => {
  it('starts the worker only on first use and loads all six models', async () => {
    expect((await vision.status()).started).toBe(false);
    const bytes = readFileSync(path.join(dir, files[0]!));
    await vision.analyze(bytes);
    const status = await vision.status();
    expect(status).toMatchObject({ started: true, ready: true, missing: [], threads: 1 });
    expect([...status.loaded].sort()).toEqual(['blazeface', 'faceid', 'facemesh', 'iris', 'movenet', 'selfie']);
  });

  it('finds exactly one face on each portrait, eyes level inside the face box, 468 landmarks, shoulders below', async () => {
    for (const f of files) {
      const a = await vision.analyze(readFileSync(path.join(dir, f)));
      expect(a.faces, f).toHaveLength(1);
      const box = a.faces[0]!.box;
      const g = faceGeometry(a)!;
      expect(a.landmarks!.points).toHaveLength(468);
      expect(g.rightEye.x, f).toBeLessThan(g.leftEye.x);
      for (const e of [g.rightEye, g.leftEye]) {
        expect(e.x).toBeGreaterThan(box.x);
        expect(e.x).toBeLessThan(box.x + box.width);
        expect(e.y).toBeGreaterThan(box.y);
        expect(e.y).toBeLessThan(box.y + box.height * 0.6);
      }
      expect(Math.abs(a.pose!.roll), f).toBeLessThan(6);
      const sh = a.body.find((k) => k.name === 'left_shoulder')!;
      expect(sh.y, f).toBeGreaterThan(g.chin.y);
      expect(a.mask!.width).toBe(256);
    }
  });

  it('a two-face composite fails face.count; a 25° rotation fails head.pose and shoulders.level', async () => {
    const img = await decodeImage(readFileSync(path.join(dir, 'portrait-01.jpg')));
    const other = await decodeImage(readFileSync(path.join(dir, 'portrait-03.png')));
    const { analysis: oa } = await vision.inspect(other);
    const two = await P.pasteSecondFace(img, other, oa, false);
    const twoChecks = runChecks(await vision.analyze(two), two, chsiProfile, ['face.count']);
    expect(twoChecks[0]).toMatchObject({ id: 'face.count', status: 'fail', value: 2 });

    const rotated = await P.rotate(img, 25);
    const r = runChecks(await vision.analyze(rotated), rotated, chsiProfile, ['head.pose', 'shoulders.level']);
    expect(r.map((c) => c.status)).toEqual(['fail', 'fail']);
    expect(Math.abs(r[0]!.value!)).toBeGreaterThan(15);
  });

  it('latest wins: a frame replaced while another runs resolves as dropped', async () => {
    const img = await decodeImage(readFileSync(path.join(dir, 'portrait-04.jpg')));
    const results = await Promise.all([
      vision.analyzeLatest(img),
      vision.analyzeLatest(img),
      vision.analyzeLatest(img),
    ]);
    expect(results.map((r) => r.dropped)).toEqual([false, true, false]);
  });

  it('rejects corrupt bytes with a Chinese message and keeps working', async () => {
    await expect(vision.analyze(new Uint8Array([1, 2, 3, 4]))).rejects.toThrow(/无法识别的图像文件/);
    const a = await vision.analyze(readFileSync(path.join(dir, files[1]!)));
    expect(a.faces).toHaveLength(1);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { createVision } from '../../../src/main/vision';
import { faceSimilarity, FACE_THRESHOLDS } from '../../../src/shared/vision/face-consistency';
import type { FaceEmbedding } from '../../../src/shared/vision/analysis';

// The embedding stage through the vision worker on the shared portraits (five different people): only when asked
// for, unit length, a re-shot of the same face (scaled, brighter, re-encoded) is far above both thresholds, two
// different people never reach the swap threshold, and portrait-01 (person A of the capture test) is below the
// retake threshold against every other person. (Not every pair is: portrait-02 vs -04, two young women, read 0.73.)
const dir = path.resolve(__dirname, '../../../../shared/portraits');
const files = ['portrait-01.jpg', 'portrait-02.webp', 'portrait-03.png', 'portrait-04.jpg', 'portrait-05.jpg'];
const vision = createVision();
afterAll(() => vision.close());
const STAGES = ['faces', 'landmarks', 'embedding'] as const;

async function embed(bytes: Uint8Array): Promise<FaceEmbedding> {
  const a = await vision.analyze(bytes, { stages: [...STAGES] });
  expect(a.embedding, 'embedding').toBeTruthy();
  return a.embedding!;
}

describe('face embedding stage', () => {
  it('is not run by default; when asked for it gives a 1024-d unit vector', async () => {
    const bytes = readFileSync(path.join(dir, files[0]!));
    expect((await vision.analyze(bytes, { stages: ['faces', 'landmarks'] })).embedding).toBeUndefined();
    const e = await embed(bytes);
    expect(e.model).toBe('faceres');
    expect(e.vector).toHaveLength(1024);
    expect(Math.hypot(...e.vector)).toBeCloseTo(1, 5);
  });

  it('same face re-shot matches; the other portraits do not', async () => {
    const all = await Promise.all(files.map((f) => embed(readFileSync(path.join(dir, f)))));
    const src = readFileSync(path.join(dir, files[0]!));
    const meta = await sharp(src).metadata();
    const reshot = await sharp(src)
      .resize(Math.round(meta.width! * 0.8))
      .modulate({ brightness: 1.1 })
      .jpeg({ quality: 80 })
      .toBuffer();
    const again = await embed(reshot);
    const same = faceSimilarity(all[0]!, again)!;
    console.log(`portrait-01 vs its re-shot copy: ${same.toFixed(3)}`);
    expect(same).toBeGreaterThan(FACE_THRESHOLDS.swapMin);
    for (let i = 0; i < all.length; i++)
      for (let j = i + 1; j < all.length; j++) {
        const s = faceSimilarity(all[i]!, all[j]!)!;
        console.log(`${files[i]} vs ${files[j]}: ${s.toFixed(3)}`);
        expect(s, `${files[i]} vs ${files[j]}`).toBeLessThan(FACE_THRESHOLDS.swapMin);
        if (i === 0) expect(s, `${files[i]} vs ${files[j]}`).toBeLessThan(FACE_THRESHOLDS.sameMin);
      }
  });
});

import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PhotoRefusedError, producePhoto } from '../../../src/main/production';
import { producePhotos } from '../../../src/main/cli/commands/photo';
import { inProcessAnalyzer } from './photo-metrics';

// Sources that cannot make a compliant photo are refused with a stable code and a Chinese reason; each fixture is
// derived at run time from ../shared/portraits and says what it simulates.
const P = (f: string) => path.join('../shared/portraits', f);
let vision: Awaited<ReturnType<typeof inProcessAnalyzer>>;
beforeAll(async () => {
  vision = await inProcessAnalyzer();
});
afterAll(() => vision?.close());

async function refusalOf(source: Buffer): Promise<string> {
  try {
    await producePhoto(source, 'chsi', vision.analyzer);
    return 'produced';
  } catch (err) {
    if (err instanceof PhotoRefusedError) {
      expect(err.refusal.message).toMatch(/[\u4e00-\u9fff]/);
      return err.refusal.code;
    }
    throw err;
  }
}

describe('refusals', () => {
  it('two people side by side (two portraits composited) → multiple_faces', async () => {
    const a = await sharp(P('portrait-04.jpg')).resize(512, 715).toBuffer();
    const b = await sharp(P('portrait-01.jpg')).resize(512, 683).toBuffer();
    const two = await sharp({ create: { width: 1024, height: 715, channels: 3, background: '#dddddd' } })
      .composite([
        { input: a, left: 0, top: 0 },
        { input: b, left: 512, top: 32 },
      ])
      .jpeg()
      .toBuffer();
    expect(await refusalOf(two)).toBe('multiple_faces');
  });

  it('the top of the head cut off by the frame (crop starting at the eyebrows) → head_cut_top', async () => {
    const cut = await sharp(P('portrait-04.jpg'))
      .extract({ left: 0, top: 170, width: 512, height: 545 })
      .jpeg()
      .toBuffer();
    expect(await refusalOf(cut)).toBe('head_cut_top');
  });

  it('a tiny face far away (portrait shrunk to 12 % on a large backdrop) → face_too_small or no_face', async () => {
    const small = await sharp(P('portrait-04.jpg')).resize(62).toBuffer();
    const far = await sharp({ create: { width: 1200, height: 1600, channels: 3, background: '#e8e8e8' } })
      .composite([{ input: small, left: 569, top: 700 }])
      .jpeg()
      .toBuffer();
    expect(['face_too_small', 'no_face']).toContain(await refusalOf(far));
  });

  it('a file that is not an image → unreadable_image', async () => {
    expect(await refusalOf(Buffer.from('not an image at all'))).toBe('unreadable_image');
  });

  it('honours EXIF orientation: a sideways-stored capture with orientation 6 makes the same photo', async () => {
    const upright = readFileSync(P('portrait-04.jpg'));
    const sideways = await sharp(upright).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toBuffer();
    const a = await producePhoto(upright, 'chsi', vision.analyzer);
    const b = await producePhoto(sideways, 'chsi', vision.analyzer);
    expect(b.geometry.source).toMatchObject({ width: 512, height: 715 });
    expect(Math.abs(b.geometry.measured!.eyeLine - a.geometry.measured!.eyeLine)).toBeLessThan(4);
  });
});

describe('batch (studio photo)', () => {
  it('reports a bad input and carries on with the rest', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'photo-batch-'));
    try {
      const lines = await producePhotos(
        [P('portrait-04.jpg'), '/nonexistent/missing.jpg', P('SOURCES.md'), P('portrait-03.png')],
        out,
        'chsi-30k',
        vision.analyzer,
        () => undefined,
      );
      expect(lines.map((l) => l.out !== null)).toEqual([true, false, false, true]);
      expect(lines[1]!.reasons[0]!.code).toBe('read_failed');
      expect(lines[2]!.reasons[0]!.code).toBe('unreadable_image');
      expect(existsSync(path.join(out, 'portrait-04.jpg'))).toBe(true);
      expect(readFileSync(path.join(out, 'portrait-03.jpg')).length).toBeGreaterThanOrEqual(30 * 1024);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { createStudio } from '../../../src/main/core/studio';
import { tempDir } from '../../helpers/temp-dir';

// When the next student sits down (or the camera changes) the live statuses must describe the new sitter at once,
// not the previous one held by the smoothing.
const portrait = readFileSync(path.resolve(__dirname, '../../../../shared/portraits/portrait-04.jpg'));
const tmp = tempDir();
const studio = createStudio({ dataDir: tmp.dir, log: () => {} });
afterAll(async () => {
  await studio.close();
  tmp.cleanup();
});

type Frame = { dropped: boolean; pending: boolean; checks: { id: string; status: string }[] };
const faceCount = (r: Frame) => r.checks.find((c) => c.id === 'face.count')?.status;

async function analyze(image: Buffer, newSubject?: boolean): Promise<Frame> {
  const req = { image: image.toString('base64'), ...(newSubject ? { newSubject: true } : {}) };
  let r = (await studio.dispatch('vision.analyzeFrame', req, { transport: 'cli' })) as Frame;
  // a new sitter's first frames carry no checks until body, mask and crowd are measured: the next frames, as a camera
  for (let k = 0; r.pending && k < 500; k++) {
    expect(r.checks).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    r = (await studio.dispatch('vision.analyzeFrame', { image: req.image }, { transport: 'cli' })) as Frame;
  }
  return r;
}

describe('live smoothing and a new subject', () => {
  it('holds a status for a frame without newSubject, and drops the old sitter at once with it', async () => {
    const empty = await sharp({ create: { width: 540, height: 720, channels: 3, background: '#8a8f96' } })
      .jpeg()
      .toBuffer();
    for (let i = 0; i < 4; i++) expect(faceCount(await analyze(portrait))).toBe('pass');
    // one frame of an empty chair: smoothing keeps the settled 'pass' (a single odd frame does not flip it)
    expect(faceCount(await analyze(empty))).toBe('pass');
    // the sitter changed: the first frame of the new subject is judged on its own
    expect(faceCount(await analyze(empty, true))).toBe('fail');
  });
});

import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStudio } from '../../../src/main/core/studio';
import { createVision } from '../../../src/main/vision';
import { LIVE_MODELS, syntheticFrame, warmUpVision } from '../../../src/main/vision/warm-up';
import { tempDir } from '../../helpers/temp-dir';

// The vision warm-up the studio runs at start-up (and npm run bench:vision runs before measuring), on the real models.
const t = tempDir('studio-warm-');
afterAll(() => t.cleanup());

describe('vision warm-up', () => {
  it('starts both workers with their models and runs every live stage once, FaceMesh and Iris included', async () => {
    const vision = createVision();
    try {
      expect((await vision.status()).started).toBe(false);
      const r = await warmUpVision(vision);
      if (r.skipped) throw new Error(`models missing: ${r.missing.join(', ')}`);
      const status = await vision.status();
      expect(status.ready).toBe(true);
      // fast worker: blazeface, facemesh, iris; slow worker: movenet, selfie
      expect(status.loaded).toEqual(expect.arrayContaining([...LIVE_MODELS]));
      // the synthetic frame has no real face: the landmark stage ran on the stand-in face, and Iris after it
      expect(Object.keys(r.timings).sort()).toEqual(['body', 'crowd', 'eyes', 'faces', 'landmarks', 'mask']);
      expect(r.checks).toBe(20);
    } finally {
      await vision.close();
    }
  });

  it('a real frame is not given the stand-in face (only warm-up requests are)', async () => {
    const vision = createVision();
    try {
      const a = await vision.analyze(syntheticFrame(), { stages: ['faces', 'landmarks'] });
      expect(a.faces).toEqual([]);
      expect(a.landmarks).toBeNull();
      expect(a.timings.landmarks).toBeUndefined();
    } finally {
      await vision.close();
    }
  });

  it('is skipped, starting no worker, when the live models are missing', async () => {
    const empty = path.join(t.dir, 'no-models');
    const vision = createVision({ modelsDir: empty });
    const r = await warmUpVision(vision, { modelsDir: empty });
    expect(r).toEqual({ skipped: 'models-missing', missing: [...LIVE_MODELS] });
    expect((await vision.status()).started).toBe(false);
    expect(await vision.close()).toEqual({ fast: 'idle', slow: 'idle' });
  });

  it('the studio warms the vision up in the background when asked (the window, studio host), not otherwise', async () => {
    const warm = createStudio({
      dataDir: path.join(t.dir, 'a'),
      dbFile: ':memory:',
      log: () => {},
      warmUpVision: true,
    });
    const cold = createStudio({ dataDir: path.join(t.dir, 'b'), dbFile: ':memory:', log: () => {} });
    try {
      // start-up is not held up: requests are answered while the models load
      const info = (await warm.dispatch('app.info', {}, { transport: 'http' })) as Record<string, unknown>;
      expect(info.name).toBe('collection-studio');
      let status = await warm.vision().status();
      for (let k = 0; k < 600 && !status.ready; k++) {
        await new Promise((done) => setTimeout(done, 50));
        status = await warm.vision().status();
      }
      expect(status.loaded).toEqual(expect.arrayContaining([...LIVE_MODELS]));
      expect((await cold.vision().status()).started).toBe(false);
    } finally {
      await warm.close();
      await cold.close();
    }
  });
});

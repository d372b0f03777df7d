import { expect } from 'vitest';
import type { createLivePipeline } from '../../../src/main/vision/live-pipeline';

type Live = ReturnType<typeof createLivePipeline>;

/**
 * The next frame with checks: a pipeline's first frames (after a start or a reset) are `pending` until its detached
 * body, mask and crowd results arrive; frames are submitted one after another until one is measured.
 */
export async function measured(live: Live, image: Parameters<Live['submit']>[0]) {
  for (let k = 0; k < 500; k++) {
    const r = await live.submit(image);
    if (r.dropped || !r.pending) return r;
    expect(r.checks).toEqual([]);
    expect(r.allPass).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('no measured frame after 500 frames');
}

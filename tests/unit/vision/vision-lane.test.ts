import { describe, expect, it } from 'vitest';
import { createLane } from '../../../src/main/vision/vision-lane';
import type { WorkerEntry } from '../../../src/main/vision/worker-path';

// Lane shutdown with stand-in workers (plain JS, no models): 'close' lets a worker end by itself; one that never
// ends is terminated after the exit timeout; runs sent before close are answered, runs after it are refused.
const init = { modelsDir: '/nonexistent', threads: 1 };

function worker(onClose: string): () => WorkerEntry {
  const src = `
const { parentPort } = require('node:worker_threads');
parentPort.postMessage({ type: 'ready', loaded: [], missing: [], threads: 1 });
parentPort.on('message', (m) => {
  if (m.type === 'close') { ${onClose} return; }
  // Answers after a while, like a model run in progress.
  setTimeout(() => parentPort.postMessage({ type: 'result', id: m.id, analysis: { width: m.input.image.width } }), 50);
});`;
  return () => ({ file: src, eval: true });
}

const image = () => ({ width: 7, height: 1, channels: 3 as const, data: new Uint8Array(21) });

describe('vision lane shutdown', () => {
  it('waits for the run in flight, then the worker exits by itself', async () => {
    const lane = createLane(worker(`parentPort.postMessage({ type: 'closed' }); parentPort.close();`), init);
    await lane.start();
    const running = lane.run(image(), ['faces'], 0, false);
    await new Promise((r) => setImmediate(r)); // the run is sent
    expect(lane.inFlight()).toBe(1);
    const closed = lane.close({ drainMs: 10_000, exitMs: 10_000 });
    await expect(lane.run(image(), ['faces'], 1, false)).rejects.toThrow('视觉分析服务已关闭');
    expect((await running).analysis.width).toBe(7);
    expect(await closed).toBe('exited');
  });

  it('terminates a worker that does not end after close (last resort)', async () => {
    const lane = createLane(worker(`setInterval(() => {}, 1000);`), init);
    await lane.start();
    expect(await lane.close({ drainMs: 1000, exitMs: 100 })).toBe('terminated');
  });

  it('a lane never started closes at once', async () => {
    const lane = createLane(worker(''), init);
    expect(await lane.close()).toBe('idle');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushEvent } from '../../../src/shared/contract';
import { liveStreamResponse } from '../../../src/main/camera/live-stream';
import { MjpegParser } from '../../../src/main/camera/mjpeg-parser';
import { createStudio, type Studio } from '../../../src/main/core/studio';
import { tempDir } from '../../helpers/temp-dir';

// Main-side live checks: the station camera's frames go through the vision pipeline without a round trip
// through the UI, and every window gets `camera.analysis` (the photographer's checklist) pushed.
describe('live analysis of the station camera', () => {
  const tmp = tempDir();
  let studio: Studio;
  beforeAll(() => {
    process.env.STUDIO_CAMERA = 'replay';
    studio = createStudio({ dataDir: tmp.dir, log: () => {} });
  });
  afterAll(async () => {
    // Ordered close while live analysis may still run (slow stages detached on the second worker): it drains.
    await studio.close();
    delete process.env.STUDIO_CAMERA;
    tmp.cleanup();
  });

  it('pushes check results for live frames while someone watches, with the checks of one face', async () => {
    const results: Extract<PushEvent, { name: 'camera.analysis' }>['data'][] = [];
    const off = studio.bus.subscribe((ev) => {
      if (ev.name === 'camera.analysis') results.push(ev.data);
    });
    const leave = await studio.camera.addViewer(() => {});
    const deadline = Date.now() + 90_000;
    // a sitter's first frames are pending (no checks) until body, mask and crowd are measured
    const measured = () => results.filter((r) => !r.dropped && !r.pending);
    while ((results.length < 2 || measured().length < 1) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    leave();
    off();
    expect(results.length).toBeGreaterThanOrEqual(2);
    const last = measured().at(-1)!;
    expect(last.dropped).toBe(false);
    expect(last.checks.find((c) => c.id === 'face.count')?.status).toBe('pass');
    // frame numbers only go forward: a stale result is never pushed after a newer one
    expect(results.map((r) => r.frame)).toEqual([...results.map((r) => r.frame)].sort((a, b) => a - b));
  }, 120_000);

  it('streams the same live view as an app:// Response for the desktop window', async () => {
    const res = liveStreamResponse(studio.camera);
    expect(res.headers.get('content-type')).toMatch(/^multipart\/x-mixed-replace/);
    const frames: Buffer[] = [];
    const parser = new MjpegParser((f) => frames.push(f));
    const reader = res.body!.getReader();
    while (frames.length < 2) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.push(Buffer.from(value));
    }
    await reader.cancel();
    expect(frames).toHaveLength(2);
  });
});

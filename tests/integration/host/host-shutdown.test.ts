import { afterAll, describe, expect, it } from 'vitest';
import { spawnHost, type SpawnedHost } from '../../helpers/spawn-host';
import { tempDir } from '../../helpers/temp-dir';

// Ctrl-C on `studio host` while the replay camera's live view is streaming and main-side live analysis runs on
// both vision workers: the ordered close (camera → vision drain → db) ends the process with 0, no native abort.
describe('studio host stops on SIGINT during live analysis', () => {
  const tmp = tempDir();
  let host: SpawnedHost | null = null;
  afterAll(async () => {
    await host?.stop();
    tmp.cleanup();
  });

  it('exits 0 and prints 已停止', async () => {
    process.env.STUDIO_CAMERA = 'replay';
    try {
      host = await spawnHost(tmp.dir);
    } finally {
      delete process.env.STUDIO_CAMERA;
    }
    const events = await fetch(`${host.url}/api/events`);
    const live = await fetch(`${host.url}/camera/live.mjpeg`);
    expect(live.headers.get('content-type')).toMatch(/^multipart\/x-mixed-replace/);
    // Keep reading the stream so frames keep flowing; wait for analysed frames past the first (the staggered slow
    // stages then run detached on the second worker).
    const liveReader = live.body!.getReader();
    void (async () => {
      while (!(await liveReader.read().catch(() => ({ done: true }))).done);
    })();
    const reader = events.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let analysed = 0;
    while (analysed < 4) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      analysed = text.split('camera.analysis').length - 1;
    }
    expect(analysed).toBeGreaterThanOrEqual(4);
    await host.stop(); // SIGINT while frames are still being analysed
    await reader.cancel().catch(() => undefined);
    expect(host.output()).not.toMatch(/Napi::Error|terminate called|Aborted/);
    expect({ code: host.child.exitCode, signal: host.child.signalCode }).toEqual({ code: 0, signal: null });
    expect(host.output()).toContain('已停止');
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnHost, type SpawnedHost } from '../../helpers/spawn-host';
import { tempDir } from '../../helpers/temp-dir';

// The newcomer's path: `studio host` prints a URL, answers app.info, survives bad input, stops on Ctrl-C.
describe('studio host (child process)', () => {
  const tmp = tempDir();
  let host: SpawnedHost;
  beforeAll(async () => {
    host = await spawnHost(tmp.dir);
  });
  afterAll(async () => {
    await host.stop();
    tmp.cleanup();
  });

  it('prints its URL and data dir, serves the UI and the API', async () => {
    expect(host.output()).toContain(tmp.dir);
    const page = await fetch(host.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('图像采集工作站');
    const info = await fetch(`${host.url}/api/app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(((await info.json()) as { version: string }).version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('stops cleanly on SIGINT', async () => {
    await host.stop();
    expect(host.child.exitCode).toBe(0);
    expect(host.output()).toContain('已停止');
  });
});

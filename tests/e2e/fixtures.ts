import { test as base, type Page, type PageScreenshotOptions } from '@playwright/test';
import { screenshotPath } from '../helpers/screenshots';
import { spawnHost, type SpawnedHost } from '../helpers/spawn-host';
import { tempDir } from '../helpers/temp-dir';

// Each test file gets its own studio host on a fresh data directory.
export const test = base.extend<object, { studioHost: SpawnedHost & { dataDir: string } }>({
  studioHost: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
    async ({}, use) => {
      const tmp = tempDir('studio-e2e-');
      const host = await spawnHost(tmp.dir);
      await use(Object.assign(host, { dataDir: tmp.dir }));
      await host.stop();
      tmp.cleanup();
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';

/**
 * A picture for docs/screenshots/<name>.png (README). Taken only by `npm run screenshots` (STUDIO_SCREENSHOTS=1):
 * a plain test run leaves the tracked pictures alone.
 */
export async function saveScreenshot(page: Page, name: string, opts: PageScreenshotOptions = {}): Promise<void> {
  const file = screenshotPath(name);
  if (file) await page.screenshot({ ...opts, path: file });
}

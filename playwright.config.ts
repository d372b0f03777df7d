import { defineConfig } from '@playwright/test';
import { chromiumPath } from './scripts/system-deps.mjs';

// e2e: the real UI, served by the studio's own web host, driven in Debian's Chromium.
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.e2e.ts',
  timeout: 60_000,
  // what the UI shows after a click may take a few seconds on a shared 2-core CI machine (no timing is asserted)
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      // STUDIO_CHROMIUM, else the system Chromium (Debian's /usr/bin/chromium, Chromium.app), else Playwright's own
      executablePath: chromiumPath(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
  },
});

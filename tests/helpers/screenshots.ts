import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The pictures in docs/screenshots/ (README) are refreshed only on request — `npm run screenshots` sets
// STUDIO_SCREENSHOTS=1 — so that running the tests leaves the working tree clean.

// import.meta, not __dirname: Playwright loads the e2e files as ES modules
export const screenshotsDir = fileURLToPath(new URL('../../docs/screenshots', import.meta.url));

export function screenshotsRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.STUDIO_SCREENSHOTS === '1';
}

/** docs/screenshots/<name>.png when screenshots were requested, else null (take none). */
export function screenshotPath(name: string): string | null {
  if (!screenshotsRequested()) return null;
  mkdirSync(screenshotsDir, { recursive: true });
  return path.join(screenshotsDir, `${name}.png`);
}

/** Copies a PNG the test made anyway (e.g. a rendered receipt) into docs/screenshots/ when requested. */
export function keepScreenshot(png: string, name: string): void {
  const target = screenshotPath(name);
  if (target) copyFileSync(png, target);
}

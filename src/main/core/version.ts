import { readFileSync } from 'node:fs';
import path from 'node:path';

declare const __STUDIO_VERSION__: string | undefined;

/** Version baked in at bundle time; falls back to package.json when run from source (tests). */
export function appVersion(): string {
  if (typeof __STUDIO_VERSION__ === 'string') return __STUDIO_VERSION__;
  const pkg = JSON.parse(readFileSync(path.resolve(process.cwd(), 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

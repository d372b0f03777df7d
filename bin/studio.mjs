#!/usr/bin/env node
// `studio` CLI: runs the bundled CLI, building it first when this is a fresh checkout.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'cli', 'studio.cjs');
if (!existsSync(bundle)) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-main.mjs')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) {
    console.error('studio: build failed (run `npm run build`)');
    process.exit(1);
  }
}
createRequire(import.meta.url)(bundle);

// Build a second copy of better-sqlite3 for Electron's ABI into .electron-native/, leaving the Node build
// (tests, CLI, web host) untouched. Needs Electron's headers, so it only works where they can be downloaded.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const src = path.dirname(require.resolve('better-sqlite3/package.json'));
const work = path.join(root, '.electron-native', 'better-sqlite3');
export const bindingPath = path.join(work, 'build', 'Release', 'better_sqlite3.node');

rmSync(work, { recursive: true, force: true });
mkdirSync(path.dirname(work), { recursive: true });
cpSync(src, work, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) });
const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
const r = spawnSync(
  process.execPath,
  [
    nodeGyp,
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    '--runtime=electron',
    '--dist-url=https://electronjs.org/headers',
  ],
  { cwd: work, stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '' } },
);
if (r.status !== 0 || !existsSync(bindingPath)) {
  console.error('[studio] could not build better-sqlite3 for Electron (headers unreachable?)');
  process.exit(1);
}
console.log(`[studio] better-sqlite3 for Electron ${electronVersion}: ${bindingPath}`);

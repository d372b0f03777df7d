// `npm start`: the desktop window where the Electron binary is installed; otherwise the same UI
// served by the local web host on 127.0.0.1 until Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function built() {
  return (
    existsSync(path.join(root, 'dist', 'renderer', 'index.html')) &&
    existsSync(path.join(root, 'dist', 'main', 'index.cjs')) &&
    existsSync(path.join(root, 'dist', 'cli', 'studio.cjs'))
  );
}

function electronBinary() {
  try {
    const dir = path.dirname(require.resolve('electron/package.json'));
    const rel = readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const bin = path.join(dir, 'dist', rel);
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

if (!built() || process.argv.includes('--rebuild')) {
  console.log('[studio] 正在构建界面与主进程 (building)…');
  const r = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const sqliteForElectron = path.join(
  root,
  '.electron-native',
  'better-sqlite3',
  'build',
  'Release',
  'better_sqlite3.node',
);
let bin = electronBinary();
if (bin && !existsSync(sqliteForElectron)) {
  console.log('[studio] 正在为 Electron 编译 better-sqlite3 (building better-sqlite3 for Electron)…');
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'rebuild-sqlite-electron.mjs')], {
    stdio: 'inherit',
  });
  if (r.status !== 0) bin = null;
}
const passthrough = process.argv.slice(2).filter((a) => a !== '--rebuild');
const child = bin
  ? spawn(bin, [root, ...passthrough], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, STUDIO_ELECTRON_SQLITE_BINDING: sqliteForElectron },
    })
  : (console.log(
      '[studio] 本机没有 Electron 运行时，无法打开桌面窗口；改为在本地提供同一界面 (no Electron runtime here: serving the UI locally).',
    ),
    spawn(process.execPath, [path.join(root, 'bin', 'studio.mjs'), 'host', ...passthrough], {
      cwd: root,
      stdio: 'inherit',
    }));

for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));

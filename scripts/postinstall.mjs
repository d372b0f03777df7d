// Try to fetch the Electron binary with electron's own installer; a machine that cannot
// download it still gets a working install (the studio then runs as a local web host).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

function electronDir() {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

const dir = electronDir();
if (!dir) {
  console.log('[studio] electron 未安装（可选依赖），将以本地网页方式运行。');
  process.exit(0);
}
if (existsSync(path.join(dir, 'path.txt'))) process.exit(0);
if (process.env.STUDIO_SKIP_ELECTRON_DOWNLOAD === '1') {
  console.log(
    '[studio] Electron binary download skipped (STUDIO_SKIP_ELECTRON_DOWNLOAD=1); `npm start` will serve the UI on http://127.0.0.1.',
  );
  process.exit(0);
}
const r = spawnSync(process.execPath, [path.join(dir, 'install.js')], {
  stdio: ['ignore', 'ignore', 'pipe'],
  timeout: 120_000,
  env: { ...process.env, ELECTRON_GET_USE_PROXY: process.env.ELECTRON_GET_USE_PROXY ?? '' },
});
if (r.status === 0 && existsSync(path.join(dir, 'path.txt'))) {
  console.log('[studio] Electron binary installed: `npm start` opens the desktop window.');
} else {
  console.log(
    '[studio] Electron binary could not be downloaded on this machine; `npm start` will serve the same UI on http://127.0.0.1 instead.',
  );
}
process.exit(0);

#!/usr/bin/env node
// The system packages the test suite needs, in one place. `npm test` runs this first (a preflight that takes
// milliseconds when everything is there) and .ci/run calls it too.
//
// - Linux with apt-get, as root (CI, a container): installs what is missing — `apt-get update` then
//   `apt-get install` with Debian's recommends, the way `npx playwright install-deps` does.
// - Anyone else (non-root, no apt-get, macOS, Windows): installs nothing and exits 1 at once, printing the exact
//   command to run.
//
//   node scripts/system-deps.mjs            check, install where allowed, else print the command (exit 1)
//   node scripts/system-deps.mjs --check    only check (exit 1 and print the command when something is missing)
//   node scripts/system-deps.mjs --pg-bin   print the folder holding PostgreSQL's initdb/pg_ctl (exit 1 if none)
//
// Also imported by tests and the Playwright config: chromiumPath(), postgresBinDir().
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const isWindows = process.platform === 'win32';

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `name` found on PATH (with PATHEXT on Windows), or null. No subprocess: this runs before every `npm test`. */
export function findOnPath(name, env = process.env) {
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean);
  const exts = isWindows ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean) : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const file = path.join(dir, name + ext);
      try {
        if (statSync(file).isFile() && (isWindows || isExecutable(file))) return file;
      } catch {
        // not here
      }
    }
  }
  return null;
}

/**
 * The Chromium the e2e tests drive: STUDIO_CHROMIUM, else a system Chromium (Debian's `chromium` on PATH,
 * Chromium.app on macOS). Undefined when there is none: Playwright then uses its own browser if one was installed
 * with `npx playwright install chromium`.
 */
export function chromiumPath(env = process.env) {
  if (env.STUDIO_CHROMIUM) return env.STUDIO_CHROMIUM;
  for (const name of ['chromium', 'chromium-browser']) {
    const found = findOnPath(name, env);
    if (found) return found;
  }
  if (process.platform === 'darwin') {
    const app = '/Applications/Chromium.app/Contents/MacOS/Chromium';
    if (existsSync(app)) return app;
  }
  return undefined;
}

const PG_TOOLS = ['initdb', 'pg_ctl', 'postgres'];

/**
 * The folder with PostgreSQL's server programs (initdb, pg_ctl, postgres). Debian keeps them off PATH in
 * /usr/lib/postgresql/<major>/bin; the newest major wins. STUDIO_PG_BIN overrides; elsewhere they are on PATH
 * (Homebrew, the Windows installer's bin folder). Null when there is none.
 */
export function postgresBinDir(env = process.env) {
  const complete = (dir) =>
    PG_TOOLS.every((t) => (isWindows ? existsSync(path.join(dir, `${t}.exe`)) : isExecutable(path.join(dir, t))));
  if (env.STUDIO_PG_BIN) return complete(env.STUDIO_PG_BIN) ? env.STUDIO_PG_BIN : null;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const majors = readdirSync(debian)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of majors) {
      const dir = path.join(debian, v, 'bin');
      if (complete(dir)) return dir;
    }
  }
  const initdb = findOnPath('initdb', env);
  return initdb && complete(path.dirname(initdb)) ? path.dirname(initdb) : null;
}

/**
 * What the tests need from the system. `apt` is the Debian package, `brew` the Homebrew formula (null: none
 * exists for macOS), `present` whether it is installed.
 */
export const SYSTEM_DEPS = [
  {
    apt: 'chromium',
    brew: '--cask chromium',
    usedBy: 'e2e 测试（Playwright 驱动的浏览器）',
    present: (env) => chromiumPath(env) !== undefined,
  },
  {
    apt: 'ffmpeg',
    brew: 'ffmpeg',
    usedBy: '相机实时画面（MJPEG）与 e2e 假摄像头',
    present: (env) => findOnPath('ffmpeg', env) !== null,
  },
  {
    apt: 'fswebcam',
    brew: null,
    usedBy: 'V4L2 摄像头拍照驱动测试',
    present: (env) => findOnPath('fswebcam', env) !== null,
  },
  {
    apt: 'gphoto2',
    brew: 'gphoto2',
    usedBy: '单反相机驱动测试',
    present: (env) => findOnPath('gphoto2', env) !== null,
  },
  {
    apt: 'poppler-utils',
    brew: 'poppler',
    usedBy: '收据 PDF 测试（pdfinfo、pdftotext、pdftoppm）',
    present: (env) => ['pdfinfo', 'pdftotext', 'pdftoppm'].every((t) => findOnPath(t, env) !== null),
  },
  {
    apt: 'postgresql',
    brew: 'postgresql@16',
    usedBy: '服务器的 PostgreSQL 测试（initdb、pg_ctl）',
    present: (env) => postgresBinDir(env) !== null,
  },
];

/** Missing packages that stop the preflight: on macOS only those Homebrew has (fswebcam is Linux-only). */
export function missingDeps(env = process.env, platform = process.platform) {
  return SYSTEM_DEPS.filter((d) => !d.present(env) && (platform !== 'darwin' || d.brew !== null));
}

/** The command a person runs to install `missing` on this OS (one line, copy-pasteable). */
export function installCommand(missing, platform = process.platform) {
  if (platform === 'darwin') {
    const formulae = missing.filter((d) => d.brew && !d.brew.startsWith('--cask')).map((d) => d.brew);
    const casks = missing.filter((d) => d.brew?.startsWith('--cask')).map((d) => d.brew.slice('--cask '.length));
    return [
      formulae.length ? `brew install ${formulae.join(' ')}` : '',
      casks.length ? `brew install --cask ${casks.join(' ')}` : '',
    ]
      .filter(Boolean)
      .join(' && ');
  }
  return `sudo apt-get update && sudo apt-get install -y ${missing.map((d) => d.apt).join(' ')}`;
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function aptInstall(missing) {
  const names = missing.map((d) => d.apt);
  console.log(`[system-deps] 以 root 身份安装：apt-get install ${names.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env }).status === 0;
  // with Debian's recommends, as on the machines the suite was verified on
  return run(['update', '-qq']) && run(['install', '-y', '-qq', ...names]);
}

function explain(missing) {
  const lines = ['[system-deps] 测试需要的系统软件缺失：'];
  for (const d of missing) lines.push(`  - ${d.apt}：${d.usedBy}`);
  return lines.join('\n');
}

function guidance(missing) {
  if (process.platform === 'darwin') {
    return [
      '请先运行：',
      `  ${installCommand(missing, 'darwin')}`,
      '然后再运行 npm test。详见 README“What the tests need”。',
    ];
  }
  if (isWindows) {
    return [
      'Windows 上没有这些 Debian 软件包：请运行 npm run lint、npm run typecheck、npm run test:unit，',
      '完整测试（集成测试与 e2e）请在 Linux（Debian/Ubuntu，或 WSL2）上运行。详见 README“What the tests need”。',
    ];
  }
  const cmd = installCommand(missing, 'linux');
  if (!findOnPath('apt-get')) {
    return [
      '本机没有 apt-get。在 Debian/Ubuntu 上的命令是：',
      `  ${cmd}`,
      '其他发行版请用自己的包管理器安装同名软件，然后再运行 npm test。',
    ];
  }
  return ['请先运行（需要管理员权限）：', `  ${cmd}`, '然后再运行 npm test。'];
}

export function main(argv = process.argv.slice(2)) {
  if (argv.includes('--pg-bin')) {
    const dir = postgresBinDir();
    if (dir) console.log(dir);
    else console.error('[system-deps] 找不到 PostgreSQL 的 initdb/pg_ctl（Debian：apt-get install postgresql）');
    return dir ? 0 : 1;
  }
  if (process.platform === 'darwin') {
    const linuxOnly = SYSTEM_DEPS.filter((d) => d.brew === null && !d.present(process.env));
    if (linuxOnly.length)
      console.warn(
        `[system-deps] ${linuxOnly.map((d) => d.apt).join('、')} 只有 Linux 版：${linuxOnly.map((d) => d.usedBy).join('；')}会失败，其余测试照常运行。`,
      );
  }
  let missing = missingDeps();
  if (missing.length === 0) return 0;
  const mayInstall =
    !argv.includes('--check') && process.platform === 'linux' && isRoot() && findOnPath('apt-get') !== null;
  if (mayInstall) {
    console.log(explain(missing));
    if (!aptInstall(missing)) {
      console.error('[system-deps] apt-get 安装失败（见上方输出）。');
      return 1;
    }
    missing = missingDeps();
    if (missing.length === 0) return 0;
    console.error(`[system-deps] 安装后仍然缺失：${missing.map((d) => d.apt).join(' ')}`);
    return 1;
  }
  console.error([explain(missing), ...guidance(missing)].join('\n'));
  return 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}

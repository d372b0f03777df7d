import { existsSync } from 'node:fs';
import path from 'node:path';

/** The project/app root: where package.json sits, whether running from dist/ bundles or from src/ (tests). */
export function appRoot(): string {
  // __dirname exists in the cjs bundles and under vitest; plain ESM runners fall back to cwd.
  let dir = typeof __dirname === 'string' ? __dirname : process.cwd();
  for (let i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

export function rendererDir(): string {
  return path.join(appRoot(), 'dist', 'renderer');
}

export function modelsDir(): string {
  return path.join(appRoot(), 'models');
}

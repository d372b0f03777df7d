import { existsSync } from 'node:fs';
import path from 'node:path';
import { appRoot } from '../core/paths';

export interface WorkerEntry {
  file: string;
  execArgv: string[];
}

/**
 * Where the worker's code is. From a dist/ bundle: dist/main/vision-worker.cjs (built by scripts/build-main.mjs).
 * From source (vitest, tsx scripts): the TypeScript file, run through tsx's loader.
 */
export function resolveWorkerEntry(fromBundle = isBundle()): WorkerEntry {
  const bundled = path.join(appRoot(), 'dist', 'main', 'vision-worker.cjs');
  if (fromBundle && existsSync(bundled)) return { file: bundled, execArgv: [] };
  return { file: path.join(appRoot(), 'src', 'main', 'vision', 'worker.ts'), execArgv: ['--import', 'tsx'] };
}

function isBundle(): boolean {
  // esbuild's cjs bundles have a .cjs __filename; vitest/tsx run the .ts sources.
  return typeof __filename === 'string' && __filename.endsWith('.cjs');
}

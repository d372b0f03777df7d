import { existsSync } from 'node:fs';
import path from 'node:path';
import { appRoot } from '../kernel/paths';

export interface WorkerEntry {
  /** A file to run, or (eval) CommonJS source that loads it. */
  file: string;
  eval: boolean;
}

/**
 * Where the worker's code is. From a dist/ bundle: dist/main/vision-worker.cjs (built by scripts/build-main.mjs).
 * From source (vitest, tsx scripts): the TypeScript file, compiled on the fly by tsx's require hook.
 */
export function resolveWorkerEntry(fromBundle = isBundle()): WorkerEntry {
  const bundled = path.join(appRoot(), 'dist', 'main', 'vision-worker.cjs');
  if (fromBundle && existsSync(bundled)) return { file: bundled, eval: false };
  const source = path.join(appRoot(), 'src', 'main', 'vision', 'worker.ts');
  // tsx's CommonJS hook compiles the TypeScript worker (and its imports) inside the worker thread.
  return { file: `require('tsx/cjs');\nrequire(${JSON.stringify(source)});`, eval: true };
}

function isBundle(): boolean {
  // esbuild's cjs bundles have a .cjs __filename; vitest/tsx run the .ts sources.
  return typeof __filename === 'string' && __filename.endsWith('.cjs');
}

// Bundle the Node side (Electron main, preload, CLI, workers) into dist/ with esbuild.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

// Native or runtime-resolved packages stay outside the bundle.
const external = ['electron', 'better-sqlite3', 'sharp', 'onnxruntime-node', 'exceljs', 'pdfkit'];

export const entries = {
  'main/index': 'src/main/electron/main.ts',
  'preload/index': 'src/preload/index.ts',
  'cli/studio': 'src/main/cli/entry.ts',
  'main/vision-worker': 'src/main/vision/worker.ts',
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { __STUDIO_VERSION__: JSON.stringify(pkg.version) },
  absWorkingDir: root,
};

await build({
  ...common,
  entryPoints: Object.fromEntries(Object.entries(entries).filter(([k]) => k !== 'preload/index')),
  outdir: path.join(root, 'dist'),
  external,
});
// The sandboxed preload may only require('electron'): everything else is bundled in.
await build({
  ...common,
  entryPoints: { 'preload/index': entries['preload/index'] },
  outdir: path.join(root, 'dist'),
  external: ['electron'],
});
console.log('built dist/main, dist/preload, dist/cli');

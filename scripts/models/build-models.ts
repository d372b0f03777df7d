import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { convertTfjsModel } from './convert-tfjs';
import { type ModelSource, type TfjsModelSource } from './model-sources';
import { readFilesFromNpmPackage, unpackedNpmPackage } from './npm-pack-fetch';
import { encodeOnnxModel } from './onnx-codec';
import { installedPackageDir } from './paths';
import { loadTfjsModel } from './tfjs-loader';

export interface BuiltModel {
  source: ModelSource;
  bytes: Uint8Array;
  license: Uint8Array;
}

// Where a TF.js source's files are: the installed dependency, or (packed: true) the package fetched with npm pack.
function tfjsPackageDir(source: TfjsModelSource): string {
  return source.packed
    ? unpackedNpmPackage(`${source.source.package}@${source.source.version}`)
    : installedPackageDir(source.source.package, source.source.version);
}

export function convertTfjsSource(source: TfjsModelSource, optimizeTransposes = true): Uint8Array {
  const dir = tfjsPackageDir(source);
  const loaded = loadTfjsModel(join(dir, source.source.path));
  const from = `${source.source.package}@${source.source.version}/${source.source.path}`;
  const model = convertTfjsModel(loaded.json, loaded.weights, {
    graphName: source.file.replace(/\.onnx$/, ''),
    inputs: source.inputs,
    outputs: source.outputs,
    optimizeTransposes,
    docString: `${source.title}. Converted from the TF.js graph model ${from} (${source.source.license}).`,
    metadata: { source: from, license: source.source.license, origin: source.source.origin },
  });
  return encodeOnnxModel(model);
}

export function buildModel(source: ModelSource): BuiltModel {
  const spec = `${source.source.package}@${source.source.version}`;
  if (source.kind === 'tfjs') {
    const dir = tfjsPackageDir(source);
    const license = source.licenseText
      ? new TextEncoder().encode(source.licenseText)
      : new Uint8Array(readFileSync(join(dir, 'LICENSE')));
    return { source, bytes: convertTfjsSource(source), license };
  }
  const files = readFilesFromNpmPackage(spec, [source.source.path, 'package/LICENSE']);
  const bytes = files.get(source.source.path);
  const license = files.get('package/LICENSE');
  if (!bytes || !license) throw new Error(`${spec}: model or LICENSE missing from the package`);
  return { source, bytes, license };
}

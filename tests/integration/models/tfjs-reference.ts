import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { join } from 'node:path';
import type { TfjsModelSource } from '../../../scripts/models/model-sources';
import { cachedNpmPackage } from '../../../scripts/models/npm-pack-fetch';
import { installedPackageDir } from '../../../scripts/models/paths';
import { loadTfjsModel } from '../../../scripts/models/tfjs-loader';

// The reference side of the parity test: TF.js's own CPU kernels on the original graph model, loaded from disk.

/**
 * Where the original TF.js model is: the installed dependency, or for a package the converter fetches with npm pack
 * (packed: true) the copy `npm run models` unpacked on this machine — null when there is none (tests never fetch).
 */
export function referenceDir(source: TfjsModelSource): string | null {
  const { package: name, version } = source.source;
  return source.packed ? cachedNpmPackage(`${name}@${version}`) : installedPackageDir(name, version);
}

export async function loadReferenceModel(source: TfjsModelSource): Promise<GraphModel> {
  await tf.setBackend('cpu');
  const dir = referenceDir(source);
  if (!dir) throw new Error(`${source.source.package}@${source.source.version} is not on this machine`);
  const loaded = loadTfjsModel(join(dir, source.source.path));
  const weightData = loaded.weightData.buffer.slice(
    loaded.weightData.byteOffset,
    loaded.weightData.byteOffset + loaded.weightData.byteLength,
  ) as ArrayBuffer;
  const handler = tf.io.fromMemory({
    modelTopology: loaded.json.modelTopology as unknown as tf.io.ModelJSON['modelTopology'],
    weightSpecs: loaded.json.weightsManifest.flatMap((g) => g.weights) as tf.io.WeightsManifestEntry[],
    weightData,
  });
  return loadGraphModel(handler);
}

export function runReference(
  model: GraphModel,
  input: Float32Array | Int32Array,
  shape: number[],
  outputs: string[],
): Float32Array[] {
  return tf.tidy(() => {
    const x = tf.tensor(input, shape, input instanceof Int32Array ? 'int32' : 'float32');
    const result = model.execute(x, outputs);
    const list = Array.isArray(result) ? result : [result];
    return list.map((t) => Float32Array.from(t.dataSync()));
  });
}

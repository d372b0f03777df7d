import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TfjsGraphModelJson } from './tfjs-format';
import { decodeWeights, type ConstTensor } from './weight-decoding';

export interface LoadedTfjsModel {
  json: TfjsGraphModelJson;
  weights: Map<string, ConstTensor>;
  // Raw shard bytes in manifest order (what TF.js itself loads).
  weightData: Uint8Array;
}

export function loadTfjsModel(jsonPath: string): LoadedTfjsModel {
  const json = JSON.parse(readFileSync(jsonPath, 'utf8')) as TfjsGraphModelJson;
  if (json.format !== undefined && json.format !== 'graph-model') throw new Error(`${jsonPath}: not a graph model`);
  const directory = dirname(jsonPath);
  const shards: Uint8Array[] = [];
  const weights = decodeWeights(json.weightsManifest, (path) => {
    const bytes = new Uint8Array(readFileSync(join(directory, path)));
    shards.push(bytes);
    return bytes;
  });
  const weightData = new Uint8Array(shards.reduce((n, s) => n + s.length, 0));
  let at = 0;
  for (const shard of shards) {
    weightData.set(shard, at);
    at += shard.length;
  }
  return { json, weights, weightData };
}

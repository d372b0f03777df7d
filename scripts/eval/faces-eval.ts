// npm run eval:faces — same / different person on real photos: the face identity embedding
// (models/faceres.onnx on the face crop cut from the FaceMesh landmarks, src/main/vision/face-embedding.ts)
// of every photo of ../shared/dev-photos/identity (identity.json: person → files, lookalike pairs; never copied
// into the repo; STUDIO_IDENTITY_PHOTOS overrides the directory), then every pair: genuine (same person) and
// impostor (different people; lookalikes apart as the hard case). Prints the false-reject rate (genuine pairs below
// the threshold) and false-accept rate (impostor pairs at or above it) per threshold, and the rates at the
// thresholds the station uses (FACE_THRESHOLDS in src/shared/vision/face-consistency.ts).
// --range raw | unit | m1p1: the input range fed to the network (p, p/255, (p − 127.5)/128) and --crop S the crop
// scale — how the values in models/README.md and face-embedding.ts were chosen. --json: one summary line.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createAnalyzer } from '../../src/main/vision/analyzer';
import { decodeImage } from '../../src/main/vision/decode-image';
import {
  EMBEDDING_CROP_SCALE,
  EMBEDDING_INPUT,
  EMBEDDING_SIZE,
  embeddingCropMap,
  toEmbedding,
} from '../../src/main/vision/face-embedding';
import { loadOrtModels } from '../../src/main/vision/ort-sessions';
import { sampleTensor } from '../../src/main/vision/sampler';
import { modelsDir } from '../../src/main/kernel/paths';
import { FACE_THRESHOLDS, faceSimilarity } from '../../src/shared/vision/face-consistency';
import type { FaceEmbedding } from '../../src/shared/vision/analysis';

const root = path.resolve(import.meta.dirname, '../..');
const dir = process.env.STUDIO_IDENTITY_PHOTOS ?? path.resolve(root, '../shared/dev-photos/identity');
const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const RANGES = {
  raw: EMBEDDING_INPUT,
  unit: { scale: 1 / 255, offset: 0 },
  m1p1: { scale: 1 / 128, offset: -127.5 / 128 },
} as const;
const rangeName = (arg('--range') ?? 'raw') as keyof typeof RANGES;
const cropScale = Number(arg('--crop') ?? EMBEDDING_CROP_SCALE);
const range = RANGES[rangeName];
if (!range) throw new Error(`--range: one of ${Object.keys(RANGES).join(', ')}`);
const json = process.argv.includes('--json');

interface Identity {
  people: Record<string, string[]>;
  lookalikes?: [string, string][];
}

interface Pair {
  a: string;
  b: string;
  similarity: number;
  kind: 'genuine' | 'impostor' | 'lookalike';
}

async function main() {
  const labels = path.join(dir, 'identity.json');
  if (!existsSync(labels)) {
    console.log(`${labels} not found (set STUDIO_IDENTITY_PHOTOS): nothing to evaluate`);
    return;
  }
  const identity = JSON.parse(readFileSync(labels, 'utf8')) as Identity;
  const { models, missing } = await loadOrtModels(modelsDir(), 1, ['blazeface', 'facemesh', 'faceid']);
  if (missing.length) throw new Error(`missing models: ${missing.join(', ')}`);
  const analyzer = createAnalyzer(models);
  const buffer = new Float32Array(EMBEDDING_SIZE * EMBEDDING_SIZE * 3);
  const embeddings = new Map<string, { person: string; embedding: FaceEmbedding }>();
  const noFace: string[] = [];
  let ms = 0;
  for (const [person, files] of Object.entries(identity.people)) {
    for (const file of files) {
      const image = await decodeImage(readFileSync(path.join(dir, file)));
      const analysis = await analyzer.analyze(image, { stages: ['faces', 'landmarks', 'embedding'] });
      ms += analysis.timings.embedding ?? 0;
      if (!analysis.landmarks) {
        noFace.push(file);
        continue;
      }
      let embedding = analysis.embedding!;
      if (rangeName !== 'raw' || cropScale !== EMBEDDING_CROP_SCALE) {
        const spec = { width: EMBEDDING_SIZE, height: EMBEDDING_SIZE, ...range, pad: 0 };
        sampleTensor(image, embeddingCropMap(analysis.landmarks, cropScale), spec, buffer);
        embedding = toEmbedding((await models.faceid!.run(buffer))[0]!.data);
      }
      embeddings.set(file, { person, embedding });
    }
  }
  for (const m of Object.values(models)) await m.close();

  const lookalike = new Set((identity.lookalikes ?? []).flatMap(([p, q]) => [`${p}|${q}`, `${q}|${p}`]));
  const files = [...embeddings.keys()];
  const pairs: Pair[] = [];
  for (let i = 0; i < files.length; i++)
    for (let j = i + 1; j < files.length; j++) {
      const a = embeddings.get(files[i]!)!;
      const b = embeddings.get(files[j]!)!;
      const similarity = faceSimilarity(a.embedding, b.embedding)!;
      const kind =
        a.person === b.person ? 'genuine' : lookalike.has(`${a.person}|${b.person}`) ? 'lookalike' : 'impostor';
      pairs.push({ a: files[i]!, b: files[j]!, similarity, kind });
    }
  const genuine = pairs.filter((p) => p.kind === 'genuine').map((p) => p.similarity);
  const impostor = pairs.filter((p) => p.kind !== 'genuine').map((p) => p.similarity);
  const hard = pairs.filter((p) => p.kind === 'lookalike').map((p) => p.similarity);
  const frr = (t: number) => genuine.filter((s) => s < t).length / genuine.length;
  const far = (t: number, set = impostor) => set.filter((s) => s >= t).length / set.length;
  const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
  const stats = (xs: number[]) => {
    const s = [...xs].sort((p, q) => p - q);
    const q = (f: number) => s[Math.min(s.length - 1, Math.floor(f * s.length))]!;
    return `min ${s[0]!.toFixed(3)}, p5 ${q(0.05).toFixed(3)}, median ${q(0.5).toFixed(3)}, p95 ${q(0.95).toFixed(3)}, max ${s[s.length - 1]!.toFixed(3)}`;
  };
  // Equal error rate: the threshold where FAR and FRR cross.
  let eer = { t: 0, rate: 1 };
  for (let t = -0.2; t <= 1; t += 0.005) {
    const gap = Math.abs(far(t) - frr(t));
    const rate = (far(t) + frr(t)) / 2;
    if (gap < Math.abs(far(eer.t) - frr(eer.t))) eer = { t, rate };
  }
  const summary = {
    range: rangeName,
    crop: cropScale,
    photos: embeddings.size,
    noFace,
    genuinePairs: genuine.length,
    impostorPairs: impostor.length,
    lookalikePairs: hard.length,
    eer: { threshold: Number(eer.t.toFixed(3)), rate: Number(eer.rate.toFixed(4)) },
    sameMin: {
      threshold: FACE_THRESHOLDS.sameMin,
      frr: frr(FACE_THRESHOLDS.sameMin),
      far: far(FACE_THRESHOLDS.sameMin),
    },
    swapMin: {
      threshold: FACE_THRESHOLDS.swapMin,
      frr: frr(FACE_THRESHOLDS.swapMin),
      far: far(FACE_THRESHOLDS.swapMin),
    },
    embeddingMsPerFace: Number((ms / Math.max(1, embeddings.size)).toFixed(1)),
  };
  if (json) {
    console.log(JSON.stringify(summary));
    return;
  }
  console.log(`identity set: ${dir}; input range ${rangeName}, crop ${cropScale}`);
  console.log(
    `${embeddings.size} photos embedded, no face: ${noFace.join(', ') || 'none'}; embedding ${summary.embeddingMsPerFace} ms/face`,
  );
  console.log(`genuine pairs ${genuine.length}: ${stats(genuine)}`);
  console.log(`impostor pairs ${impostor.length}: ${stats(impostor)}`);
  console.log(`  of which lookalike pairs ${hard.length}: ${stats(hard)}`);
  console.log(`EER ${pct(eer.rate)} at ${eer.t.toFixed(3)}`);
  console.log('| threshold | false reject (genuine < t) | false accept (impostor ≥ t) | false accept, lookalikes |');
  console.log('| --- | --- | --- | --- |');
  for (let t = 0.1; t <= 0.801; t += 0.05)
    console.log(`| ${t.toFixed(2)} | ${pct(frr(t))} | ${pct(far(t))} | ${pct(far(t, hard))} |`);
  for (const [name, t] of Object.entries(FACE_THRESHOLDS))
    console.log(
      `${name} ${t}: false reject ${pct(frr(t))}, false accept ${pct(far(t))} (lookalikes ${pct(far(t, hard))})`,
    );
  const worst = (kind: Pair['kind'][], dirn: 1 | -1) =>
    pairs
      .filter((p) => kind.includes(p.kind))
      .sort((p, q) => dirn * (q.similarity - p.similarity))
      .slice(0, 5)
      .map((p) => `${p.a}~${p.b} ${p.similarity.toFixed(3)}`)
      .join(', ');
  console.log(`lowest genuine: ${worst(['genuine'], -1)}`);
  console.log(`highest impostor: ${worst(['impostor', 'lookalike'], 1)}`);
}

void main();

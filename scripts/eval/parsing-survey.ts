// npx tsx scripts/eval/parsing-survey.ts — the face parsing's measures (models/faceparse.onnx, as 初审 runs it) and the headwear /
// accessories verdicts on every real photo there is: the labelled dev photos, the five portraits and the unlabelled
// identity set (../shared/dev-photos/identity: 65 news/demo photos, many black-haired East Asian sitters), to
// find false fails where there are no labels. `--json` prints one line per photo. Nothing is copied.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createFaceParser } from '../../src/main/production/face-parser';
import { createAnalyzer } from '../../src/main/vision/analyzer';
import { decodeImage } from '../../src/main/vision/decode-image';
import { loadOrtModels } from '../../src/main/vision/ort-sessions';
import { modelsDir } from '../../src/main/kernel/paths';
import { runChecks } from '../../src/shared/checks/run-checks';
import { chsiProfile } from '../../src/shared/spec/profile';

const root = path.resolve(import.meta.dirname, '../..');
const dev = process.env.STUDIO_DEV_PHOTOS ?? path.resolve(root, '../shared/dev-photos');
const sets: [string, string][] = [
  ['dev', dev],
  ['portraits', path.resolve(root, '../shared/portraits')],
  ['identity', path.join(dev, 'identity')],
];
const json = process.argv.includes('--json');

async function main() {
  const { models } = await loadOrtModels(modelsDir(), 1);
  const analyzer = createAnalyzer(models);
  const parser = await createFaceParser(modelsDir());
  if (!parser) throw new Error('models/faceparse.onnx is missing (npm run models)');
  const labels = existsSync(path.join(dev, 'labels.json'))
    ? (
        JSON.parse(readFileSync(path.join(dev, 'labels.json'), 'utf8')) as {
          images: Record<string, Record<string, string>>;
        }
      ).images
    : {};
  const ms: number[] = [];
  for (const [set, dir] of sets) {
    if (!existsSync(dir)) continue;
    const fails = { headwear: [] as string[], accessories: [] as string[] };
    for (const file of readdirSync(dir)
      .filter((f) => /\.(jpe?g|png|webp)$/i.test(f))
      .sort()) {
      const image = await decodeImage(new Uint8Array(readFileSync(path.join(dir, file))));
      const a = await analyzer.analyze(image);
      if (a.landmarks) {
        const t0 = performance.now();
        a.parsing = await parser.parse(image, a.landmarks);
        ms.push(performance.now() - t0);
      }
      const [hw, acc] = runChecks(a, image, chsiProfile, ['headwear', 'accessories']);
      const label = set === 'dev' ? labels[file] : undefined;
      const p = a.parsing;
      const row = {
        set,
        file,
        hat: p ? +p.hat.toFixed(4) : null,
        earringArea: p ? +p.earringArea.toFixed(5) : null,
        necklaceArea: p ? +p.necklaceArea.toFixed(5) : null,
        headwear: hw!.status,
        headwearLabel: label?.headwear ?? '-',
        accessories: acc!.status,
        accessoriesLabel: label?.accessories ?? '-',
      };
      if (hw!.status === 'fail') fails.headwear.push(`${file} (${hw!.value})`);
      if (acc!.status !== 'pass') fails.accessories.push(`${file} (${acc!.value})`);
      if (json) console.log(JSON.stringify(row));
      else
        console.log(
          `${set.padEnd(9)} ${file.padEnd(30)} hat ${row.hat ?? '—'} earring ${row.earringArea ?? '—'} necklace ${row.necklaceArea ?? '—'}  headwear ${row.headwear}${label ? ` (label ${row.headwearLabel})` : ''}  accessories ${row.accessories}${label ? ` (label ${row.accessoriesLabel})` : ''}`,
        );
    }
    console.log(`${set}: headwear fails ${fails.headwear.length}: ${fails.headwear.join(', ') || '—'}`);
    console.log(`${set}: accessories warns ${fails.accessories.length}: ${fails.accessories.join(', ') || '—'}`);
  }
  ms.sort((x, y) => x - y);
  console.log(
    `face parsing: ${ms.length} runs, median ${ms[Math.floor(ms.length / 2)]?.toFixed(0)} ms (crop, 448×448 model, summary)`,
  );
  await parser.close();
  for (const m of Object.values(models)) await m.close();
}

void main();

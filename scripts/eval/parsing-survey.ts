// npx tsx scripts/eval/parsing-survey.ts — the face parsing's measures (models/faceparse.onnx, as 初审 runs it) and the headwear /
// accessories verdicts on every real photo there is: the labelled dev photos, the five portraits and the unlabelled
// identity set (../shared/dev-photos/identity: 65 news/demo photos, many black-haired East Asian sitters), to
// find false fails where there are no labels. `--json` prints one line per photo; `--sets dev,portraits` only those
// sets (the mouth threshold was chosen without the identity set: it is the blind held-out set). Nothing is copied.
// Mouth: the inner-mouth area (class 'mouth': teeth, tongue, the gap) over the crop (∝ face width²), its share of
// mouth + lips, and mouth.closed's verdict (with the parsing, as 初审 runs it).
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
const only = process.argv.find((a, i) => process.argv[i - 1] === '--sets')?.split(',');

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
    if (!existsSync(dir) || (only && !only.includes(set))) continue;
    const fails = { headwear: [] as string[], accessories: [] as string[], mouth: [] as string[] };
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
      const [hw, acc, mouth] = runChecks(a, image, chsiProfile, ['headwear', 'accessories', 'mouth.closed']);
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
        mouthArea: p?.mouthArea !== undefined ? +p.mouthArea.toFixed(5) : null,
        mouthOfLips:
          p?.mouthArea !== undefined && p.lipArea !== undefined
            ? +(p.mouthArea / Math.max(1e-9, p.mouthArea + p.lipArea)).toFixed(3)
            : null,
        mouth: mouth!.status,
        // Which cue failed it: the parsing's inner-mouth area, or the landmarks' lip gap / teeth colour.
        mouthBy:
          mouth!.status !== 'fail' ? '-' : mouth!.message.startsWith('嘴巴张开或露出牙齿') ? 'parsing' : 'landmarks',
        mouthLabel: label?.['mouth.closed'] ?? '-',
      };
      if (mouth!.status === 'fail') fails.mouth.push(`${file} (${row.mouthArea})`);
      if (hw!.status === 'fail') fails.headwear.push(`${file} (${hw!.value})`);
      if (acc!.status !== 'pass') fails.accessories.push(`${file} (${acc!.value})`);
      if (json) console.log(JSON.stringify(row));
      else
        console.log(
          `${set.padEnd(9)} ${file.padEnd(30)} hat ${row.hat ?? '—'} earring ${row.earringArea ?? '—'} necklace ${row.necklaceArea ?? '—'}  headwear ${row.headwear}${label ? ` (label ${row.headwearLabel})` : ''}  accessories ${row.accessories}${label ? ` (label ${row.accessoriesLabel})` : ''}  mouth ${row.mouthArea ?? '—'} of-lips ${row.mouthOfLips ?? '—'} ${row.mouth}${row.mouth === 'fail' ? ` by ${row.mouthBy}` : ''}${label ? ` (label ${row.mouthLabel})` : ''}`,
        );
    }
    console.log(`${set}: headwear fails ${fails.headwear.length}: ${fails.headwear.join(', ') || '—'}`);
    console.log(`${set}: accessories warns ${fails.accessories.length}: ${fails.accessories.join(', ') || '—'}`);
    console.log(`${set}: mouth.closed fails ${fails.mouth.length}: ${fails.mouth.join(', ') || '—'}`);
  }
  ms.sort((x, y) => x - y);
  console.log(
    `face parsing: ${ms.length} runs, median ${ms[Math.floor(ms.length / 2)]?.toFixed(0)} ms (crop, 448×448 model, summary)`,
  );
  await parser.close();
  for (const m of Object.values(models)) await m.close();
}

void main();

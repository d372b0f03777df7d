import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer, type Analyzer } from '../../../src/main/vision/analyzer';
import { decodeImage } from '../../../src/main/vision/decode-image';
import type { ModelSet } from '../../../src/main/vision/model-files';
import { loadOrtModels } from '../../../src/main/vision/ort-sessions';
import { runChecks } from '../../../src/shared/checks/run-checks';
import type { CheckId, CheckResult } from '../../../src/shared/checks/types';
import { defaultCheckThresholds } from '../../../src/shared/spec/check-thresholds';
import { chsiProfile } from '../../../src/shared/spec/profile';

// The labelled real photographs (../shared/dev-photos, never copied into the repo; STUDIO_DEV_PHOTOS overrides),
// through the real models in-process. Each labelled fail of the checks below must fail (初审: warn = pass), each
// labelled pass must not fail. npm run eval:checks prints the same comparison for every check.
const dir = process.env.STUDIO_DEV_PHOTOS ?? path.resolve(__dirname, '../../../../shared/dev-photos');
const present = existsSync(path.join(dir, 'labels.json'));
if (!present) console.warn(`real-photos: skipped — ${path.join(dir, 'labels.json')} not found (set STUDIO_DEV_PHOTOS)`);
const labels = present
  ? (
      JSON.parse(readFileSync(path.join(dir, 'labels.json'), 'utf8')) as {
        images: Record<string, Record<string, string>>;
      }
    ).images
  : {};
const modelsDir = path.resolve(__dirname, '../../../models');

let models: ModelSet;
let analyzer: Analyzer;
const results = new Map<string, Map<string, CheckResult>>();
beforeAll(async () => {
  if (!present) return;
  models = (await loadOrtModels(modelsDir, 1)).models;
  analyzer = createAnalyzer(models);
  for (const file of Object.keys(labels)) {
    const image = await decodeImage(readFileSync(path.join(dir, file)));
    const r = runChecks(await analyzer.analyze(image), image, chsiProfile);
    results.set(file, new Map(r.map((c) => [c.id, c])));
  }
}, 120_000);
afterAll(async () => {
  for (const m of Object.values(models ?? {})) await m.close();
});

function disagreements(id: CheckId): string[] {
  const out: string[] = [];
  for (const [file, lab] of Object.entries(labels)) {
    const want = lab[id];
    if (want !== 'pass' && want !== 'fail') continue;
    const r = results.get(file)!.get(id)!;
    if ((want === 'fail') !== (r.status === 'fail')) out.push(`${file}: want ${want}, got ${r.status} (${r.value})`);
  }
  return out;
}

describe.skipIf(!present)('checks on the labelled real photos', () => {
  it('eyes.open: every closed eye and wink fails, every open pair does not (each eye on its own)', () => {
    expect(disagreements('eyes.open')).toEqual([]);
    expect(results.get('wink-01.jpg')!.get('eyes.open')!.message).toMatch(/右眼（画面左侧）闭合/);
  });
  it('face.count: the group photos fail (three small faces the whole-frame pass misses), no single sitter does', () => {
    expect(disagreements('face.count')).toEqual([]);
    expect(results.get('three-faces-01.jpg')!.get('face.count')!.value).toBe(3);
  });
  it('mouth.closed: every smile with teeth and open mouth fails; pale lips are not teeth, a pucker is not open', () => {
    expect(disagreements('mouth.closed')).toEqual([]);
  });
  it('head.pose: the turned and tilted heads fail (three-quarter view by the nose offset), no frontal face does', () => {
    expect(disagreements('head.pose')).toEqual([]);
  });
  it('headwear: the caps and the hard hat fail, no bare head does; the black band on dark hair is still missed', () => {
    expect(disagreements('headwear')).toEqual([expect.stringMatching(/^headband-01\.jpg: want fail/)]);
    expect(results.get('cap-01.jpg')!.get('headwear')!.message).toMatch(/帽檐/);
  });
  it('ears.symmetric (warn-only): hidden ears measure below the fail floor, visible ones above (the tilted head aside)', () => {
    const floor = (chsiProfile.checks ?? defaultCheckThresholds).ears.failBelow;
    for (const [file, lab] of Object.entries(labels)) {
      const want = lab['ears.symmetric'];
      if (!want || file === 'head-tilt-01.jpg') continue;
      const v = results.get(file)!.get('ears.symmetric')!.value!;
      if (want === 'fail') expect(v, file).toBeLessThan(floor);
      else expect(v, file).toBeGreaterThanOrEqual(floor);
    }
  });
  it('glare.glasses: the lamp reflected in both lenses of the webcam frame fails, no clean pair of glasses does', () => {
    expect(disagreements('glare.glasses')).toEqual([]);
    expect(results.get('glasses-glare-closed-eyes-01.jpg')!.get('glare.glasses')!.status).toBe('fail');
  });
});

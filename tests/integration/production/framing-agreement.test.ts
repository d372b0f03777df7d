import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PhotoRefusedError, producePhoto, type ProducedPhoto } from '../../../src/main/production';
import { decodeImage } from '../../../src/main/vision/decode-image';
import { REFUSAL_CHECK } from '../../../src/shared/checks/crop-plan';
import { runChecks } from '../../../src/shared/checks/run-checks';
import type { CheckId, CheckResult } from '../../../src/shared/checks/types';
import { ISLAND_MAX_PX } from '../../../src/shared/photo/cutout-islands';
import { chsiProfile } from '../../../src/shared/spec';
import { decode, inProcessAnalyzer } from './photo-metrics';
import { backgroundIslands } from '../../../src/shared/photo/cutout-islands';
import { parseHexColor } from '../../../src/shared/color/lab';

// One framing rule (issue 11): the live framing checks on a raw frame and the 初审 of the photo production makes from
// it never disagree. For every sample portrait: a frame production refuses fails, live, the framing check the refusal
// concerns; a frame it accepts shows, live, exactly the framing checks its 初审 fails (a live warn — a prediction
// within the planner's noise margin of a limit — counts as a pass, as in 初审). And clean cut-outs: no final photo
// production makes from the portraits or the dev photos keeps an island of old background above 20 px (production
// paints them, paintIslands; the 初审 measure, cutout.islands, agrees).
const PORTRAITS = '../shared/portraits';
const DEV = process.env.STUDIO_DEV_PHOTOS ?? '../shared/dev-photos';
const FRAMING: CheckId[] = [
  'framing.headroom',
  'framing.eyes',
  'framing.face_size',
  'framing.centered',
  'framing.shoulders',
];
const portraits = readdirSync(PORTRAITS).filter((f) => /\.(jpe?g|png|webp)$/i.test(f));
const devPhotos = existsSync(DEV) ? readdirSync(DEV).filter((f) => /\.(jpe?g|png|webp)$/i.test(f)) : [];

/**
 * Framing checks whose live and 初审 verdicts may differ on a sample, with the measured reason. portrait-02: both
 * shoulder joints land 26–42 output px inside the final photo's side edges; MoveNet sees them on the raw frame
 * (scores 0.43 / 0.66) and, depending on the resampling path, not on the final (score < 0.3 → 看不到双肩).
 */
const NOISE: Record<string, CheckId[]> = { 'portrait-02.webp': ['framing.shoulders'] };

type Outcome = { live: CheckResult[]; produced: ProducedPhoto | null; refused: string | null };
let vision: Awaited<ReturnType<typeof inProcessAnalyzer>>;
const outcomes = new Map<string, Outcome>();

async function run(file: string): Promise<Outcome> {
  const bytes = readFileSync(file);
  const image = await decodeImage(bytes);
  const live = runChecks(await vision.analyzer.analyze(image), image, chsiProfile, FRAMING, { backdrop: 'replace' });
  try {
    return { live, produced: await producePhoto(bytes, 'chsi', vision.analyzer), refused: null };
  } catch (err) {
    if (err instanceof PhotoRefusedError) return { live, produced: null, refused: err.refusal.code };
    throw err;
  }
}

beforeAll(async () => {
  vision = await inProcessAnalyzer();
  for (const f of portraits) outcomes.set(f, await run(path.join(PORTRAITS, f)));
}, 600_000);
afterAll(() => vision?.close());

describe.each(portraits)('%s: live framing guidance = 初审', (file) => {
  it('agrees check by check (refused: the check the refusal concerns fails live)', () => {
    const o = outcomes.get(file)!;
    const liveFails = o.live.filter((r) => r.status === 'fail').map((r) => r.id);
    if (o.refused) {
      const concerned = REFUSAL_CHECK[o.refused as keyof typeof REFUSAL_CHECK];
      if (concerned) expect(liveFails).toContain(concerned);
      return;
    }
    const judged = (c: string) => (FRAMING as string[]).includes(c) && !(NOISE[file] ?? []).includes(c as CheckId);
    const reviewFails = o.produced!.reasons.map((r) => r.code).filter(judged);
    expect(liveFails.filter(judged).sort()).toEqual(reviewFails.sort());
  });
  it('its final photo keeps no island of old background above 20 px', async () => {
    const o = outcomes.get(file)!;
    if (!o.produced) return;
    const m = backgroundIslands(await decode(o.produced.jpeg), parseHexColor(chsiProfile.output.background));
    expect(m.largest).toBeLessThanOrEqual(ISLAND_MAX_PX);
  });
});

describe.runIf(devPhotos.length > 0)('dev photos: clean cut-outs', () => {
  it('no final photo production makes from a dev photo keeps an island above 20 px (and 初审 would name one)', async () => {
    const islands: string[] = [];
    for (const f of devPhotos) {
      const o = await run(path.join(DEV, f));
      if (!o.produced) continue;
      const m = backgroundIslands(await decode(o.produced.jpeg), parseHexColor(chsiProfile.output.background));
      console.log(`${f}: largest island ${m.largest} px (${m.count}), 初审 ${o.produced.passed ? 'pass' : 'fail'}`);
      const named = o.produced.reasons.some((r) => r.code === 'cutout.islands');
      expect(named).toBe(m.largest > ISLAND_MAX_PX);
      if (m.largest > ISLAND_MAX_PX) islands.push(`${f}: ${m.largest} px at ${JSON.stringify(m.box)}`);
    }
    expect(islands).toEqual([]);
  }, 1_200_000);
});

import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page, type PageScreenshotOptions } from '@playwright/test';
import sharp from 'sharp';
import { screenshotPath } from '../helpers/screenshots';
import { spawnHost, type SpawnedHost } from '../helpers/spawn-host';
import { tempDir } from '../helpers/temp-dir';

/** ../shared beside the checkout: sample portraits and developer photos are read from there at run time. */
export const SHARED = path.resolve('../shared');

/**
 * Who sits in front of the station's replay camera, in order (camera.next moves to the next one):
 * a file under ../shared (used as it is), or a picture made at run time from one (`make`; say what the edit
 * simulates where it is defined). Nothing is copied into the repo.
 */
export type Sitter = string | { name: string; make: () => Promise<Buffer> };

/**
 * A developer photo of the Face Research Lab London Set (dev-photos/pass-like-*) made into a station sitter. Those
 * photos are cut at the collar, while a station frames the student down to the chest (third button), so production
 * rightly refuses them as they are (胸部拍得太少). The edit simulates the camera framed lower: the bottom rows (a
 * plain white T-shirt) are continued downward by `below` px. Face, hair, ears and backdrop are the photograph's own,
 * so every face check still judges real pixels. Made at run time. pass-like-03 and -04 with 550 px were checked to
 * pass 初审 (`studio photo`) and the live checks on the 720 px live frame (`studio check`); with 400 px pass-like-03's
 * final passes but its live frame fails framing.shoulders (so auto-capture waits).
 */
export function framedToChest(devPhoto: string, below = 550): Sitter {
  return {
    name: `${path.basename(devPhoto, path.extname(devPhoto))}-to-chest.jpg`,
    make: () =>
      sharp(path.join(SHARED, 'dev-photos', devPhoto))
        .extend({ bottom: below, extendWith: 'copy' })
        .jpeg({ quality: 92 })
        .toBuffer(),
  };
}

type Api = <T = Record<string, unknown>>(method: string, body: unknown) => Promise<T>;

export interface RosterStudent {
  name: string;
  no: string;
  code: string;
  id: string;
  gender: '男' | '女';
  className?: string;
}

export interface StationOptions {
  /** The roster imported for the event: students (a full roster with contact details) or a CSV text as is. */
  roster: readonly RosterStudent[] | string;
  /** The page the station is set up on (its station bar): 拍摄 or 签到. */
  at?: 'capture' | 'checkin';
  featureCode?: string;
  /** 全部通过时自动拍摄: left as the station has it when omitted. */
  autoCapture?: boolean;
}

export interface Station {
  event: { id: string };
  imported: number;
}

interface TestFixtures {
  /** The replay camera's sitters for this test's own host (test.use({ sitters: [...] })). */
  sitters: Sitter[];
  /** A studio host of this test's own (fresh data folder, replay camera with `sitters`). */
  freshHost: SpawnedHost & { dataDir: string };
  /** POST /api/<method> on freshHost; asserts 200 and returns the body. */
  api: Api;
  /**
   * The station set-up every station e2e repeats (not operator work): an event, its roster imported, the page
   * opened with 当前活动 and 操作员 set, the station's replay camera chosen.
   */
  station: (opts: StationOptions) => Promise<Station>;
}

/** The ISO 7064 check digit of a 17-digit 证件号 prefix, appended. */
export function withCheckDigit(first17: string): string {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, k) => s + Number(d) * W[k]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

/** A school's full roster (contact details included) as CSV, 班级 when any student has one. */
export function rosterCsv(students: readonly RosterStudent[]): string {
  const withClass = students.some((s) => s.className);
  const header = ['姓名', '学号', '证件号', '采集码', '性别', '学历', '所在校别', '专业/院系', '电子邮箱', '联系电话'];
  return [
    [...header, ...(withClass ? ['班级'] : [])].join(','),
    ...students.map((s, i) =>
      [
        s.name,
        s.no,
        s.id,
        s.code,
        s.gender,
        '本科',
        '本部',
        '教育传媒',
        `s${i}@example.com`,
        `138123456${String(i % 100).padStart(2, '0')}`,
        ...(withClass ? [s.className ?? ''] : []),
      ].join(','),
    ),
  ].join('\r\n');
}

async function writeSitters(sitters: readonly Sitter[], dir: string): Promise<void> {
  // the replay camera takes its samples in file-name order: a numbered prefix keeps the order given
  for (const [i, s] of sitters.entries()) {
    const prefix = String(i + 1).padStart(2, '0');
    if (typeof s === 'string') copyFileSync(path.join(SHARED, s), path.join(dir, `${prefix}-${path.basename(s)}`));
    else writeFileSync(path.join(dir, `${prefix}-${s.name}`), await s.make());
  }
}

/** Start a host with these variables set for it only (spawn copies the environment before its first await). */
function spawnWith(dataDir: string, vars: Record<string, string>): Promise<SpawnedHost> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return spawnHost(dataDir);
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

// Each test file gets its own studio host on a fresh data directory (studioHost); a test that sets up a station
// gets one of its own (freshHost).
export const test = base.extend<TestFixtures, { studioHost: SpawnedHost & { dataDir: string } }>({
  studioHost: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
    async ({}, use) => {
      const tmp = tempDir('studio-e2e-');
      const host = await spawnHost(tmp.dir);
      await use(Object.assign(host, { dataDir: tmp.dir }));
      await host.stop();
      tmp.cleanup();
    },
    { scope: 'worker' },
  ],
  sitters: [[], { option: true }],
  // A studio host of this test's own: the worker's shared host is reused by the next test file, and
  // the events test expects to start from an empty list. The station camera is always the replay camera.
  freshHost: async ({ sitters }, use) => {
    const tmp = tempDir('studio-e2e-station-');
    const vars: Record<string, string> = { STUDIO_CAMERA: 'replay' };
    let replayDir: string | null = null;
    if (sitters.length > 0) {
      replayDir = mkdtempSync(path.join(os.tmpdir(), 'studio-replay-'));
      await writeSitters(sitters, replayDir);
      vars.STUDIO_REPLAY_DIR = replayDir;
    }
    const host = await spawnWith(tmp.dir, vars);
    await use(Object.assign(host, { dataDir: tmp.dir }));
    await host.stop();
    tmp.cleanup();
    if (replayDir) rmSync(replayDir, { recursive: true, force: true });
  },
  api: async ({ page, freshHost }, use) => {
    await use(async <T = Record<string, unknown>>(method: string, body: unknown): Promise<T> => {
      const res = await page.request.post(`${freshHost.url}/api/${method}`, { data: body });
      expect(res.status(), await res.text()).toBe(200);
      return (await res.json()) as T;
    });
  },
  station: async ({ page, freshHost, api }, use) => {
    await use(async (opts) => {
      const event = await api<{ id: string }>('events.create', {
        schoolName: '山东师范大学',
        schoolCode: '10403',
        featureCode: opts.featureCode ?? 'SDNU2026',
        date: '2026-06-01',
      });
      const csv = typeof opts.roster === 'string' ? opts.roster : rosterCsv(opts.roster);
      const { imported } = await api<{ imported: number }>('roster.import', {
        eventId: event.id,
        fileName: '名单.csv',
        contentBase64: Buffer.from(csv).toString('base64'),
      });
      await page.goto(`${freshHost.url}/#/${opts.at ?? 'capture'}`);
      await page.getByLabel('当前活动').selectOption(event.id);
      await page.getByLabel('操作员').fill('王老师');
      await page.getByLabel('画面来源').selectOption('station');
      await page.getByLabel('相机').selectOption('replay:samples');
      if (opts.autoCapture !== undefined) await page.getByLabel('全部通过时自动拍摄').setChecked(opts.autoCapture);
      return { event, imported };
    });
  },
});

/** What the station remembers between runs (localStorage studio.station, src/renderer/station/station-store.ts). */
export interface RememberedStation {
  eventId?: string | null;
  orderId?: string | null;
  operator?: string;
}

/**
 * Open the app at `appUrl` (e.g. `${host.url}/#/capture`) with the station remembering `state` — as after 签到 —
 * merged into what it already remembers. Written on a page of the same origin where the app does not run (the
 * host's /favicon.ico), then the app is opened and reads it at start: written into the running app, the station
 * store's next save (the station bar preselecting the only event) raced it and the current student was lost.
 */
export async function openWithStation(page: Page, appUrl: string, state: RememberedStation): Promise<void> {
  await page.goto(new URL('/favicon.ico', appUrl).href);
  await page.evaluate(
    `(() => { const st = JSON.parse(localStorage.getItem('studio.station') ?? '{}'); localStorage.setItem('studio.station', JSON.stringify({ ...st, ...${JSON.stringify(state)} })); })()`,
  );
  await page.goto(appUrl);
}

export { expect } from '@playwright/test';

/**
 * A picture for docs/screenshots/<name>.png (README). Taken only by `npm run screenshots` (STUDIO_SCREENSHOTS=1):
 * a plain test run leaves the tracked pictures alone.
 */
export async function saveScreenshot(page: Page, name: string, opts: PageScreenshotOptions = {}): Promise<void> {
  const file = screenshotPath(name);
  if (file) await page.screenshot({ ...opts, path: file });
}

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoStudent } from '../../../src/main/checkin/demo-students';
import { createStudio, type Studio } from '../../../src/main/core/studio';
import type { PushEvent } from '../../../src/shared/contract';
import type { OrderView, PhotoView } from '../../../src/shared/contract/views';
import { FEATURE_CODE, ctx } from '../../helpers/records-fixture';
import { tempDir } from '../../helpers/temp-dir';

// A hot-folder shot that real photo production refuses (headband-01: a head-and-shoulders crop cut at the shoulders,
// read from ../shared/dev-photos at test time, never copied into the repo). While a student is current it is that
// student's capture: its original stored once, the refusal pushed with the shot's name; it never goes to 未归属
// as well (the trial found it in 未归属 and as 原片 v2–v4 after assigning). With nobody current it goes to 未归属
// with the reason, and assigning it (refused again) stores it once and empties the tray. A byte-identical copy is
// not stored, and the station says so.
const tmp = tempDir('studio-hotfolder-refused-');
const folder = path.join(tmp.dir, 'EOS Utility');
const dataDir = path.join(tmp.dir, 'data');
const headband = readFileSync(path.resolve('../shared/dev-photos/headband-01.jpg'));
let studio: Studio;
let eventId: string;
const pushed: PushEvent[] = [];

const call = async <T = unknown>(method: string, payload: unknown) =>
  (await studio.dispatch(method, payload, ctx)) as T;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const photos = async (orderId: string) => (await call<{ photos: PhotoView[] }>('photos.list', { orderId })).photos;
const tray = async () =>
  (await call<{ shots: { id: string; name: string; sha256: string; reason?: string }[] }>('camera.unassigned', {}))
    .shots;

async function until<T>(what: () => T | Promise<T>, ok: (v: T) => boolean, ms = 120_000): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await what();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  return what();
}

const shotEvents = (name: string) =>
  pushed.filter((e) => (e.name === 'camera.shot' || e.name === 'camera.shotSkipped') && e.data.name === name);

async function checkIn(i: number): Promise<OrderView> {
  const s = demoStudent(i);
  return (
    await call<{ order: OrderView }>('checkin.submit', {
      eventId,
      source: 'qr',
      payload: s.payload,
      featureCode: FEATURE_CODE,
      idLast4: s.idNumber.slice(-4),
      email: 'student@example.com',
      phone: '13812345678',
      operator: '张老师',
    })
  ).order;
}

beforeAll(async () => {
  mkdirSync(folder);
  process.env.STUDIO_HOT_FOLDER = folder;
  studio = createStudio({ dataDir, log: () => {} }); // the real photo production
  studio.bus.subscribe((e) => pushed.push(e));
  eventId = (
    await call<{ id: string }>('events.create', {
      schoolName: '山东师范大学',
      schoolCode: '10403',
      featureCode: FEATURE_CODE,
      date: '2026-06-01',
      stationName: '一号机',
    })
  ).id;
  const hot = (await call<{ devices: { id: string; kind: string }[] }>('camera.list', { refresh: true })).devices.find(
    (d) => d.kind === 'hotfolder',
  );
  await call('camera.select', { id: hot!.id });
});
afterAll(async () => {
  await studio.close();
  delete process.env.STUDIO_HOT_FOLDER;
  tmp.cleanup();
});

describe('hot-folder shots that photo production refuses', () => {
  it('with a student current: stored once as that student’s original, the refusal said with the file name; not in 未归属', async () => {
    const order = await checkIn(0);
    await call('camera.setCurrentOrder', { orderId: order.id, operator: '张老师' });
    writeFileSync(path.join(folder, 'IMG_0001.JPG'), headband);
    const [ev] = await until(
      () => shotEvents('IMG_0001.JPG'),
      (e) => e.length > 0,
    );
    expect(ev).toMatchObject({ name: 'camera.shot', data: { outcome: 'order', orderId: order.id, result: null } });
    expect((ev!.data as { problem?: string }).problem).toContain('双肩未完整入镜');
    await new Promise((r) => setTimeout(r, 1500)); // a second take would come within the watcher's poll
    const all = await photos(order.id);
    expect(all.filter((p) => p.kind === 'original').map((p) => p.sha256)).toEqual([sha(headband)]);
    expect(all.filter((p) => p.kind === 'final')).toEqual([]);
    expect(await tray()).toEqual([]);

    // the tethering software saves the same bytes again under another name: not stored, and said
    writeFileSync(path.join(folder, 'IMG_0001 (2).JPG'), headband);
    const [skip] = await until(
      () => shotEvents('IMG_0001 (2).JPG'),
      (e) => e.length > 0,
    );
    expect(skip).toMatchObject({ name: 'camera.shotSkipped', data: { firstName: 'IMG_0001.JPG' } });
    expect((skip!.data as { reason: string }).reason).toContain('内容完全相同');
    expect((await photos(order.id)).filter((p) => p.kind === 'original')).toHaveLength(1);
    expect(await tray()).toEqual([]);
  });

  it('with nobody current: 未归属 says why; assigned and refused again, it is stored once and leaves the tray', async () => {
    await call('camera.setCurrentOrder', { orderId: null });
    // other bytes of the same refused framing (a re-encode), so the journal does not skip it as a copy
    const again = await sharp(headband).jpeg({ quality: 90 }).toBuffer();
    writeFileSync(path.join(folder, 'IMG_0002.JPG'), again);
    const shots = await until(tray, (s) => s.length === 1);
    expect(shots.map((s) => [s.name, s.sha256, s.reason])).toEqual([
      ['IMG_0002.JPG', sha(again), '拍摄时没有当前学生'],
    ]);
    expect(shotEvents('IMG_0002.JPG')).toMatchObject([
      { name: 'camera.shot', data: { outcome: 'tray', problem: '拍摄时没有当前学生' } },
    ]);

    const order = await checkIn(1);
    const assign = () => call('camera.assignUnassigned', { id: shots[0]!.id, orderId: order.id, operator: '张老师' });
    await expect(assign()).rejects.toThrow('双肩未完整入镜');
    expect(await tray()).toEqual([]);
    await expect(assign()).rejects.toThrow('找不到这张未归属照片');
    expect((await photos(order.id)).filter((p) => p.kind === 'original').map((p) => p.sha256)).toEqual([sha(again)]);
  });
});

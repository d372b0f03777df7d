import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoStudent } from '../../../src/main/checkin/demo-students';
import type { OrderView, PhotoView } from '../../../src/shared/contract/views';
import { FEATURE_CODE, recordsFixture, type RecordsFixture } from '../../helpers/records-fixture';
import { tempDir } from '../../helpers/temp-dir';

// The station with a hot folder through its real API (dispatch), records and photo store; photo production is the
// records tests' stand-in producer (resize + 初审 passed), the real one is covered by the production tests.
const tmp = tempDir('studio-hotfolder-e2e-');
const folder = path.join(tmp.dir, 'EOS Utility');
let f: RecordsFixture;

beforeAll(async () => {
  mkdirSync(folder);
  process.env.STUDIO_HOT_FOLDER = folder;
  f = await recordsFixture();
});
afterAll(async () => {
  await f.close();
  delete process.env.STUDIO_HOT_FOLDER;
  tmp.cleanup();
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const jpegOf = () =>
  sharp({
    create: {
      width: 1200,
      height: 1600,
      channels: 3,
      background: '#888',
      noise: { type: 'gaussian', mean: 128, sigma: 30 },
    },
  })
    .jpeg({ quality: 90 })
    .toBuffer();

async function checkIn(i: number): Promise<OrderView> {
  const s = demoStudent(i);
  const r = await f.call<{ order: OrderView }>('checkin.submit', {
    eventId: f.event.id,
    source: 'qr',
    payload: s.payload,
    featureCode: FEATURE_CODE,
    idLast4: s.idNumber.slice(-4),
    email: 'student@example.com',
    phone: '13812345678',
    operator: '张老师',
  });
  return r.order;
}

const photos = async (orderId: string) => (await f.call<{ photos: PhotoView[] }>('photos.list', { orderId })).photos;

async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const v = await what();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  return what();
}

describe('hot folder through the station API', () => {
  it('a JPEG written in three slow pieces becomes the current order’s original once, with its final photo and 初审', async () => {
    const devices = (await f.call<{ devices: { id: string; kind: string }[] }>('camera.list', { refresh: true }))
      .devices;
    const hot = devices.find((d) => d.kind === 'hotfolder');
    expect(hot?.id).toBe(`hotfolder:${path.resolve(folder)}`);
    await f.call('camera.select', { id: hot!.id });

    const order = await checkIn(0);
    await f.call('camera.setCurrentOrder', { orderId: order.id, operator: '张老师' });
    const jpeg = await jpegOf();
    const file = path.join(folder, 'IMG_0001.JPG');
    const third = Math.ceil(jpeg.length / 3);
    for (let i = 0; i < 3; i++) {
      appendFileSync(file, jpeg.subarray(i * third, (i + 1) * third));
      await new Promise((r) => setTimeout(r, 1500)); // longer than the watcher's settle time: each piece looks "done"
    }
    const got = await until(
      () => photos(order.id),
      (p) => p.some((x) => x.kind === 'final'),
    );
    await new Promise((r) => setTimeout(r, 1500));
    const all = await photos(order.id);
    expect(all.filter((p) => p.kind === 'original').map((p) => p.sha256)).toEqual([sha(jpeg)]);
    expect(got.find((p) => p.kind === 'final')).toMatchObject({ precheck: 'passed', width: 480, height: 640 });
    expect(all).toHaveLength(2);
  });

  it('a shot with no current student waits in 未归属 and is assigned to the right order, or discarded', async () => {
    await f.call('camera.setCurrentOrder', { orderId: null });
    const stray = await jpegOf();
    writeFileSync(path.join(folder, 'IMG_0002.JPG'), stray);
    const tray = await until(
      () => f.call<{ shots: { id: string; sha256: string; name: string }[] }>('camera.unassigned', {}),
      (r) => r.shots.length === 1,
    );
    expect(tray.shots.map((s) => [s.name, s.sha256])).toEqual([['IMG_0002.JPG', sha(stray)]]);

    const order = await checkIn(1);
    const res = await f.call<{ original: PhotoView }>('camera.assignUnassigned', {
      id: tray.shots[0]!.id,
      orderId: order.id,
      operator: '张老师',
    });
    expect(res.original.sha256).toBe(sha(stray));
    expect((await photos(order.id)).filter((p) => p.kind === 'original').map((p) => p.sha256)).toEqual([sha(stray)]);
    expect((await f.call<{ shots: unknown[] }>('camera.unassigned', {})).shots).toEqual([]);

    writeFileSync(path.join(folder, 'IMG_0003.JPG'), await jpegOf());
    const second = await until(
      () => f.call<{ shots: { id: string }[] }>('camera.unassigned', {}),
      (r) => r.shots.length === 1,
    );
    await f.call('camera.discardUnassigned', { id: second.shots[0]!.id, reason: '试拍' });
    expect((await f.call<{ shots: unknown[] }>('camera.unassigned', {})).shots).toEqual([]);
    await expect(f.call('camera.setCurrentOrder', { orderId: order.id })).rejects.toThrow('操作员');
  });

  it('the hot folder of 设置 survives a restart and, as the default camera, is watched from start-up', async () => {
    const saved = path.join(tmp.dir, 'digiCamControl');
    mkdirSync(saved);
    await expect(f.call('camera.configure', { hotFolder: path.join(tmp.dir, 'nope') })).rejects.toThrow('文件夹不存在');
    await expect(f.call('camera.configure', { hotFolder: 'relative/dir' })).rejects.toThrow('完整路径');
    expect(await f.call('camera.configure', { hotFolder: saved })).toEqual({
      hotFolder: path.resolve(saved),
      hotFolderFrom: 'settings',
    });
    await f.call('settings.update', { defaultCameraId: `hotfolder:${path.resolve(saved)}` });
    await f.reopen();
    expect(await f.call('camera.settings', {})).toMatchObject({ hotFolder: path.resolve(saved) });
    // nobody opened 拍摄: the station watches the folder anyway, so this shot is not taken for "old"
    await until(
      async () => (await f.call<{ selected: { id: string } | null }>('camera.status', {})).selected?.id,
      (id) => id === `hotfolder:${path.resolve(saved)}`,
    );
    writeFileSync(path.join(saved, 'DSC_0001.JPG'), await jpegOf());
    const tray = await until(
      () => f.call<{ shots: { name: string }[] }>('camera.unassigned', {}),
      (r) => r.shots.some((s) => s.name === 'DSC_0001.JPG'),
    );
    expect(tray.shots.map((s) => s.name)).toContain('DSC_0001.JPG');
    await f.call('camera.configure', { hotFolder: null });
    expect(await f.call('camera.settings', {})).toMatchObject({ hotFolderFrom: 'env' });
  });
});

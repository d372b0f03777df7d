import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CameraService, type CaptureTarget } from '../../../src/main/camera/camera-service';
import { HotFolderDriver } from '../../../src/main/camera/hot-folder-camera';
import { ReplayDriver } from '../../../src/main/camera/replay-camera';
import { UnassignedTray } from '../../../src/main/camera/unassigned-tray';
import { tempDir } from '../../helpers/temp-dir';

const tmp = tempDir('studio-hotfolder-svc-');
afterAll(() => tmp.cleanup());

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const shotJpeg = () =>
  sharp({
    create: {
      width: 480,
      height: 640,
      channels: 3,
      background: '#777',
      noise: { type: 'gaussian', mean: 120, sigma: 30 },
    },
  })
    .jpeg()
    .toBuffer();

async function until<T>(what: () => T | Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const v = await what();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  return what();
}

const services: CameraService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.close()));
});

let n = 0;
/** A station on a hot folder; the capture sink stands for the records module and refuses order "closed". */
function station(root = path.join(tmp.dir, `s${n++}`)) {
  const folder = path.join(root, 'EOS');
  mkdirSync(folder, { recursive: true });
  const stored: { orderId: string; sha256: string }[] = [];
  const svc = new CameraService({
    drivers: [
      new HotFolderDriver(() => folder, { stateDir: path.join(root, 'data', 'camera'), pollMs: 40, settleMs: 60 }),
      new ReplayDriver(null),
    ],
    captureSink: async (jpeg, req) => {
      if (req.orderId === 'closed') throw new Error('该订单已结束');
      stored.push({ orderId: req.orderId, sha256: sha(jpeg) });
      return { orderId: req.orderId, sha256: sha(jpeg) } as never;
    },
    tray: new UnassignedTray(path.join(root, 'data', 'camera', 'unassigned')),
  });
  services.push(svc);
  return { svc, folder, stored, root };
}

const order = (orderId: string): CaptureTarget => ({ orderId, operator: '张老师', profileId: 'graduation' });

describe('CameraService on a hot folder', () => {
  it('is the selected camera when configured, and stores shots for the current order; later ones after 下一位 go to 未归属', async () => {
    const { svc, folder, stored } = station();
    const devices = await svc.list(true);
    expect(devices.map((d) => d.kind)).toEqual(['hotfolder', 'replay']);
    await svc.select(devices[0]!.id);
    svc.setCurrentOrder(order('o-1'));
    const a = await shotJpeg();
    writeFileSync(path.join(folder, 'IMG_0001.JPG'), a);
    await until(
      () => stored.length,
      (x) => x === 1,
    );
    expect(stored).toEqual([{ orderId: 'o-1', sha256: sha(a) }]);

    svc.setCurrentOrder(null);
    const b = await shotJpeg();
    writeFileSync(path.join(folder, 'IMG_0002.JPG'), b);
    const tray = await until(
      () => svc.unassigned(),
      (x) => x.length === 1,
    );
    expect(tray.map((s) => [s.name, s.sha256])).toEqual([['IMG_0002.JPG', sha(b)]]);
    expect(stored).toHaveLength(1);

    // the operator gives it to the right student; it leaves the tray only once stored
    await svc.assignUnassigned(tray[0]!.id, order('o-2'));
    expect(stored.at(-1)).toEqual({ orderId: 'o-2', sha256: sha(b) });
    expect(await svc.unassigned()).toEqual([]);
  });

  it('captureForOrder waits for the shutter on the camera and returns what was stored for that order', async () => {
    const { svc, folder, stored } = station();
    await svc.select((await svc.list(true))[0]!.id);
    const pending = svc.captureForOrder(order('o-9'));
    await new Promise((r) => setTimeout(r, 100));
    const jpeg = await shotJpeg();
    writeFileSync(path.join(folder, 'IMG_0100.JPG'), jpeg);
    await expect(pending).resolves.toMatchObject({ orderId: 'o-9', sha256: sha(jpeg) });
    expect(stored).toEqual([{ orderId: 'o-9', sha256: sha(jpeg) }]);
  });

  it('a shot the order refuses is kept in 未归属, and a discarded one is set aside, not deleted', async () => {
    const { svc, folder, stored, root } = station();
    await svc.select((await svc.list(true))[0]!.id);
    svc.setCurrentOrder(order('closed'));
    writeFileSync(path.join(folder, 'IMG_0200.JPG'), await shotJpeg());
    const tray = await until(
      () => svc.unassigned(),
      (x) => x.length === 1,
    );
    expect(stored).toEqual([]);
    await svc.discardUnassigned(tray[0]!.id, { reason: '试拍，不是学生', operator: '张老师' });
    expect(await svc.unassigned()).toEqual([]);
    const aside = path.join(root, 'data', 'camera', 'unassigned', 'discarded');
    expect(readdirSync(aside).sort()).toEqual([`${tray[0]!.id}.jpg`, `${tray[0]!.id}.json`]);
    const note = JSON.parse(readFileSync(path.join(aside, `${tray[0]!.id}.json`), 'utf8')) as Record<string, unknown>;
    expect(note).toMatchObject({ reason: '试拍，不是学生', operator: '张老师', name: 'IMG_0200.JPG' });
  });

  it('after a restart of the station the shots already stored are not stored again; one taken meanwhile is', async () => {
    const root = path.join(tmp.dir, 'restart');
    const first = station(root);
    await first.svc.select((await first.svc.list(true))[0]!.id);
    first.svc.setCurrentOrder(order('o-1'));
    writeFileSync(path.join(first.folder, 'IMG_1.JPG'), await shotJpeg());
    await until(
      () => first.stored.length,
      (x) => x === 1,
    );
    await first.svc.close();
    const late = await shotJpeg();
    writeFileSync(path.join(first.folder, 'IMG_2.JPG'), late);

    const second = station(root);
    await second.svc.select((await second.svc.list(true))[0]!.id);
    // no current order yet after the restart: the shot taken while the station was down waits in 未归属
    const tray = await until(
      () => second.svc.unassigned(),
      (x) => x.length === 1,
    );
    expect(tray.map((s) => s.sha256)).toEqual([sha(late)]);
    expect(second.stored).toEqual([]);
    expect(existsSync(path.join(first.folder, 'IMG_1.JPG'))).toBe(true); // the tethering folder is never touched
  });
});

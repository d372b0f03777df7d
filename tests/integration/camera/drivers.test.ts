import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { CameraError } from '../../../src/main/camera/camera-error';
import { FsWebcamCamera, FsWebcamDriver } from '../../../src/main/camera/fswebcam-camera';
import { Gphoto2Camera, Gphoto2Driver } from '../../../src/main/camera/gphoto2-camera';
import { ReplayDriver } from '../../../src/main/camera/replay-camera';
import { tempDir } from '../../helpers/temp-dir';

const portraits = path.resolve('../shared/portraits');
const tmp = tempDir('studio-camera-');
afterAll(() => tmp.cleanup());

function frames(cam: { startLive: FsWebcamCamera['startLive']; stopLive(): Promise<void> }, n: number, fps = 20) {
  return new Promise<Buffer[]>((resolve, reject) => {
    const got: Buffer[] = [];
    void cam.startLive(
      (jpeg) => {
        got.push(jpeg);
        if (got.length === n) void cam.stopLive().then(() => resolve(got));
      },
      { fps, onError: reject },
    );
  });
}

describe('ReplayCamera (no camera attached)', () => {
  it("serves 720 px high live frames at the photo's aspect (no padding bars) and the full-size photo, and cycles students on demand", async () => {
    const driver = new ReplayDriver(portraits);
    const [device] = await driver.list();
    expect(device!.label).toContain('5 张示例照片');
    const cam = driver.open(device!);
    const live = await frames(cam, 3);
    for (const f of live) expect(await sharp(f).metadata()).toMatchObject({ format: 'jpeg', width: 540, height: 720 }); // 576×768 scaled
    const first = await sharp(await cam.capture()).metadata();
    expect(first).toMatchObject({ format: 'jpeg', width: 576, height: 768 }); // portrait-01
    await cam.next();
    expect(cam.sampleLabel).toBe('2/5');
    const second = await sharp(await cam.capture()).metadata();
    expect(second).toMatchObject({ format: 'jpeg', width: 764, height: 1146 }); // portrait-02 (WebP → JPEG)
    await cam.close();
  });

  it('synthesises a sitter when there are no sample photos', async () => {
    const driver = new ReplayDriver(null);
    const [device] = await driver.list();
    expect(device!.label).toContain('合成画面');
    const cam = driver.open(device!);
    const meta = await sharp(await cam.capture()).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 960, height: 1280 });
    const [frame] = await frames(cam, 1);
    expect(await sharp(frame!).metadata()).toMatchObject({ width: 540, height: 720 }); // 960×1280 scaled
  });
});

// gphoto2's "Directory Browse" pseudo-camera reads a folder as if it were a memory card: the real gphoto2
// binary and our process handling, without hardware.
describe('Gphoto2Camera via Directory Browse', () => {
  const card = path.join(tmp.dir, 'card');
  mkdirSync(card);
  copyFileSync(path.join(portraits, 'portrait-04.jpg'), path.join(card, 'IMG_0001.JPG'));
  copyFileSync(path.join(portraits, 'portrait-01.jpg'), path.join(card, 'IMG_0002.JPG'));
  writeFileSync(path.join(card, 'notes.txt'), 'not a photo');
  const device = {
    id: `dslr:disk:${card}`,
    kind: 'dslr' as const,
    label: 'Directory Browse',
    model: 'Directory Browse',
    port: `disk:${card}`,
  };

  it('capture falls back to the newest JPEG on the card when remote capture is unsupported', async () => {
    const cam = new Gphoto2Camera(device);
    const jpeg = await cam.capture();
    expect(jpeg.equals(readFileSync(path.join(portraits, 'portrait-01.jpg')))).toBe(true);
  });

  it('live view on a camera that cannot preview fails with a Chinese message', async () => {
    const cam = new Gphoto2Camera(device);
    const err = await new Promise<Error>((resolve) => {
      void cam.startLive(() => {}, { fps: 10, onError: resolve });
    });
    expect(err).toBeInstanceOf(CameraError);
    expect((err as CameraError).code).toBe('unsupported');
    expect(err.message).toContain('不支持');
    await cam.close();
  });

  it('a card with no photos gives a clear message', async () => {
    const empty = path.join(tmp.dir, 'empty-card');
    mkdirSync(empty);
    const cam = new Gphoto2Camera({ ...device, port: `disk:${empty}` });
    await expect(cam.capture()).rejects.toThrow('存储卡上没有 JPEG 照片');
  });

  it('auto-detect on a machine without a DSLR lists nothing, and a missing gphoto2 is not an error', async () => {
    expect(await new Gphoto2Driver().list()).toEqual([]);
    expect(await new Gphoto2Driver({ bin: path.join(tmp.dir, 'no-such-gphoto2') }).list()).toEqual([]);
  });
});

describe('FsWebcamCamera (fswebcam reading FILE: like a device)', () => {
  const device = {
    id: 'webcam:file',
    kind: 'webcam' as const,
    label: 'file',
    port: `FILE:${path.join(portraits, 'portrait-04.jpg')}`,
  };

  it('captures a JPEG and streams live frames', async () => {
    const cam = new FsWebcamCamera(device);
    const meta = await sharp(await cam.capture()).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 512, height: 715 });
    const live = await frames(cam, 2, 10);
    expect(live).toHaveLength(2);
    expect(live[0]![0]).toBe(0xff);
  });

  it('a missing device gives a Chinese error', async () => {
    const cam = new FsWebcamCamera({ ...device, port: `FILE:${path.join(tmp.dir, 'none.jpg')}` });
    await expect(cam.capture()).rejects.toThrow(/摄像头/);
  });

  it('lists /dev/video* devices', async () => {
    const dev = path.join(tmp.dir, 'dev');
    mkdirSync(dev);
    writeFileSync(path.join(dev, 'video0'), '');
    writeFileSync(path.join(dev, 'video2'), '');
    writeFileSync(path.join(dev, 'null'), '');
    const list = await new FsWebcamDriver({ devDir: dev }).list();
    expect(list.map((d) => d.port)).toEqual([path.join(dev, 'video0'), path.join(dev, 'video2')]);
  });
});

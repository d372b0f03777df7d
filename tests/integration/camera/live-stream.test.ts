import { spawnSync } from 'node:child_process';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MjpegParser } from '../../../src/main/camera/mjpeg-parser';
import { createStudio, type Studio } from '../../../src/main/core/studio';
import { startHost, type RunningHost } from '../../../src/main/host/host';
import { rendererDir } from '../../../src/main/kernel/paths';
import { tempDir } from '../../helpers/temp-dir';

const portrait = path.resolve('../shared/portraits/portrait-04.jpg');

it('parses MJPEG recorded from ffmpeg (the same container gphoto2 --capture-movie writes)', async () => {
  const out = spawnSync(
    'ffmpeg',
    ['-hide_banner', '-loglevel', 'error', '-loop', '1', '-i', portrait, '-frames:v', '6', '-f', 'mjpeg', '-'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  expect(out.status).toBe(0);
  const frames: Buffer[] = [];
  const parser = new MjpegParser((f) => frames.push(f));
  for (let i = 0; i < out.stdout.length; i += 3001) parser.push(out.stdout.subarray(i, i + 3001));
  expect(frames).toHaveLength(6);
  for (const f of frames) expect(await sharp(f).metadata()).toMatchObject({ width: 512, height: 715 });
});

// The UI's <img src="/camera/live.mjpeg"> and camera.* methods over the web host, on the replay camera.
describe('camera over the web host', () => {
  const tmp = tempDir();
  let studio: Studio;
  let host: RunningHost;
  beforeAll(async () => {
    process.env.STUDIO_CAMERA = 'replay';
    studio = createStudio({ dataDir: tmp.dir, log: () => {} });
    host = await startHost({ studio, rendererDir: rendererDir() });
  });
  afterAll(async () => {
    await host.close();
    // Ordered close while live analysis may still run (slow stages detached on the second worker): it drains.
    await studio.close();
    delete process.env.STUDIO_CAMERA;
    tmp.cleanup();
  });

  const call = async (method: string, body: unknown = {}) => {
    const res = await fetch(`${host.url}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it("streams multipart/x-mixed-replace JPEG frames (replay camera: 720 px high, portrait-01's aspect)", async () => {
    const ac = new AbortController();
    const res = await fetch(`${host.url}/camera/live.mjpeg`, { signal: ac.signal });
    expect(res.headers.get('content-type')).toMatch(/^multipart\/x-mixed-replace; boundary=/);
    const frames: Buffer[] = [];
    const parser = new MjpegParser((f) => frames.push(f));
    const reader = res.body!.getReader();
    while (frames.length < 3) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.push(Buffer.from(value));
    }
    ac.abort();
    expect(frames.length).toBe(3);
    expect(await sharp(frames[0]!).metadata()).toMatchObject({ width: 540, height: 720 });
    const status = await call('camera.status');
    expect(status.body).toMatchObject({ selected: { kind: 'replay' } });
  });

  it('lists, captures the full-size photo, and moves to the next student', async () => {
    const list = await call('camera.list', { refresh: true });
    expect((list.body.devices as { kind: string }[]).map((d) => d.kind)).toEqual(['replay']);
    const shot = await call('camera.capture');
    expect(shot.status).toBe(200);
    const jpeg = Buffer.from(shot.body.jpegBase64 as string, 'base64');
    expect(shot.body).toMatchObject({ width: 576, height: 768, bytes: jpeg.length });
    const next = await call('camera.next');
    expect(next.body.sample).toBe('2/5');
  });

  it('the shutter stores the capture straight into the order: original first, then final + 初审', async () => {
    const event = await call('events.create', {
      schoolName: '山东师范大学',
      schoolCode: '10403',
      featureCode: 'ABCD',
      date: '2026-06-01',
    });
    const payload =
      'CSQR1:' +
      JSON.stringify({
        code: 'c8bade99b9b2edca',
        name: '黄*正',
        id: '4430**********123X',
        no: '852021102012',
        school: '10403',
        gender: '女',
        level: '本科',
        type: '成人教育',
        campus: '成人',
        major: '教育传媒',
      });
    const checkin = await call('checkin.submit', {
      eventId: event.body.id,
      source: 'qr',
      payload,
      featureCode: 'ABCD',
      idLast4: '123X',
      email: 'a@example.com',
      phone: '13800138000',
      operator: '张老师',
    });
    expect(checkin.body.error).toBeUndefined();
    const order = checkin.body.order as { id: string };
    const shot = await call('camera.captureForOrder', { orderId: order.id, operator: '张老师' });
    expect(shot.status).toBe(200);
    const original = shot.body.original as { kind: string; width: number; version: number };
    expect(original).toMatchObject({ kind: 'original', version: 1 });
    expect([576, 764, 640, 512, 978]).toContain(original.width); // one of the replayed portraits, full size
    const media = await fetch(`${host.url}${(shot.body.original as { url: string }).url}`);
    expect(media.status).toBe(200);
    const bad = await call('camera.captureForOrder', { orderId: 'no-such-order', operator: '张老师' });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect((bad.body.error as { message: string }).message).toMatch(/[\u4e00-\u9fff]/);
  }, 120_000);

  it('refuses an unknown camera and a bad frame rate in Chinese, changing nothing', async () => {
    const before = (await call('camera.status')).body;
    const bad = await call('camera.select', { id: 'dslr:usb:999,999' });
    expect(bad.status).toBe(404);
    expect((bad.body.error as { message: string }).message).toContain('找不到该相机');
    const fps = await call('camera.start', { fps: 500 });
    expect(fps.status).toBe(400);
    expect((fps.body.error as { message: string }).message).toContain('帧率最多 60');
    expect((await call('camera.status')).body.selected).toEqual(before.selected);
  });
});

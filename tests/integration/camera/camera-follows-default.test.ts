import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../../src/main/core/studio';
import { startHost, type RunningHost } from '../../../src/main/host/host';
import { rendererDir } from '../../../src/main/kernel/paths';
import type { PushEvent } from '../../../src/shared/contract';
import type { CameraStatus } from '../../../src/shared/contract/camera';
import { ctx } from '../../helpers/records-fixture';
import { tempDir } from '../../helpers/temp-dir';

// 设置's default camera changed by any client (another window's 设置, the API) is the camera the station uses from
// then on, and every window learns it by a camera.status push: 拍摄 opened elsewhere follows without a reload. A
// window whose event stream connects just after such a change gets the camera's status first on the stream.
const tmp = tempDir('studio-camera-default-');
const folder = path.join(tmp.dir, 'EOS Utility');
let studio: Studio;
let host: RunningHost;
const pushed: PushEvent[] = [];
const call = async <T = unknown>(method: string, payload: unknown) =>
  (await studio.dispatch(method, payload, ctx)) as T;
const statusPushes = () => pushed.filter((e) => e.name === 'camera.status').map((e) => e.data as CameraStatus);

beforeAll(async () => {
  mkdirSync(folder);
  delete process.env.STUDIO_HOT_FOLDER;
  studio = createStudio({ dataDir: path.join(tmp.dir, 'data'), log: () => {} });
  studio.bus.subscribe((e) => pushed.push(e));
  host = await startHost({ studio, rendererDir: rendererDir() });
});
afterAll(async () => {
  await host.close();
  await studio.close();
  tmp.cleanup();
});

describe('the default camera chosen by another client', () => {
  const hotId = `hotfolder:${path.resolve(folder)}`;

  it('settings.update switches the open camera to the new default and pushes camera.status', async () => {
    const devices = (await call<{ devices: { id: string; kind: string }[] }>('camera.list', { refresh: true })).devices;
    const replay = devices.find((d) => d.kind === 'replay')!;
    expect((await call<CameraStatus>('camera.select', { id: replay.id })).selected?.kind).toBe('replay');
    await call('camera.configure', { hotFolder: folder });
    expect((await call<CameraStatus>('camera.status', {})).selected?.id).toBe(replay.id); // a folder alone changes nothing

    pushed.length = 0;
    await call('settings.update', { defaultCameraId: hotId });
    expect((await call<CameraStatus>('camera.status', {})).selected?.id).toBe(hotId);
    expect(statusPushes().at(-1)?.selected?.id).toBe(hotId);
    expect(pushed.some((e) => e.name === 'settings.updated')).toBe(true);
  });

  it('a default that is not connected is saved and leaves the open camera as it is', async () => {
    pushed.length = 0;
    const view = await call<{ defaultCameraId: string }>('settings.update', { defaultCameraId: 'gphoto2:usb:999,999' });
    expect(view.defaultCameraId).toBe('gphoto2:usb:999,999');
    expect((await call<CameraStatus>('camera.status', {})).selected?.id).toBe(hotId);
    expect(statusPushes()).toEqual([]);
  });

  it('settings.update of other fields does not touch the camera', async () => {
    await call('settings.update', { defaultCameraId: hotId });
    pushed.length = 0;
    await call('settings.update', { stationCode: 'B' });
    expect(statusPushes()).toEqual([]);
  });

  it('an event stream starts with the camera as it is now', async () => {
    const ctrl = new AbortController();
    const res = await fetch(`${host.url}/api/events`, { signal: ctrl.signal });
    const reader = res.body!.getReader();
    let text = '';
    const giveUp = setTimeout(() => ctrl.abort(), 10_000); // nothing pushed otherwise: the stream would wait forever
    try {
      while (!/event: camera\.status\ndata: .*\n\n/.test(text)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
    } catch {
      // aborted: nothing more came
    }
    clearTimeout(giveUp);
    ctrl.abort();
    const data = /event: camera\.status\ndata: (.*)\n\n/.exec(text)?.[1];
    expect(data).toBeDefined();
    expect((JSON.parse(data!) as CameraStatus).selected?.id).toBe(hotId);
  });
});

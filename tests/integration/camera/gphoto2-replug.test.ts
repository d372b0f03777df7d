import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CameraService } from '../../../src/main/camera/camera-service';
import { Gphoto2Camera, Gphoto2Driver } from '../../../src/main/camera/gphoto2-camera';
import { recordLiveView, writeStandIn } from '../../helpers/camera-stand-ins';
import { tempDir } from '../../helpers/temp-dir';

// A stand-in for gphoto2 with a USB cable the test can pull: --auto-detect lists the camera on the port written in
// `port` (nothing while `unplugged` exists); a command for another port, or any while unplugged, fails the way
// gphoto2 does; live view streams recorded MJPEG until the cable is pulled.
const tmp = tempDir('studio-gphoto2-replug-');
afterAll(() => tmp.cleanup());

const portrait = path.resolve('../shared/portraits/portrait-04.jpg');
const recorded = path.join(tmp.dir, 'liveview.mjpeg');
const log = path.join(tmp.dir, 'calls.log');
const portFile = path.join(tmp.dir, 'port');
const unplugged = path.join(tmp.dir, 'unplugged');
recordLiveView(portrait, { scale: '320:-2', frames: 5 }, recorded);
const fake = writeStandIn(
  tmp.dir,
  'gphoto2',
  `gone() { echo "*** Error (-52: 'Could not find the requested device on the USB port') ***" >&2; exit 1; }
if [ "$1" = "--auto-detect" ]; then
  echo "Model                          Port"
  echo "----------------------------------------------------------"
  [ -e "${unplugged}" ] || echo "Canon EOS 600D                 $(cat "${portFile}")"
  exit 0
fi
[ -e "${unplugged}" ] && gone
port=""; prev=""
for a in "$@"; do [ "$prev" = "--port" ] && port="$a"; prev="$a"; done
[ "$port" = "$(cat "${portFile}")" ] || gone
case "$*" in
  *--capture-movie*)
    trap 'exit 0' INT
    while true; do [ -e "${unplugged}" ] && gone; cat "${recorded}"; sleep 0.1; done ;;
  *--capture-image-and-download*)
    while [ $# -gt 0 ]; do [ "$1" = "--filename" ] && cp "${portrait}" "$2"; shift; done
    exit 0 ;;
esac
exit 1`,
  log,
);

const until = async (ok: () => boolean, what: string) => {
  for (let i = 0; i < 600 && !ok(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!ok()) throw new Error(`timed out waiting for ${what}`);
};
const calls = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);

describe('gphoto2: unplug and replug, movie limit, frame timestamps (stand-in executable)', () => {
  it('recovers live view and capture after the cable is pulled and put back on another port, without a restart', async () => {
    writeFileSync(portFile, 'usb:001,004');
    const statuses: { error: string | null; live: boolean; port?: string }[] = [];
    const svc = new CameraService({
      drivers: [new Gphoto2Driver({ bin: fake })],
      reconnectMs: 200,
      onStatus: (s) => statuses.push({ error: s.error, live: s.live, port: s.selected?.port }),
    });
    const frames: { at: number }[] = [];
    const leave = await svc.addViewer((_jpeg, at) => frames.push({ at }));
    await until(() => frames.length >= 3, 'first frames');
    expect(svc.status().selected?.port).toBe('usb:001,004');

    writeFileSync(unplugged, '');
    await until(() => svc.status().error !== null, 'the unplug to be noticed');
    expect(svc.status().error).toContain('USB 连接已断开');
    expect(svc.status().live).toBe(false);

    // replugged: the camera comes back on a new port
    writeFileSync(portFile, 'usb:001,007');
    rmSync(unplugged);
    const before = frames.length;
    await until(() => svc.status().live && frames.length > before + 2, 'live view to come back');
    expect(svc.status()).toMatchObject({ error: null, live: true, selected: { port: 'usb:001,007' } });
    const still = await svc.capture();
    expect(still.bytes).toBe(readFileSync(portrait).length);
    expect(statuses.some((s) => s.error !== null)).toBe(true);
    // frames carry the time they arrived, in order
    const ats = frames.map((f) => f.at);
    expect(ats.every((t, i) => i === 0 || t >= ats[i - 1]!)).toBe(true);
    expect(ats[0]).toBeGreaterThan(Date.now() - 600_000);
    leave();
    await svc.close();
  });

  it('a capture after a replug on another port finds the camera again and shoots', async () => {
    writeFileSync(portFile, 'usb:002,001');
    const svc = new CameraService({ drivers: [new Gphoto2Driver({ bin: fake })], reconnectMs: 200 });
    expect((await svc.list(true))[0]!.port).toBe('usb:002,001');
    await svc.select('dslr:usb:002,001');
    writeFileSync(portFile, 'usb:002,009'); // pulled and put back between two students
    const still = await svc.capture();
    expect(still.bytes).toBe(readFileSync(portrait).length);
    expect(svc.status().selected?.port).toBe('usb:002,009');
    await svc.close();
  });

  it('restarts live view before the movie limit (seconds here), without reporting an error', async () => {
    writeFileSync(portFile, 'usb:003,001');
    rmSync(log, { force: true });
    const device = {
      id: 'dslr:usb:003,001',
      kind: 'dslr' as const,
      label: 'Canon EOS 600D',
      model: 'Canon EOS 600D',
      port: 'usb:003,001',
    };
    const cam = new Gphoto2Camera(device, { bin: fake, movieLimitMs: 700 });
    const errors: Error[] = [];
    let frames = 0;
    await cam.startLive(() => frames++, { fps: 10, onError: (e) => errors.push(e) });
    await until(() => cam.restarts >= 2, 'two restarts');
    const seen = frames;
    await until(() => frames > seen + 2, 'frames after the restarts');
    await cam.close();
    expect(errors).toEqual([]);
    expect(calls().filter((c) => c.includes('--capture-movie')).length).toBeGreaterThanOrEqual(3);
  });
});

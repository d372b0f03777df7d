import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { Gphoto2Camera } from '../../../src/main/camera/gphoto2-camera';
import { recordLiveView, writeStandIn } from '../../helpers/camera-stand-ins';
import { tempDir } from '../../helpers/temp-dir';

// No DSLR here: a stand-in for the gphoto2 executable replays recorded live-view bytes (MJPEG made by ffmpeg
// from a portrait) the way `gphoto2 --capture-movie --stdout` streams them, and answers
// --capture-image-and-download by writing a JPEG. What is tested is our side: MJPEG framing from a pipe, the
// frame-rate cap, and that a capture stops live view (one USB user at a time), shoots, and resumes it.
const tmp = tempDir('studio-gphoto2-live-');
afterAll(() => tmp.cleanup());

const portrait = path.resolve('../shared/portraits/portrait-04.jpg');
const recorded = path.join(tmp.dir, 'liveview.mjpeg');
const log = path.join(tmp.dir, 'calls.log');
recordLiveView(portrait, { scale: '640:-2', frames: 20 }, recorded);
const fake = writeStandIn(
  tmp.dir,
  'gphoto2',
  `case "$*" in
  *--capture-movie*)
    trap 'exit 0' INT
    while true; do cat "${recorded}"; sleep 0.2; done ;;
  *--capture-image-and-download*)
    while [ $# -gt 0 ]; do [ "$1" = "--filename" ] && cp "${portrait}" "$2"; shift; done
    exit 0 ;;
esac
exit 1`,
  log,
);

const device = {
  id: 'dslr:usb:001,002',
  kind: 'dslr' as const,
  label: 'Canon EOS',
  model: 'Canon EOS',
  port: 'usb:001,002',
};

describe('Gphoto2Camera live view and capture (recorded live-view bytes)', () => {
  it('delivers whole frames, no faster than the target rate, and a capture pauses then resumes live view', async () => {
    const cam = new Gphoto2Camera(device, { bin: fake });
    const times: number[] = [];
    const frames: Buffer[] = [];
    await cam.startLive(
      (jpeg) => {
        frames.push(jpeg);
        times.push(performance.now());
      },
      { fps: 10, onError: (e) => expect.fail(e.message) },
    );
    while (frames.length < 5) await new Promise((r) => setTimeout(r, 20));
    const still = await cam.capture();
    const before = frames.length;
    while (frames.length < before + 3) await new Promise((r) => setTimeout(r, 20));
    await cam.close();

    expect(still.equals(readFileSync(portrait))).toBe(true);
    for (const f of frames.slice(0, 3)) expect(await sharp(f).metadata()).toMatchObject({ format: 'jpeg', width: 640 });
    // 20 frames arrive back-to-back per burst; the cap lets through at most one per 100 ms
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(99);
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls.map((c) => (c.includes('--capture-movie') ? 'movie' : 'shoot'))).toEqual(['movie', 'shoot', 'movie']);
  });

  it('a cable pulled during live view ends it with a Chinese message the photographer can act on', async () => {
    const unplug = writeStandIn(
      tmp.dir,
      'gphoto2-unplug',
      `cat "${recorded}"
echo "*** Error (-52: 'Could not find the requested device on the USB port') ***" >&2
exit 1`,
    );
    const cam = new Gphoto2Camera(device, { bin: unplug });
    let frames = 0;
    const err = await new Promise<Error>((resolve) => {
      void cam.startLive(() => frames++, { fps: 30, onError: resolve });
    });
    expect(frames).toBeGreaterThan(0);
    expect(err.message).toContain('USB 连接已断开');
    await cam.close();
  });
});

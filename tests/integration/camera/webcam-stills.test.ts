import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBmp, encodeBmp24 } from '../../../src/main/camera/bmp';
import { CameraError } from '../../../src/main/camera/camera-error';
import { parseCommandCamList, parseImagesnapList, WebcamStillsDriver } from '../../../src/main/camera/webcam-stills';
import { writeStandIn } from '../../helpers/camera-stand-ins';
import { tempDir } from '../../helpers/temp-dir';

// Webcam stills as node-webcam takes them on macOS (imagesnap) and Windows (CommandCam), against stand-in
// executables on PATH that answer the same command lines the way the real tools do (device list, a still file).
const tmp = tempDir('studio-webcam-stills-');
const bin = path.join(tmp.dir, 'bin');
const log = path.join(tmp.dir, 'calls.log');
const oldPath = process.env.PATH;
let jpeg: Buffer;
let bmp: Buffer;

const bmpOf = encodeBmp24;

const standIn = (name: string, script: string) => writeStandIn(bin, name, script, log);

beforeAll(async () => {
  const { mkdirSync } = await import('node:fs');
  mkdirSync(bin);
  const portrait = sharp(path.resolve('../shared/portraits/portrait-01.jpg')).resize(640, 480, { fit: 'cover' });
  jpeg = await portrait.clone().jpeg().toBuffer();
  const raw = await portrait.clone().removeAlpha().raw().toBuffer();
  bmp = bmpOf(640, 480, raw);
  writeFileSync(path.join(tmp.dir, 'still.jpg'), jpeg);
  writeFileSync(path.join(tmp.dir, 'still.bmp'), bmp);
  // imagesnap: -l lists; "-w N -d NAME -q FILE" writes the still to FILE (the last argument)
  standIn(
    'imagesnap',
    `if [ "$1" = "-l" ]; then printf 'Video Devices:\\n=> FaceTime HD Camera (Built-in)\\n=> Logitech C920 [C920 USB]\\n'; exit 0; fi
for a in "$@"; do last="$a"; done
if [ -n "$STANDIN_BUSY" ]; then echo "Device is busy" >&2; exit 1; fi
cp "${tmp.dir}/still.jpg" "$last"`,
  );
  // CommandCam: /devlist prints the devices on stderr; "/delay MS /devnum N /filename FILE" writes a BMP
  standIn(
    'CommandCam',
    `if [ "$1" = "/devlist" ]; then
  if [ -n "$STANDIN_NONE" ]; then echo "No video devices found" >&2; exit 0; fi
  printf 'Available capture devices:\\n1. Integrated Webcam\\n2. Logitech HD Pro Webcam C920\\n' >&2; exit 0; fi
while [ $# -gt 0 ]; do if [ "$1" = "/filename" ]; then out="$2"; fi; shift; done
cp "${tmp.dir}/still.bmp" "$out"`,
  );
  process.env.PATH = `${bin}${path.delimiter}${oldPath}`;
});
afterAll(() => {
  process.env.PATH = oldPath;
  delete process.env.STANDIN_BUSY;
  delete process.env.STANDIN_NONE;
  tmp.cleanup();
});

const calls = () => readFileSync(log, 'utf8').trim().split('\n');

describe('node-webcam’s tools behind the Camera interface (stand-in executables)', () => {
  it('macOS / imagesnap: lists devices by name and captures a full-resolution JPEG with -w -d -q FILE', async () => {
    const driver = new WebcamStillsDriver({ tool: 'imagesnap' });
    const devices = await driver.list();
    expect(devices.map((d) => [d.id, d.label, d.port])).toEqual([
      [
        'webcam:imagesnap:FaceTime HD Camera (Built-in)',
        'FaceTime HD Camera (Built-in)',
        'FaceTime HD Camera (Built-in)',
      ],
      ['webcam:imagesnap:C920 USB', 'C920 USB', 'C920 USB'],
    ]);
    const cam = driver.open(devices[1]!);
    const still = await cam.capture();
    expect(await sharp(still).metadata()).toMatchObject({ format: 'jpeg', width: 640, height: 480 });
    expect(calls().at(-1)).toMatch(/^imagesnap -w 1 -d C920 USB -q \S+shot\.jpg$/);
    await cam.close();
  });

  it('Windows / CommandCam: devices by number from /devlist on stderr; the BMP still becomes a JPEG', async () => {
    const driver = new WebcamStillsDriver({ tool: 'commandcam', delaySeconds: 2 });
    const devices = await driver.list();
    expect(devices.map((d) => [d.id, d.label, d.port])).toEqual([
      ['webcam:commandcam:1', 'Integrated Webcam', '1'],
      ['webcam:commandcam:2', 'Logitech HD Pro Webcam C920', '2'],
    ]);
    const cam = driver.open(devices[1]!);
    const still = await cam.capture();
    expect(await sharp(still).metadata()).toMatchObject({ format: 'jpeg', width: 640, height: 480 });
    // same picture (within JPEG loss): the BMP rows were not flipped or colour-swapped
    const a = await sharp(still).resize(8, 6).raw().toBuffer();
    const b = await sharp(jpeg).resize(8, 6).raw().toBuffer();
    const diff = a.reduce((s, v, i) => s + Math.abs(v - b[i]!), 0) / a.length;
    expect(diff).toBeLessThan(12);
    expect(calls().at(-1)).toMatch(/^CommandCam \/delay 2000 \/devnum 2 \/filename \S+shot\.bmp$/);
    // live view: a still about once a second, 720 px high
    const frame = await new Promise<Buffer>((resolve, reject) => {
      void cam.startLive((f) => resolve(f), { fps: 15, onError: reject });
    });
    await cam.stopLive();
    expect((await sharp(frame).metadata()).height).toBe(720);
    await cam.close();
  });

  it('no device, busy device and a missing tool come back as Chinese reasons / typed errors', async () => {
    process.env.STANDIN_NONE = '1';
    const none = new WebcamStillsDriver({ tool: 'commandcam' });
    expect(await none.list()).toEqual([]);
    expect(await none.whyNone()).toContain('未找到摄像头');
    delete process.env.STANDIN_NONE;

    const snap = new WebcamStillsDriver({ tool: 'imagesnap' });
    const cam = snap.open((await snap.list())[0]!);
    process.env.STANDIN_BUSY = '1';
    const err = await cam.capture().catch((e: unknown) => e);
    delete process.env.STANDIN_BUSY;
    expect(err).toBeInstanceOf(CameraError);
    expect((err as CameraError).code).toBe('busy');

    const missing = new WebcamStillsDriver({ tool: 'commandcam', bin: path.join(tmp.dir, 'nope', 'CommandCam') });
    expect(await missing.list()).toEqual([]);
    expect(await missing.whyNone()).toContain('CommandCam.exe');
  });
});

describe('parsers and BMP', () => {
  it('reads the device lists the real tools print', () => {
    expect(parseImagesnapList('Video Devices:\n=> FaceTime HD Camera\n')).toEqual(['FaceTime HD Camera']);
    expect(parseImagesnapList('Video Devices:\n<AVCaptureDevice: 0x1>[USB Camera][0x14100000046d]\n')).toEqual([
      'USB Camera',
    ]);
    expect(parseCommandCamList('No video devices found\n')).toEqual([]);
    expect(parseCommandCamList('Available capture devices:\r\n1. HD Webcam\r\n')).toEqual(['HD Webcam']);
  });

  it('decodes top-down and bottom-up 24-bit BMPs and refuses others', () => {
    const rgb = Buffer.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 9, 9, 9]); // 2×2: red green / blue grey
    const up = bmpOf(2, 2, rgb);
    expect(decodeBmp(up)).toEqual({ width: 2, height: 2, rgb });
    const down = Buffer.from(up);
    down.writeInt32LE(-2, 22);
    // the same bytes read top-down: the rows swap
    expect(decodeBmp(down)!.rgb).toEqual(Buffer.concat([rgb.subarray(6), rgb.subarray(0, 6)]));
    expect(decodeBmp(Buffer.from('not a bmp at all, not a bmp at all, not a bmp at all, xx'))).toBeNull();
  });
});

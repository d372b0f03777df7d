import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { test as base } from './fixtures';
import { tempDir } from '../helpers/temp-dir';
import { chromiumPath } from '../../scripts/system-deps.mjs';

// A second browser whose fake webcam (Chromium's --use-file-for-fake-video-capture) shows a given picture:
// the student's 采集码 QR held up next to a real portrait, made at test time (nothing copied into the repo).

// The station camera in e2e is always the replay camera, whatever is plugged into the test machine.
process.env.STUDIO_CAMERA = 'replay';

export interface FakeCamera {
  page: Page;
  /** The MJPEG file Chromium plays as its webcam. */
  file: string;
}

/** A 1280×720 frame: a portrait on the left, the QR (as on a phone screen) on the right. */
export async function qrFrame(payload: string, portrait: string): Promise<Buffer> {
  const qr = await QRCode.toBuffer(payload, { errorCorrectionLevel: 'M', margin: 4, width: 520 });
  const person = await sharp(portrait).rotate().resize(540, 720, { fit: 'cover' }).toBuffer();
  return sharp({ create: { width: 1280, height: 720, channels: 3, background: '#7a8088' } })
    .composite([
      { input: person, left: 40, top: 0 },
      { input: qr, left: 680, top: 100 },
    ])
    .jpeg({ quality: 92 })
    .toBuffer();
}

/** Turn a still into a short MJPEG clip Chromium can loop as a webcam. */
export function mjpegClip(jpeg: Buffer, dir: string): string {
  const still = path.join(dir, 'frame.jpg');
  const clip = path.join(dir, 'camera.mjpeg');
  writeFileSync(still, jpeg);
  const r = spawnSync('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-loop',
    '1',
    '-i',
    still,
    '-frames:v',
    '10',
    '-r',
    '10',
    '-f',
    'mjpeg',
    clip,
  ]);
  if (r.status !== 0) throw new Error(`ffmpeg failed: ${r.stderr.toString()}`);
  return clip;
}

// freshHost, sitters, api and station come from ./fixtures
export const test = base.extend<{ fakeCamera: (frame: Buffer) => Promise<FakeCamera> }, object>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
  fakeCamera: async ({}, use) => {
    const browsers: Browser[] = [];
    const tmp = tempDir('studio-fakecam-');
    await use(async (frame) => {
      const file = mjpegClip(frame, tmp.dir);
      const browser = await chromium.launch({
        executablePath: chromiumPath(),
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--use-fake-device-for-media-stream',
          '--use-fake-ui-for-media-stream',
          `--use-file-for-fake-video-capture=${file}`,
        ],
      });
      browsers.push(browser);
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
      return { page: await context.newPage(), file };
    });
    for (const b of browsers) await b.close();
    tmp.cleanup();
  },
});

export { expect } from './fixtures';

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect, qrFrame } from './camera-fixtures';
import { spawnHost } from '../helpers/spawn-host';
import { tempDir } from '../helpers/temp-dir';

// The station camera (here the replay camera, fed a frame with the student's QR) is read for 采集码 QR codes
// straight from its MJPEG live view in the page: <img> → canvas → jsQR.
test('the 采集码 QR is read from the station camera live view', async ({ page }) => {
  const frames = tempDir('studio-replay-qr-');
  const data = tempDir('studio-e2e-qr-');
  const payload =
    'CSQR1:' +
    JSON.stringify({
      code: '0123456789abcdef',
      name: '王*明',
      id: '3701**********0011',
      no: '2022110001',
      gender: '男',
      school: '10445',
      level: '硕士',
      type: '全日制',
      campus: '本部',
      major: '物理学',
    });
  writeFileSync(
    path.join(frames.dir, 'student.jpg'),
    await qrFrame(payload, path.resolve('../shared/portraits/portrait-05.jpg')),
  );
  process.env.STUDIO_REPLAY_DIR = frames.dir;
  const host = await spawnHost(data.dir);
  delete process.env.STUDIO_REPLAY_DIR;
  try {
    const res = await page.request.post(`${host.url}/api/events.create`, {
      data: { schoolName: '山东师范大学', schoolCode: '10445', featureCode: 'SDNU', date: '2026-06-03' },
    });
    const event = (await res.json()) as { id: string };
    await page.goto(`${host.url}/#/checkin`);
    await page.getByLabel('当前活动').selectOption(event.id);
    await expect(page.getByLabel('画面来源')).toHaveValue('station');
    const decoded = page.getByTestId('decoded');
    await expect(decoded).toContainText('0123456789abcdef', { timeout: 20_000 });
    await expect(decoded).toContainText('王*明');
    await expect(decoded).toContainText('物理学');
  } finally {
    await host.stop();
    frames.cleanup();
    data.cleanup();
  }
});

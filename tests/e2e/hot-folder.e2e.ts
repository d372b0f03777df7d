import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { test as base, expect, openWithStation, saveScreenshot } from './fixtures';
import { spawnHost, type SpawnedHost } from '../helpers/spawn-host';
import { tempDir } from '../helpers/temp-dir';

// The camera maker's tethering software (EOS Utility, digiCamControl …) saving each shot into a folder: the folder
// is set in 设置 and made the default camera; on 拍摄 the student in front of the camera is the current order, so a
// JPEG written there in three slow pieces becomes that order's original once, and its 初审 result shows. A shot with
// no current student waits in 未归属 and is assigned from the tray.

interface HotStation {
  /** POST /api/<method> on hotHost; asserts 200 and returns the body. */
  api: <T = Record<string, unknown>>(method: string, body: unknown) => Promise<T>;
  event: { id: string };
  /** A student checked in by their 采集码 QR (as 签到 does), by 孙老师. */
  checkIn: (code: string, no: string, name: string, id: string) => Promise<{ id: string }>;
  /** 拍摄 opened with this student current (null: nobody, as after 下一位), 孙老师 the operator. */
  openCapture: (orderId: string | null) => Promise<void>;
}

const test = base.extend<{ hotHost: SpawnedHost & { dataDir: string; folder: string }; hot: HotStation }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
  hotHost: async ({}, use) => {
    const tmp = tempDir('studio-e2e-hotfolder-');
    const folder = path.join(tmp.dir, 'EOS Utility');
    mkdirSync(folder);
    // every driver (not the replay-only station of the other e2e files): the hot folder is chosen in 设置
    const replayOnly = process.env.STUDIO_CAMERA;
    delete process.env.STUDIO_CAMERA;
    const host = await spawnHost(path.join(tmp.dir, 'data'));
    if (replayOnly !== undefined) process.env.STUDIO_CAMERA = replayOnly;
    await use(Object.assign(host, { dataDir: path.join(tmp.dir, 'data'), folder }));
    await host.stop();
    tmp.cleanup();
  },
  // what both cases set up through the API (not operator work): the event and a check-in helper
  hot: async ({ page, hotHost }, use) => {
    const api: HotStation['api'] = async <T = Record<string, unknown>>(method: string, body: unknown) => {
      const res = await page.request.post(`${hotHost.url}/api/${method}`, { data: body });
      expect(res.status(), await res.text()).toBe(200);
      return (await res.json()) as T;
    };
    const event = await api<{ id: string }>('events.create', {
      schoolName: '青岛大学',
      schoolCode: '11065',
      featureCode: 'QDU',
      date: '2026-06-04',
    });
    const checkIn = async (code: string, no: string, name: string, id: string) =>
      (
        await api<{ order: { id: string } }>('checkin.submit', {
          eventId: event.id,
          source: 'qr',
          payload:
            'CSQR1:' +
            JSON.stringify({
              code,
              name,
              id,
              no,
              gender: '女',
              school: '11065',
              level: '本科',
              type: '普通全日制',
              campus: '本部',
              major: '法学',
            }),
          featureCode: 'QDU',
          idLast4: id.slice(-4),
          email: 'student@example.com',
          phone: '13700001111',
          operator: '孙老师',
        })
      ).order;
    const openCapture = (orderId: string | null) =>
      openWithStation(page, `${hotHost.url}/#/capture`, { eventId: event.id, orderId, operator: '孙老师' });
    await use({ api, event, checkIn, openCapture });
  },
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A 3:4 shot as the DSLR would save it: the real portrait on a plain backdrop (made at test time). */
const shotOf = (portrait: string) =>
  sharp(path.resolve('../shared/portraits', portrait))
    .rotate()
    .resize(1500, 2000, { fit: 'contain', background: '#8a8f96' })
    .jpeg({ quality: 92 })
    .toBuffer();

test('hot folder: a shot written slowly becomes the current order’s original once, with its 初审; a stray one is assigned from 未归属', async ({
  page,
  hotHost,
  hot,
}) => {
  test.setTimeout(240_000);
  const { api, checkIn } = hot;
  const first = await checkIn('fedcba9876543210', '2022000777', '赵*', '3702**********0012');

  // 设置: the tethering software's folder, then made the default camera
  await page.goto(`${hotHost.url}/#/settings`);
  const section = page.getByTestId('settings-camera');
  await section.getByLabel('热文件夹').fill(path.join(hotHost.folder, 'missing'));
  await section.getByRole('button', { name: '保存热文件夹' }).click();
  await expect(section.locator('.field-error')).toContainText('文件夹不存在'); // next to the field
  await section.getByLabel('热文件夹').fill(hotHost.folder);
  await section.getByRole('button', { name: '保存热文件夹' }).click();
  await expect(section.getByText('热文件夹已保存')).toBeVisible();
  await section.getByRole('button', { name: '设为默认相机' }).click();
  await expect(section.getByText('默认相机已保存')).toBeVisible();
  const hotId = `hotfolder:${path.resolve(hotHost.folder)}`;
  expect((await api<{ defaultCameraId: string }>('settings.get', {})).defaultCameraId).toBe(hotId);

  // 拍摄 with the student current (as after 签到): the page tells the camera whom shots are for
  await hot.openCapture(first.id);
  await expect(page.getByTestId('current-student')).toContainText('2022000777');
  await expect(page.getByTestId('hot-folder-hint')).toContainText('请在相机上');
  await expect
    .poll(async () => (await api<{ currentOrderId: string | null }>('camera.status', {})).currentOrderId, {
      timeout: 30_000,
    })
    .toBe(first.id);
  await expect
    .poll(async () => (await api<{ selected: { id: string } | null }>('camera.status', {})).selected?.id)
    .toBe(hotId);

  // the tethering software writes the file in three pieces with pauses longer than the watcher's settle time
  const jpeg = await shotOf('portrait-04.jpg');
  const file = path.join(hotHost.folder, 'IMG_0001.JPG');
  const third = Math.ceil(jpeg.length / 3);
  for (let i = 0; i < 3; i++) {
    appendFileSync(file, jpeg.subarray(i * third, (i + 1) * third));
    await page.waitForTimeout(1500);
  }
  const result = page.getByTestId('capture-result');
  await expect(result.getByText(/初审合格|初审未通过/)).toBeVisible({ timeout: 90_000 });
  await expect(result).toContainText('原片第 1 版已保存');
  await saveScreenshot(page, 'capture-hot-folder');
  await page.waitForTimeout(2000); // a second take of the same file would come within the watcher's poll
  const photos = async (orderId: string) =>
    (await api<{ photos: { kind: string; sha256: string; width: number }[] }>('photos.list', { orderId })).photos;
  const originals = (await photos(first.id)).filter((p) => p.kind === 'original');
  expect(originals.map((p) => p.sha256)).toEqual([sha(jpeg)]); // once, complete: the whole file's bytes
  expect(originals[0]!.width).toBe(1500);

  // 下一位 → nobody is current: an unexpected shot goes to 未归属
  await hot.openCapture(null);
  await expect
    .poll(async () => (await api<{ currentOrderId: string | null }>('camera.status', {})).currentOrderId)
    .toBeNull();
  await expect(page.getByTestId('hot-folder-hint')).toContainText('未归属');
  const stray = await shotOf('portrait-05.jpg');
  writeFileSync(path.join(hotHost.folder, 'IMG_0002.JPG'), stray);
  const tray = page.getByTestId('unassigned-tray');
  await expect(tray.getByTestId('unassigned-shot')).toHaveCount(1, { timeout: 60_000 });
  await expect(tray).toContainText('IMG_0002.JPG');
  await expect(tray.locator('.tray-thumb img')).toBeVisible();
  await expect(tray.getByRole('button', { name: '归给当前学生' })).toBeDisabled();
  await saveScreenshot(page, 'capture-unassigned-tray');

  // the student it belongs to checks in; the operator gives the shot to them from the tray
  const second = await checkIn('0123456789abcdef', '2022000888', '钱*', '3702**********0034');
  await hot.openCapture(second.id);
  await expect(page.getByTestId('current-student')).toContainText('2022000888');
  await tray.getByRole('button', { name: '归给当前学生' }).click();
  const confirm = page.getByTestId('confirm-dialog');
  await expect(confirm).toContainText('2022000888');
  await confirm.getByRole('button', { name: '归属' }).click();
  await expect(tray.getByText('已归属：IMG_0002.JPG')).toBeVisible({ timeout: 60_000 });
  await expect(result.getByText(/初审合格|初审未通过/)).toBeVisible({ timeout: 90_000 });
  expect((await photos(second.id)).filter((p) => p.kind === 'original').map((p) => p.sha256)).toEqual([sha(stray)]);
  expect((await photos(first.id)).filter((p) => p.kind === 'original')).toHaveLength(1);
  expect((await api<{ shots: unknown[] }>('camera.unassigned', {})).shots).toEqual([]);
});

// The trial's blocker: head-only crops that photo production refuses (headband-01: 双肩未完整入镜, read from
// ../shared/dev-photos at test time) dropped into the hot folder with 张* current went to 未归属 AND were stored as
// 原片 v2–v4 after 归给当前学生; the reason only showed after assigning, not naming the photo. Now the shot is the
// current student's capture, stored once, and the refusal is said at once with the file name.
test('hot folder: a shot production refuses is the current student’s original once, the reason shown at once; 未归属 says why', async ({
  page,
  hotHost,
  hot,
}) => {
  test.setTimeout(240_000);
  const { api, checkIn } = hot;
  const zhang = await checkIn('aaaabbbbccccdddd', '2022000999', '张*', '3702**********0056');
  const hotId = `hotfolder:${path.resolve(hotHost.folder)}`;

  // 拍摄 open with 张* current, on the station camera of start-up (the replay camera: no camera connected here)
  await hot.openCapture(zhang.id);
  await expect(page.getByTestId('current-student')).toContainText('2022000999');
  const device = page.getByLabel('相机');
  await expect(device).not.toHaveValue('', { timeout: 30_000 });
  await expect(device).not.toHaveValue(hotId);
  await expect(page.getByTestId('hot-folder-hint')).toHaveCount(0);

  // another client (the API here; 设置 in another window or the CLI alike) makes the hot folder the default camera:
  // the open page follows — its camera, the hot-folder hint and the 未归属 card — with no reload
  await api('camera.configure', { hotFolder: hotHost.folder });
  await api('settings.update', { defaultCameraId: hotId });
  await expect(device).toHaveValue(hotId, { timeout: 30_000 });
  await expect(page.getByTestId('hot-folder-hint')).toContainText('请在相机上');
  await expect(page.getByTestId('unassigned-tray')).toBeVisible();
  // the live view is the hot folder's (no shot in it yet), not the replay camera's last frame
  await expect(page.locator('.live-placeholder')).toContainText('正在连接相机');
  await page.screenshot({ path: test.info().outputPath('capture-followed-hot-folder.png') });
  await expect
    .poll(async () => (await api<{ currentOrderId: string | null }>('camera.status', {})).currentOrderId, {
      timeout: 30_000,
    })
    .toBe(zhang.id);
  expect((await api<{ selected: { id: string } | null }>('camera.status', {})).selected?.id).toBe(hotId);
  const headband = readFileSync(path.resolve('../shared/dev-photos/headband-01.jpg'));
  writeFileSync(path.join(hotHost.folder, 'IMG_0101.JPG'), headband);
  const tray = page.getByTestId('unassigned-tray');
  const note = tray.getByTestId('hot-folder-note');
  await expect(note).toContainText('IMG_0101.JPG', { timeout: 90_000 });
  await expect(note).toContainText('双肩未完整入镜');
  await saveScreenshot(page, 'capture-hot-folder-refused');
  await page.waitForTimeout(2000); // a second take of the same file would come within the watcher's poll
  const originals = async (orderId: string) =>
    (await api<{ photos: { kind: string; sha256: string }[] }>('photos.list', { orderId })).photos
      .filter((p) => p.kind === 'original')
      .map((p) => p.sha256);
  expect(await originals(zhang.id)).toEqual([sha(headband)]);
  expect((await api<{ shots: unknown[] }>('camera.unassigned', {})).shots).toEqual([]);
  await expect(tray.getByTestId('unassigned-shot')).toHaveCount(0);

  // the same bytes saved again: not stored, and said
  writeFileSync(path.join(hotHost.folder, 'IMG_0101 copy.JPG'), headband);
  await expect(note).toContainText('IMG_0101 copy.JPG 与已取的 IMG_0101.JPG 内容完全相同', { timeout: 60_000 });
  expect(await originals(zhang.id)).toEqual([sha(headband)]);

  // nobody current: 未归属, saying why; assigned to 张*, refused again: stored once, gone from the tray, named
  await hot.openCapture(null);
  await expect
    .poll(async () => (await api<{ currentOrderId: string | null }>('camera.status', {})).currentOrderId)
    .toBeNull();
  const again = await sharp(headband).jpeg({ quality: 90 }).toBuffer();
  writeFileSync(path.join(hotHost.folder, 'IMG_0102.JPG'), again);
  await expect(tray.getByTestId('unassigned-shot')).toHaveCount(1, { timeout: 60_000 });
  await expect(tray.getByTestId('unassigned-reason')).toContainText('拍摄时没有当前学生');
  await hot.openCapture(zhang.id);
  await expect(page.getByTestId('current-student')).toContainText('2022000999');
  await tray.getByRole('button', { name: '归给当前学生' }).click();
  await page.getByTestId('confirm-dialog').getByRole('button', { name: '归属' }).click();
  await expect(tray.locator('.banner-error')).toContainText('IMG_0102.JPG 已存为该学生的原片，但未通过', {
    timeout: 60_000,
  });
  await expect(tray.locator('.banner-error')).toContainText('双肩未完整入镜');
  await expect(tray.getByTestId('unassigned-shot')).toHaveCount(0);
  await saveScreenshot(page, 'capture-hot-folder-assign-refused');
  expect(await originals(zhang.id)).toEqual([sha(headband), sha(again)]);
});

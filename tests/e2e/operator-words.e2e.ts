import { expect, test } from './fixtures';
import { spawnHost, type SpawnedHost } from '../helpers/spawn-host';
import { tempDir } from '../helpers/temp-dir';

// What an operator reads instead of developer text: the 登记台 of a station that only this computer can reach says
// what to do in operator words (no command line); 设置 › 相机 says where a hot folder given at start-up comes from
// and how to change it (no environment variable name). Both at 1366×768.

test('登记台 on a station only this computer can reach: operator words, no command line', async ({
  page,
  freshHost,
}) => {
  // a host of its own: the file's shared host may already be joined to a desk by an earlier test (no 开放配对 then)
  await page.goto(`${freshHost.url}/#/event-desk`);
  await page.getByRole('button', { name: '开放配对' }).click();
  await expect(page.getByTestId('pairing-code')).toHaveText(/^\d{6}$/);
  const note = page.getByTestId('pairing-no-address');
  await expect(note).toContainText('其他电脑还连不上本机');
  await expect(note).toContainText('请先打开上面的「对局域网开放」'); // the switch in the same panel
  await expect(page.getByTestId('lan-panel')).not.toContainText('studio host');
  await expect(page.getByTestId('lan-panel')).not.toContainText('0.0.0.0');
  await page.screenshot({ path: test.info().outputPath('desk-loopback.png') });
  await page.getByRole('button', { name: '结束配对' }).click();
});

test('设置 › 相机: a hot folder given at start-up is said in operator words', async ({ page }) => {
  const data = tempDir('studio-e2e-words-');
  const folder = tempDir('studio-e2e-hot-');
  let host: SpawnedHost | null = null;
  const saved = process.env.STUDIO_HOT_FOLDER;
  try {
    process.env.STUDIO_HOT_FOLDER = folder.dir; // read by spawn before its first await
    host = await spawnHost(data.dir);
    if (saved === undefined) delete process.env.STUDIO_HOT_FOLDER;
    else process.env.STUDIO_HOT_FOLDER = saved;
    await page.goto(`${host.url}/#/settings`);
    const section = page.getByTestId('settings-camera');
    await expect(section).toContainText(`正在使用本机启动时指定的热文件夹：${folder.dir}`);
    await expect(section).not.toContainText('STUDIO_HOT_FOLDER');
    await expect(section).not.toContainText('环境变量');
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath('settings-hot-folder-env.png') });
  } finally {
    if (saved === undefined) delete process.env.STUDIO_HOT_FOLDER;
    else process.env.STUDIO_HOT_FOLDER = saved;
    await host?.stop();
    data.cleanup();
    folder.cleanup();
  }
});

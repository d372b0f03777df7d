import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { test, expect } from './fixtures';
import { tempDir } from '../helpers/temp-dir';

// 设置 › 同步 › 测试连接 (also run by 保存): the project's central server (`studio server`, 127.0.0.1) answers 已连接;
// a wrong token says 账号或密钥错误; an address nobody listens on says 无法连接 beside the address, and 保存 keeps it
// only after the operator ticks 仍然保存 (an event can start offline), saying so.

test.use({ viewport: { width: 1366, height: 768 } });

const bin = path.resolve('bin/studio.mjs');

function studio(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`studio ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

async function startServer(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [bin, 'server', '--port', '0', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr!.on('data', () => undefined);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /地址 URL:\s+(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}:\n${out}`)));
  });
  return { url, child };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

test('测试连接 says what failed; an offline address is saved only when the operator says so', async ({
  page,
  freshHost,
}) => {
  test.setTimeout(120_000);
  const serverDir = tempDir('central-conn-e2e-');
  const token = studio(['server', 'token', 'create', '--station', '一号机', '--data', serverDir.dir])
    .trim()
    .split('\n')
    .at(-1)!;
  const server = await startServer(serverDir.dir);
  try {
    // the section's first sync.status answers only after the operator has typed (a slow host): what they typed
    // stays (CI once saw the late answer wipe the address)
    let releaseStatus!: () => void;
    const statusHeld = new Promise<void>((resolve) => (releaseStatus = resolve));
    let held = false;
    await page.route('**/api/sync.status', async (route) => {
      if (held) return route.continue();
      held = true;
      await statusHeld;
      await route.continue();
    });
    await page.goto(`${freshHost.url}/#/settings`);
    const sync = page.getByRole('region', { name: '同步（中心服务器）' });
    const result = sync.getByTestId('sync-connection');
    // a field's problem is the text right under its input (Field: label.field > .field-error)
    const errorUnder = (name: string) =>
      sync.locator('label.field', { has: page.locator(`input[name=${name}]`) }).locator('.field-error');

    await sync.locator('input[name=serverUrl]').fill('ftp//127.0.0.1');
    await sync.locator('input[name=token]').fill(token);
    releaseStatus();
    await expect(sync.getByTestId('sync-status')).toContainText('本机审核'); // the late answer has arrived
    await expect(sync.locator('input[name=serverUrl]')).toHaveValue('ftp//127.0.0.1');
    await sync.getByRole('button', { name: '保存' }).click();
    await expect(errorUnder('serverUrl')).toContainText('地址格式不对');
    await expect(sync.getByText('测试连接未通过，未保存：请先改正标红的一栏')).toBeVisible();
    await expect(sync.getByRole('checkbox')).toHaveCount(0); // a wrong address is never kept

    await sync.locator('input[name=serverUrl]').fill(server.url);
    await sync.locator('input[name=token]').fill('not-the-token-1234');
    await sync.getByRole('button', { name: '测试连接' }).click();
    await expect(result).toContainText('测试连接未通过');
    await expect(errorUnder('token')).toContainText('账号或密钥错误');
    await expect(sync.getByRole('checkbox')).toHaveCount(0);

    await sync.locator('input[name=token]').fill(token);
    await expect(errorUnder('token')).toHaveCount(0); // editing clears the old answer
    await sync.getByRole('button', { name: '测试连接' }).click();
    await expect(result).toContainText('已连接中心服务器（版本');
    await expect(sync.getByTestId('sync-status')).toContainText('本机审核'); // 测试连接 stores nothing

    const offline = `http://127.0.0.1:${await freePort()}`;
    await sync.locator('input[name=serverUrl]').fill(offline);
    await sync.getByRole('button', { name: '保存' }).click();
    await expect(errorUnder('serverUrl')).toContainText('无法连接');
    await expect(sync.getByText('测试连接未通过：请先改正，或勾选“仍然保存这个地址”')).toBeVisible();
    await expect(sync.getByTestId('sync-status')).toContainText('本机审核'); // nothing saved
    await sync.getByRole('checkbox', { name: /仍然保存这个地址/ }).check();
    await sync.getByText('测试连接未通过：请先改正').scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath('settings-sync-offline-choice.png') });
    await sync.getByRole('button', { name: '保存' }).click();
    await expect(sync.getByText(/^同步设置已保存，但现在连不上中心服务器（无法连接/)).toBeVisible();
    await expect(sync.locator('input[name=serverUrl]')).toHaveValue(offline);
    await expect(sync.getByTestId('sync-status')).toContainText('中心审核'); // saved: reviews come from the server
    await expect(sync.getByTestId('sync-status')).toContainText('等待重试'); // the worker keeps trying
    await sync.getByText(/^同步设置已保存，但/).scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath('settings-sync-offline.png') });
  } finally {
    server.child.kill('SIGTERM');
    serverDir.cleanup();
  }
});

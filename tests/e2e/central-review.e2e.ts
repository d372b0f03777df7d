import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { test, expect, saveScreenshot } from './fixtures';
import { spawnHost, type SpawnedHost } from '../helpers/spawn-host';
import { tempDir } from '../helpers/temp-dir';

// The by-hand check of issue 10, scripted: `studio server` + `studio server token create` + a reviewer account; a
// station (`studio host`) with one complete order (`studio demo seed`) connected in 设置 → 同步 (sync.configure
// from the UI); the order reaches the centre; a reviewer rejects it in the review console (keyboard: R, 1 =
// 背景不符, Enter); the station's order page shows 审核驳回 with the reason. The delay is printed (not asserted:
// a shared CI machine), and recorded in the README.

const bin = path.resolve('bin/studio.mjs');
const PASSWORD = 'e2e-审核-password';

function studio(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`studio ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

async function startServer(dataDir: string): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [bin, 'server', '--port', '0', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', () => undefined);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    child.stdout!.on('data', () => {
      const m = /地址 URL:\s+(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}:\n${out}`)));
  });
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

test('a reviewer rejects in the console; the station shows 审核驳回 with the reason', async ({ page, browser }) => {
  test.setTimeout(300_000);
  const serverDir = tempDir('central-e2e-');
  const stationDir = tempDir('station-e2e-');
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  let host: SpawnedHost | null = null;
  try {
    // the centre: a station token, an admin token (to watch it arrive), a reviewer, the server
    const token = studio(['server', 'token', 'create', '--station', '一号机', '--data', serverDir.dir])
      .trim()
      .split('\n')
      .at(-1)!;
    const admin = studio(['server', 'token', 'create', '--admin', 'e2e', '--data', serverDir.dir])
      .trim()
      .split('\n')
      .at(-1)!;
    studio(['server', 'user', 'create', '--name', '王老师', '--role', 'reviewer', '--data', serverDir.dir], {
      STUDIO_USER_PASSWORD: PASSWORD,
    });
    server = await startServer(serverDir.dir);

    // the station: one complete order (待审核), then the host with its background sync worker
    const seeded = JSON.parse(studio(['demo', 'seed', '--orders', '1', '--data', stationDir.dir, '--json'])) as {
      orders: number;
    };
    expect(seeded.orders).toBe(1);
    host = await spawnHost(stationDir.dir);

    // 设置 → 同步: server URL and token (the token is never shown again)
    await page.goto(`${host.url}/#/settings`);
    const sync = page.getByRole('region', { name: '同步（中心服务器）' });
    await expect(sync.getByTestId('sync-status')).toContainText('本机审核');
    await sync.locator('input[name=serverUrl]').fill(server.url);
    await sync.getByRole('button', { name: '保存' }).click();
    await expect(sync.locator('.field-error')).toHaveText('请填写工作站令牌'); // next to the field
    await sync.locator('input[name=token]').fill(token);
    await sync.getByRole('button', { name: '保存' }).click();
    await expect(sync.getByText('同步设置已保存')).toBeVisible();
    await expect(sync.locator('input[name=token]')).toHaveValue('');
    await expect(sync.locator('.field-hint', { hasText: `已保存（…${token.slice(-4)}）` })).toBeVisible();
    await expect(sync.getByTestId('sync-pending')).toHaveText(/^0/, { timeout: 60_000 });
    await expect(sync.getByTestId('sync-status')).toContainText('中心审核');
    await saveScreenshot(page, '40-settings-sync', { fullPage: true });

    // the order is on the server with its photo
    await expect
      .poll(
        async () => {
          const res = await fetch(`${server!.url}/v1/admin/orders`, { headers: { Authorization: `Bearer ${admin}` } });
          const body = (await res.json()) as { orders: { state: string; finalPhotoStored: boolean }[] };
          return body.orders.filter((o) => o.state === 'pending_review' && o.finalPhotoStored).length;
        },
        { timeout: 60_000 },
      )
      .toBe(1);

    // the station's order open in its window
    await page.goto(`${host.url}/#/orders`);
    await page.getByRole('combobox', { name: '当前活动' }).selectOption({ index: 1 }); // the demo event
    await page.getByTestId('orders-table').locator('tbody tr').first().click();
    const detail = page.getByTestId('order-detail');
    await expect(detail).toContainText('待审核');

    // the reviewer, in another window: R, 1 (背景不符), Enter
    const reviewer = await browser.newPage();
    await reviewer.goto(`${server.url}/console`);
    await reviewer.fill('#name', '王老师');
    await reviewer.fill('#password', PASSWORD);
    await reviewer.click('button[type=submit]');
    await reviewer.waitForSelector('#queue li');
    await reviewer.keyboard.press('r');
    await reviewer.waitForSelector('#reasons.open');
    await reviewer.keyboard.press('1');
    const t0 = Date.now();
    await reviewer.keyboard.press('Enter');
    await reviewer.waitForSelector('.empty');

    await expect(detail).toContainText('审核驳回', { timeout: 30_000 });
    const delay = Date.now() - t0;
    await expect(detail).toContainText('背景不符');
    await reviewer.close();
    // the figure for the README (not asserted)
    process.stdout.write(`central review → station: 审核驳回 shown ${delay} ms after the reviewer pressed Enter\n`);
  } finally {
    await host?.stop();
    await server?.stop();
    stationDir.cleanup();
    serverDir.cleanup();
  }
});

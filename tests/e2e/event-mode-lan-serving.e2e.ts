import https from 'node:https';
import net from 'node:net';
import { networkInterfaces } from 'node:os';
import type { TLSSocket } from 'node:tls';
import { expect, test } from './fixtures';
import { spawnHost, type SpawnedHost } from '../helpers/spawn-host';
import { tempDir } from '../helpers/temp-dir';

// 活动组网 › 对局域网开放 on a `studio host` that serves 127.0.0.1 (as the desk starts): the switch opens it to the
// LAN at run time — the panel shows the https address of each network interface and the certificate's SHA-256,
// the pairing code then shows those addresses instead of 其他电脑还连不上本机, and the desk really answers there
// with that certificate; off closes the address again; a restarted host opens by itself with the same certificate.
// STUDIO_MDNS=off: the listener does not announce itself by multicast from a test.

test.use({ viewport: { width: 1366, height: 768 } });

const lanIp =
  Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address ?? null;

function peerFingerprint(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { rejectUnauthorized: false, agent: false }, (res) => {
        const cert = (res.socket as TLSSocket).getPeerCertificate();
        res.resume();
        resolve(cert.fingerprint256.replace(/:/g, '').toLowerCase());
      })
      .on('error', reject);
  });
}

function listening(ip: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: ip, port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

async function spawnQuiet(dir: string): Promise<SpawnedHost> {
  const saved = process.env.STUDIO_MDNS;
  process.env.STUDIO_MDNS = 'off'; // read by spawn before its first await
  try {
    return await spawnHost(dir);
  } finally {
    if (saved === undefined) delete process.env.STUDIO_MDNS;
    else process.env.STUDIO_MDNS = saved;
  }
}

test('对局域网开放: the desk opens to the LAN at run time, shows address and fingerprint, and closes again', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const data = tempDir('studio-e2e-lan-serving-');
  let host: SpawnedHost | null = null;
  try {
    host = await spawnQuiet(data.dir);
    await page.goto(`${host.url}/#/event-desk`);
    const panel = page.getByTestId('lan-panel');
    const state = panel.getByTestId('lan-serving-state');
    const toggle = panel.getByRole('switch', { name: '对局域网开放' });
    await expect(state).toHaveText(/^未开放：只有本机能打开/);
    await expect(toggle).not.toBeChecked();
    await panel.getByRole('button', { name: '开放配对' }).click();
    await expect(panel.getByTestId('pairing-no-address')).toHaveText(
      '其他电脑还连不上本机：请先打开上面的「对局域网开放」。',
    );

    await page.screenshot({ path: test.info().outputPath('lan-serving-off.png') });
    await toggle.click();
    await expect(state).toHaveText(/^已开放：同一局域网的电脑可以连接本机/);
    const lines = await panel.locator('[data-testid=lan-serving-fingerprint] .fingerprint > div').allTextContents();
    expect(lines).toHaveLength(2);
    const fingerprint = lines.join('').replace(/ /g, '').toLowerCase();
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    let port = 0;
    if (lanIp) {
      const address = panel.getByTestId('lan-serving-address').filter({ hasText: lanIp });
      await expect(address).toHaveText(new RegExp(`^https://${lanIp.replace(/\./g, '\\.')}:\\d+$`));
      port = Number(new URL((await address.textContent())!).port);
      // the pairing code now names the LAN address (no more 连不上本机), and the desk answers there with that certificate
      await expect(panel.getByTestId('pairing-no-address')).toHaveCount(0);
      await expect(panel).toContainText(`本机地址：https://${lanIp}:${port}`);
      expect(await peerFingerprint(`https://${lanIp}:${port}/`)).toBe(fingerprint);
    } else {
      await expect(panel).toContainText('本机现在没有局域网地址');
    }
    await panel.getByTestId('lan-serving').scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath('lan-serving-on.png') });

    await toggle.click();
    await expect(state).toHaveText(/^未开放/);
    await expect(panel.getByTestId('lan-serving-address')).toHaveCount(0);
    await expect(panel.getByTestId('pairing-no-address')).toBeVisible();
    if (lanIp) expect(await listening(lanIp, port)).toBe(false);

    // on again, then the host restarts: it opens by itself, same certificate (paired stations keep their pin)
    await toggle.click();
    await expect(state).toHaveText(/^已开放/);
    await host.stop();
    host = await spawnQuiet(data.dir);
    const h = host;
    await expect.poll(() => h.output(), { timeout: 30_000 }).toContain('局域网证书 SHA-256');
    expect(host.output()).toContain(`局域网证书 SHA-256: ${fingerprint}`);
    await page.goto(`${host.url}/#/event-desk`);
    await expect(state).toHaveText(/^已开放/);
    if (lanIp) expect(await peerFingerprint(`https://${lanIp}:${port}/`)).toBe(fingerprint);
    await toggle.click();
    await expect(state).toHaveText(/^未开放/);
  } finally {
    await host?.stop();
    data.cleanup();
  }
});

test('a second laptop joins the desk through the LAN address and fingerprint the switch shows', async ({ browser }) => {
  test.skip(!lanIp, 'this machine has no non-loopback IPv4 interface');
  test.setTimeout(120_000);
  const deskDir = tempDir('studio-e2e-lan-desk-');
  const stationDir = tempDir('studio-e2e-lan-station-');
  let desk: SpawnedHost | null = null;
  let station: SpawnedHost | null = null;
  try {
    desk = await spawnQuiet(deskDir.dir);
    station = await spawnQuiet(stationDir.dir);
    const deskCtx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const stationCtx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const deskPage = await deskCtx.newPage();
    const stationPage = await stationCtx.newPage();
    await deskPage.goto(`${desk.url}/#/event-desk`);
    const panel = deskPage.getByTestId('lan-panel');
    await panel.getByRole('switch', { name: '对局域网开放' }).click();
    const address = panel.getByTestId('lan-serving-address').filter({ hasText: lanIp! });
    await expect(address).toBeVisible();
    const lanUrl = (await address.textContent())!.trim();
    const lines = await panel.locator('[data-testid=lan-serving-fingerprint] .fingerprint > div').allTextContents();
    await panel.getByRole('button', { name: '开放配对' }).click();
    const code = (await panel.getByTestId('pairing-code').textContent())!.trim();

    // what the operator of the other laptop types, copied from the desk's screen
    await stationPage.goto(`${station.url}/#/event-queue`);
    await stationPage.getByTestId('join-address').fill(lanUrl);
    await stationPage.getByTestId('join-code').fill(code);
    await stationPage.getByTestId('join-fingerprint').fill(lines.join(' '));
    await stationPage.getByRole('button', { name: '加入', exact: true }).click();
    await expect(stationPage.getByTestId('lan-mode')).toHaveText('已加入主机');
    await expect(stationPage.getByTestId('lan-online')).toContainText(lanUrl);
    await expect(stationPage.getByTestId('lan-online')).toContainText('在线');
    await expect(panel.getByText('2 号机')).toBeVisible();
    await deskCtx.close();
    await stationCtx.close();
  } finally {
    await station?.stop();
    await desk?.stop();
    stationDir.cleanup();
    deskDir.cleanup();
  }
});

import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { spawnHost, type SpawnedHost } from '../helpers/spawn-host';
import { selfSignedCert } from '../helpers/self-signed-cert';
import { tempDir } from '../helpers/temp-dir';

// Pairing with a desk that serves HTTPS (self-signed certificate made by openssl at test time, 127.0.0.1 only):
// the desk's 登记台 shows the certificate's SHA-256 grouped for the eye; the capture station joins by typing the
// address, the code and that fingerprint — a wrong fingerprint is refused next to its field, nothing joined; the
// fingerprint as shown on the desk joins.

test('HTTPS desk: the pairing shows the fingerprint; a typed wrong one is refused at the field, the shown one joins', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const certs = tempDir('studio-e2e-cert-');
  const deskDir = tempDir('studio-e2e-desk-tls-');
  const stationDir = tempDir('studio-e2e-station-tls-');
  let desk: SpawnedHost | null = null;
  let station: SpawnedHost | null = null;
  try {
    const { cert, key } = selfSignedCert(certs.dir, 'desk');
    const other = selfSignedCert(certs.dir, 'other');
    desk = await spawnHost(deskDir.dir, ['--cert', cert, '--key', key]);
    expect(desk.url).toMatch(/^https:\/\//);
    // the fingerprint line may come after the URL line spawnHost waits for
    const host = desk;
    await expect.poll(() => /SHA-256: ([0-9a-f]{64})/.test(host.output()), { timeout: 30_000 }).toBe(true);
    const printed = /SHA-256: ([0-9a-f]{64})/.exec(desk.output())![1]!;
    station = await spawnHost(stationDir.dir);

    // the desk's own browser trusts its self-signed certificate (the operator accepted it once)
    const deskCtx = await browser.newContext({ viewport: { width: 1366, height: 768 }, ignoreHTTPSErrors: true });
    const stationCtx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const deskPage = await deskCtx.newPage();
    const stationPage = await stationCtx.newPage();

    await deskPage.goto(`${desk.url}/#/event-desk`);
    await deskPage.getByRole('button', { name: '开放配对' }).click();
    const code = (await deskPage.getByTestId('pairing-code').textContent())!.trim();
    const shown = deskPage.getByTestId('pairing-fingerprint');
    await expect(shown).toContainText('证书指纹（SHA-256）');
    const lines = await shown.locator('.fingerprint > div').allTextContents();
    // two lines of 8 groups of 4, upper case: the certificate the host printed
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    expect(lines.join('').replace(/ /g, '').toLowerCase()).toBe(printed);
    await deskPage.screenshot({ path: test.info().outputPath('desk-https-pairing.png') });

    const port = new URL(desk.url).port;
    await stationPage.goto(`${station.url}/#/event-queue`);
    await stationPage.getByTestId('join-address').fill(`127.0.0.1:${port}`);
    await stationPage.getByTestId('join-code').fill(code);
    // a fingerprint of another certificate (as an operator might copy the wrong screen)
    const wrong = new X509Certificate(readFileSync(other.cert)).fingerprint256.replace(/:/g, ' ');
    await stationPage.getByTestId('join-fingerprint').fill(wrong);
    await stationPage.getByRole('button', { name: '加入', exact: true }).click();
    const field = stationPage.locator('label.field', { has: stationPage.getByTestId('join-fingerprint') });
    await expect(field.locator('.field-error')).toContainText('证书指纹与主机');
    await expect(field.locator('.field-error')).toContainText('未连接');
    await expect(stationPage.getByTestId('lan-mode')).toHaveText('单机');
    await stationPage.screenshot({ path: test.info().outputPath('station-wrong-fingerprint.png') });

    // the fingerprint as the desk shows it (two grouped lines) joins
    await stationPage.getByTestId('join-fingerprint').fill(lines.join(' '));
    await stationPage.getByRole('button', { name: '加入', exact: true }).click();
    await expect(stationPage.getByTestId('lan-mode')).toHaveText('已加入主机');
    await expect(stationPage.getByTestId('lan-online')).toContainText(`https://127.0.0.1:${port}`);
    await expect(deskPage.getByText('拍摄位').or(deskPage.getByText('2 号机')).first()).toBeVisible();
    await deskCtx.close();
    await stationCtx.close();
  } finally {
    await station?.stop();
    await desk?.stop();
    stationDir.cleanup();
    deskDir.cleanup();
    certs.cleanup();
  }
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect } from '@playwright/test';
import { spawnHost, type SpawnedHost } from '../helpers/spawn-host';
import { tempDir } from '../helpers/temp-dir';

// In real Chromium: an attacker's page on another site (here evil.example, mapped to 127.0.0.1 by the browser's
// resolver, as DNS rebinding would) cannot use the station's web host; the station's own page still can.

const EVIL = 'evil.example';

/** In-page expression (the node tsconfig has no DOM types): the image's drawn width once it loaded or failed. */
function settledWidth(imageExpression: string): string {
  return `new Promise((resolve) => {
    const img = ${imageExpression};
    if (img.complete && img.src) return resolve(img.naturalWidth);
    img.onload = () => resolve(img.naturalWidth);
    img.onerror = () => resolve(0);
  })`;
}

test('another site can neither embed the live view, call the API, nor read it by DNS rebinding', async ({
  playwright,
  launchOptions,
}) => {
  const tmp = tempDir('studio-e2e-callers-');
  const before = process.env.STUDIO_CAMERA;
  process.env.STUDIO_CAMERA = 'replay';
  let host: SpawnedHost;
  try {
    host = await spawnHost(tmp.dir);
  } finally {
    if (before === undefined) delete process.env.STUDIO_CAMERA;
    else process.env.STUDIO_CAMERA = before;
  }
  const hostPort = new URL(host.url).port;
  // The attacker's site: a page that embeds the live view and posts to the API.
  const attacker = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>evil</title><img id="live" src="http://127.0.0.1:${hostPort}/camera/live.mjpeg">`);
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  const attackerPort = (attacker.address() as AddressInfo).port;
  const browser = await playwright.chromium.launch({
    ...launchOptions,
    args: [...(launchOptions.args ?? []), `--host-resolver-rules=MAP ${EVIL} 127.0.0.1`],
  });
  try {
    const page = await browser.newPage();

    // 1. <img> of the live camera on another site's page: refused (Sec-Fetch-Site: cross-site), nothing drawn.
    //    (Chromium's opaque-response blocking then also drops the 403 text, so the request shows as failed.)
    const isLive = (url: string) => url.endsWith('/camera/live.mjpeg');
    const liveOutcome = Promise.race([
      page.waitForEvent('requestfailed', (r) => isLive(r.url())).then(() => 'failed'),
      page.waitForResponse((r) => isLive(r.url())).then((r) => `status ${r.status()}`),
    ]);
    await page.goto(`http://${EVIL}:${attackerPort}/`);
    expect(await liveOutcome).toBe('failed');
    const drawn = await page.evaluate<number>(settledWidth("document.getElementById('live')"));
    expect(drawn).toBe(0);

    // 2. The API from that page: a JSON POST and a no-cors form-like POST both fail, and nothing is created.
    const results = await page.evaluate(async (base) => {
      const body = JSON.stringify({
        schoolName: '攻击大学',
        schoolCode: '10001',
        featureCode: 'k',
        date: '2026-06-01',
      });
      const json = await fetch(`${base}/api/events.create`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      }).then(
        (r) => `status ${r.status}`,
        () => 'blocked',
      );
      const noCors = await fetch(`${base}/api/app.info`, { method: 'POST', mode: 'no-cors' }).then(
        (r) => r.type,
        () => 'blocked',
      );
      return { json, noCors };
    }, host.url);
    expect(results.json).toBe('blocked');
    expect(['opaque', 'blocked']).toContain(results.noCors);

    // 3. DNS rebinding: the page's own name now points at the station. The browser sends Host: evil.example → 421.
    const rebound = await page.goto(`http://${EVIL}:${hostPort}/`);
    expect(rebound!.status()).toBe(421);
    expect(await page.textContent('body')).toContain('不是本工作站的地址');
    const read = await page.evaluate(async () => {
      const r = await fetch('/api/events.list', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      return { status: r.status, text: await r.text() };
    });
    expect(read.status).toBe(421);
    expect(read.text).not.toContain('"events"');

    // 4. The station's own page: the API answers, nothing of the attacker's was created, the live view draws.
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: '采集活动', level: 1 })).toBeVisible();
    const own = await page.evaluate(async () => {
      const r = await fetch('/api/events.list', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      return { status: r.status, text: await r.text() };
    });
    expect(own.status).toBe(200);
    expect(own.text).not.toContain('攻击大学');
    const width = await page.evaluate<number>(
      settledWidth("Object.assign(document.body.appendChild(new Image()), { src: '/camera/live.mjpeg' })"),
    );
    expect(width).toBeGreaterThan(0);
  } finally {
    await browser.close();
    attacker.close();
    await host.stop();
    tmp.cleanup();
  }
});

import http from 'node:http';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../../src/main/core/studio';
import { rendererDir } from '../../../src/main/kernel/paths';
import { appProtocolResponse } from '../../../src/main/electron/protocol';
import { startHost, type RunningHost } from '../../../src/main/host/host';
import { tempDir } from '../../helpers/temp-dir';

// Only the station's own page may call the web host: requests as an attacker's page would send them (DNS rebinding,
// another site's fetch/form/EventSource, an <img> of the live view), over a real listening host.

interface Raw {
  status: number;
  type: string;
  body: string;
}

/** One request with exactly these headers (fetch cannot set Host); streams are cut after the head. */
function raw(
  port: number,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers ?? {} },
      (res) => {
        const type = String(res.headers['content-type'] ?? '');
        if (/event-stream|multipart/.test(type)) {
          res.destroy();
          resolve({ status: res.statusCode ?? 0, type, body: '' });
          return;
        }
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const json = { 'content-type': 'application/json' };
const message = (r: Raw) => (JSON.parse(r.body) as { error: { message: string } }).error.message;

describe('web host on loopback: who may call it', () => {
  const tmp = tempDir();
  let studio: Studio;
  let host: RunningHost;
  let port: number;
  let own: string;
  let photo: string;

  beforeAll(async () => {
    process.env.STUDIO_CAMERA = 'replay';
    studio = createStudio({ dataDir: tmp.dir, log: () => {} });
    host = await startHost({ studio, rendererDir: rendererDir() });
    port = host.port;
    own = `127.0.0.1:${port}`;
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } })
      .jpeg()
      .toBuffer();
    photo = `/media/${studio.records.photoStore.put(jpeg)}.jpg`;
  });
  afterAll(async () => {
    await host.close();
    await studio.close();
    delete process.env.STUDIO_CAMERA;
    tmp.cleanup();
  });

  describe('a foreign Host (DNS rebinding) is refused on every route', () => {
    const evil = () => ({ host: `evil.example:${port}`, origin: `http://evil.example:${port}` });

    it('POST /api/events.create creates nothing, events.list and orders.get read nothing', async () => {
      const create = await raw(port, '/api/events.create', {
        method: 'POST',
        headers: { ...json, ...evil() },
        body: JSON.stringify({ schoolName: '重绑大学', schoolCode: '10001', featureCode: 'k', date: '2026-06-01' }),
      });
      expect(create.status).toBe(421);
      expect(create.type).toMatch(/^application\/json/);
      expect(message(create)).toContain('不是本工作站的地址');
      expect(message(create)).toContain(`http://127.0.0.1:${port}`);
      const list = await raw(port, '/api/events.list', { method: 'POST', headers: { ...json, ...evil() }, body: '{}' });
      expect(list.status).toBe(421);
      expect(list.body).not.toContain('"events"');
      const order = await raw(port, '/api/orders.get', {
        method: 'POST',
        headers: { ...json, ...evil() },
        body: '{"orderId":"x"}',
      });
      expect(order.status).toBe(421);
      // nothing was created: the own page still sees an empty list
      const mine = await raw(port, '/api/events.list', { method: 'POST', headers: { ...json, host: own }, body: '{}' });
      expect(mine.status).toBe(200);
      expect(mine.body).not.toContain('重绑大学');
    });

    it.each([
      ['GET /api/events (SSE)', '/api/events'],
      ['GET a receipt PDF', '/api/receipts/any-order.pdf'],
      ['GET /camera/live.mjpeg', '/camera/live.mjpeg'],
      ['GET /media/<sha>.jpg', 'PHOTO'],
      ['GET the UI page', '/'],
    ])('%s → 421', async (_label, path) => {
      const r = await raw(port, path === 'PHOTO' ? photo : path, { headers: { host: `evil.example:${port}` } });
      expect(r.status).toBe(421);
      expect(r.body).toContain('不是本工作站的地址');
      if (!path.startsWith('/api/')) expect(r.type).toBe('text/plain; charset=utf-8');
    });

    it('a loopback name with another port or none is foreign too', async () => {
      expect((await raw(port, '/', { headers: { host: '127.0.0.1' } })).status).toBe(421);
      expect((await raw(port, '/', { headers: { host: `127.0.0.1:${port + 1}` } })).status).toBe(421);
      expect((await raw(port, '/', { headers: { host: `localhost:${port}` } })).status).toBe(200);
      expect((await raw(port, '/', { headers: { host: `[::1]:${port}` } })).status).toBe(200);
    });
  });

  describe('a foreign Origin is refused', () => {
    it.each([
      ['another site', 'http://evil.example'],
      ['another port on this machine', 'http://127.0.0.1:1'],
      ['null (file://, sandboxed frame)', 'null'],
    ])('POST from %s → 403, nothing done', async (_label, origin) => {
      const r = await raw(port, '/api/events.create', {
        method: 'POST',
        headers: { ...json, host: own, origin },
        body: JSON.stringify({ schoolName: '跨站大学', schoolCode: '10002', featureCode: 'k', date: '2026-06-01' }),
      });
      expect(r.status).toBe(403);
      expect(JSON.parse(r.body)).toMatchObject({ error: { code: 'forbidden' } });
      expect(message(r)).toContain('拒绝访问');
    });

    it('an empty-body POST (a no-cors fetch or form) from another site is refused too', async () => {
      const r = await raw(port, '/api/app.info', {
        method: 'POST',
        headers: { host: own, origin: 'http://evil.example' },
      });
      expect(r.status).toBe(403);
    });

    it('EventSource from another site → 403', async () => {
      const r = await raw(port, '/api/events', {
        headers: {
          host: own,
          origin: 'http://evil.example',
          'sec-fetch-site': 'cross-site',
          accept: 'text/event-stream',
        },
      });
      expect(r.status).toBe(403);
    });

    it('the created events list shows none of the refused calls', async () => {
      const r = await raw(port, '/api/events.list', { method: 'POST', headers: { ...json, host: own }, body: '{}' });
      expect(r.body).not.toContain('跨站大学');
    });
  });

  describe('cross-site loads without Origin (<img>, <iframe>) are refused by Sec-Fetch-Site', () => {
    const img = { 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'image' };
    it.each([
      ['the live camera in an <img>', '/camera/live.mjpeg', img],
      ['a stored photo in an <img>', 'PHOTO', img],
      [
        'a receipt PDF in an <iframe>',
        '/api/receipts/any-order.pdf',
        { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' },
      ],
      [
        'a receipt PDF opened by another site',
        '/api/receipts/any-order.pdf',
        { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' },
      ],
    ])('%s → 403', async (_label, path, fetchHeaders) => {
      for (const site of ['cross-site', 'same-site']) {
        const r = await raw(port, path === 'PHOTO' ? photo : path, {
          headers: { host: own, 'sec-fetch-site': site, ...fetchHeaders },
        });
        expect(r.status).toBe(403);
        expect(r.body).toContain('其他网站不能嵌入或读取');
      }
    });

    it('a link from another site still opens the station page', async () => {
      const r = await raw(port, '/', {
        headers: {
          host: own,
          'sec-fetch-site': 'cross-site',
          'sec-fetch-mode': 'navigate',
          'sec-fetch-dest': 'document',
        },
      });
      expect(r.status).toBe(200);
      expect(r.body).toContain('图像采集工作站');
    });
  });

  describe('the station page itself and clients on this machine still work', () => {
    const page = () => ({ host: own, origin: `http://${own}`, 'sec-fetch-site': 'same-origin' });

    it('the same-origin page: POST with Origin, SSE, live view, photo, receipt route', async () => {
      const create = await raw(port, '/api/events.create', {
        method: 'POST',
        headers: { ...json, ...page(), 'sec-fetch-mode': 'cors' },
        body: JSON.stringify({ schoolName: '本站大学', schoolCode: '10003', featureCode: 'k', date: '2026-06-01' }),
      });
      expect(create.status).toBe(200);
      const sse = await raw(port, '/api/events', { headers: { host: own, 'sec-fetch-site': 'same-origin' } });
      expect(sse).toMatchObject({ status: 200, type: 'text/event-stream; charset=utf-8' });
      const live = await raw(port, '/camera/live.mjpeg', {
        headers: { host: own, 'sec-fetch-site': 'same-origin', 'sec-fetch-dest': 'image' },
      });
      expect(live.status).toBe(200);
      expect(live.type).toMatch(/^multipart\/x-mixed-replace/);
      const img = await raw(port, photo, { headers: { host: own, 'sec-fetch-site': 'same-origin' } });
      expect(img).toMatchObject({ status: 200, type: 'image/jpeg' });
      // reaches the receipt route (no such order), i.e. not refused by the caller rule
      const pdf = await raw(port, '/api/receipts/no-such-order.pdf', {
        headers: { host: own, 'sec-fetch-site': 'same-origin' },
      });
      expect(pdf.status).toBe(404);
      expect(JSON.parse(pdf.body)).toMatchObject({ error: { code: 'not_found' } });
    });

    it('a typed address or bookmark (Sec-Fetch-Site: none) opens the live view and photos', async () => {
      const live = await raw(port, '/camera/live.mjpeg', { headers: { host: own, 'sec-fetch-site': 'none' } });
      expect(live.status).toBe(200);
      const img = await raw(port, photo, { headers: { host: `localhost:${port}`, 'sec-fetch-site': 'none' } });
      expect(img.status).toBe(200);
    });

    it('curl-like clients without Origin or Sec-Fetch-* (and Node fetch) are served', async () => {
      const info = await raw(port, '/api/app.info', { method: 'POST', headers: { ...json, host: own }, body: '{}' });
      expect(info.status).toBe(200);
      const viaFetch = await fetch(`${host.url}/api/events.list`, { method: 'POST', headers: json, body: '{}' });
      expect(viaFetch.status).toBe(200);
      expect(await viaFetch.text()).toContain('本站大学');
    });

    it('non-JSON bodies stay refused for the own page too', async () => {
      const r = await raw(port, '/api/events.list', {
        method: 'POST',
        headers: { ...page(), 'content-type': 'text/plain' },
        body: '{}',
      });
      expect(r.status).toBe(400);
      expect(message(r)).toContain('JSON');
    });

    it("the desktop window's app:// protocol does not go through the web host's rule", async () => {
      const res = await appProtocolResponse(rendererDir(), 'app://studio/', studio.records.photoStore);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('图像采集工作站');
      const img = await appProtocolResponse(rendererDir(), `app://studio${photo}`, studio.records.photoStore);
      expect(img.status).toBe(200);
    });
  });
});

describe('web host on 0.0.0.0: any Host, but the token, Origin and cross-site rules hold', () => {
  const tmp = tempDir();
  let studio: Studio;
  let host: RunningHost;

  beforeAll(async () => {
    studio = createStudio({ dataDir: tmp.dir, log: () => {} });
    host = await startHost({ studio, rendererDir: rendererDir(), host: '0.0.0.0' });
  });
  afterAll(async () => {
    await host.close();
    await studio.close();
    tmp.cleanup();
  });

  it('a tablet using a LAN name with the token is served; the same name without it is not', async () => {
    const headers = { ...json, host: `studio.local:${host.port}` };
    const without = await raw(host.port, '/api/app.info', { method: 'POST', headers, body: '{}' });
    expect(without.status).toBe(401);
    const auth = { ...headers, authorization: `Bearer ${host.token}` };
    expect((await raw(host.port, '/api/app.info', { method: 'POST', headers: auth, body: '{}' })).status).toBe(200);
    const sse = await raw(host.port, `/api/events?token=${host.token}`, {
      headers: { host: `192.168.1.20:${host.port}` },
    });
    expect(sse.status).toBe(200);
    // the UI page itself needs no token (it reads it from ?token=)
    expect((await raw(host.port, '/', { headers: { host: `studio.local:${host.port}` } })).status).toBe(200);
  });

  it('a rebinding page without the token gets nothing', async () => {
    const r = await raw(host.port, '/api/events.list', {
      method: 'POST',
      headers: { ...json, host: `evil.example:${host.port}`, origin: `http://evil.example:${host.port}` },
      body: '{}',
    });
    expect(r.status).toBe(401);
    expect(
      (await raw(host.port, '/camera/live.mjpeg', { headers: { host: `evil.example:${host.port}` } })).status,
    ).toBe(401);
  });

  it('a foreign Origin or a cross-site <img> is refused even with the token', async () => {
    const token = { authorization: `Bearer ${host.token}` };
    const h = `192.168.1.20:${host.port}`;
    const post = await raw(host.port, '/api/app.info', {
      method: 'POST',
      headers: { ...json, ...token, host: h, origin: 'http://evil.example' },
      body: '{}',
    });
    expect(post.status).toBe(403);
    const img = await raw(host.port, `/camera/live.mjpeg?token=${host.token}`, {
      headers: { host: h, 'sec-fetch-site': 'cross-site', 'sec-fetch-dest': 'image' },
    });
    expect(img.status).toBe(403);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { createStudio, type Studio } from '../../../src/main/core/studio';
import { startHost, type RunningHost } from '../../../src/main/host/host';
import { rendererDir } from '../../../src/main/kernel/paths';
import { tempDir } from '../../helpers/temp-dir';

async function post(base: string, method: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('web host (in-process)', () => {
  const tmp = tempDir();
  let studio: Studio;
  let host: RunningHost;

  beforeAll(async () => {
    studio = createStudio({ dataDir: tmp.dir, log: () => {} });
    host = await startHost({ studio, rendererDir: rendererDir() });
  });
  afterAll(async () => {
    await host.close();
    await studio.close();
    tmp.cleanup();
  });

  it('binds 127.0.0.1 without a token by default', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.token).toBeNull();
  });

  it('POST /api/app.info returns JSON with version', async () => {
    const r = await post(host.url, 'app.info', {});
    expect(r.status).toBe(200);
    expect(r.body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(r.body.transport).toBe('http');
  });

  it('events.create without school name → 400 naming the field, and the host keeps serving', async () => {
    const r = await post(host.url, 'events.create', { schoolCode: '10403', featureCode: 'x', date: '2026-06-01' });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'invalid_request', field: 'schoolName' });
    expect(String((r.body.error as { message: string }).message)).toContain('学校名称');
    const again = await post(host.url, 'app.info', {});
    expect(again.status).toBe(200);
  });

  it.each([
    ['malformed JSON', 'events.list', '{oops', 400],
    ['unknown method', 'no.such.method', {}, 404],
    ['array instead of object', 'events.list', '[]', 400],
  ])('%s → clear error status %i', async (_label, method, body, status) => {
    const r = await post(host.url, method, body);
    expect(r.status).toBe(status);
    expect(typeof (r.body.error as { message: string }).message).toBe('string');
  });

  it('refuses GET on the API and a path escaping the UI folder', async () => {
    const r = await fetch(`${host.url}/api/app.info`);
    expect(r.status).toBe(400);
    const status = await new Promise<number>((resolve) => {
      http.get(`${host.url}/..%2f..%2fpackage.json`, (res) => resolve(res.statusCode ?? 0));
    });
    expect([400, 404]).toContain(status);
  });

  it('pushes event.created to SSE subscribers', async () => {
    const ctrl = new AbortController();
    const res = await fetch(`${host.url}/api/events`, { signal: ctrl.signal });
    const reader = res.body!.getReader();
    await post(host.url, 'events.create', {
      schoolName: '推送大学',
      schoolCode: '10001',
      featureCode: 'k',
      date: '2026-06-01',
    });
    let text = '';
    while (!text.includes('推送大学')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    ctrl.abort();
    expect(text).toContain('event: event.created');
  });
});

describe('web host on a non-loopback address', () => {
  it('requires the token it prints', async () => {
    const tmp = tempDir();
    const studio = createStudio({ dataDir: tmp.dir, log: () => {} });
    const host = await startHost({ studio, rendererDir: rendererDir(), host: '0.0.0.0' });
    const base = `http://127.0.0.1:${host.port}`;
    expect(host.token).toBeTruthy();
    expect((await post(base, 'app.info', {})).status).toBe(401);
    expect((await post(base, 'app.info', {}, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await post(base, 'app.info', {}, { authorization: `Bearer ${host.token}` })).status).toBe(200);
    await host.close();
    await studio.close();
    tmp.cleanup();
  });
});

describe('persistence', () => {
  it('an event created before a restart is listed after it', async () => {
    const tmp = tempDir();
    const a = createStudio({ dataDir: tmp.dir, log: () => {} });
    await a.dispatch(
      'events.create',
      { schoolName: '重启大学', schoolCode: '10002', featureCode: 'z', date: '2026-06-02' },
      { transport: 'http' },
    );
    a.close();
    const b = createStudio({ dataDir: tmp.dir, log: () => {} });
    const list = (await b.dispatch('events.list', {}, { transport: 'http' })) as { events: { schoolName: string }[] };
    expect(list.events.map((e) => e.schoolName)).toContain('重启大学');
    b.close();
    tmp.cleanup();
  });
});

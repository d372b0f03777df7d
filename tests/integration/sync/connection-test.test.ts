import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startCentralServer } from '../../../src/server';
import { testCentralConnection } from '../../../src/main/sync/connection-test';
import { selfSignedCert } from '../../helpers/self-signed-cert';
import { tempDir } from '../../helpers/temp-dir';
import { faultProxy } from './fault-proxy';
import { central, station, type Central } from './sync-fixture';

// 设置 › 同步 › 测试连接 against the project's real central server on 127.0.0.1: a right address and token pass; an
// address with nobody listening, a token the server refuses, a malformed address and an untrusted certificate each
// say their own Chinese reason.

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

let c: Central;
beforeAll(async () => {
  c = await central();
});
afterAll(() => c.close());

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

describe('central server connection test', () => {
  it('passes with the right address and token', async () => {
    expect(await testCentralConnection({ serverUrl: c.url, token: c.token, fingerprint: null })).toEqual({
      ok: true,
      version: 'test',
    });
  });

  it('a refused token: 账号或密钥错误', async () => {
    const r = await testCentralConnection({ serverUrl: c.url, token: 'wrong-token-123', fingerprint: null });
    expect(r).toMatchObject({ ok: false, problem: 'credentials' });
    expect(r.ok ? '' : r.message).toMatch(/^账号或密钥错误：中心服务器拒绝了本工作站的令牌/);
  });

  it('nobody listening: 无法连接', async () => {
    const port = await freePort();
    const r = await testCentralConnection({ serverUrl: `http://127.0.0.1:${port}`, token: c.token, fingerprint: null });
    expect(r).toMatchObject({ ok: false, problem: 'unreachable' });
    expect(r.ok ? '' : r.message).toContain('无法连接');
  });

  it('a server that answers 500 (health, or the authenticated read) is 无法连接 for now, not a wrong address', async () => {
    const port = c.server.port;
    const down = await faultProxy(port, { decide: () => 'error500' });
    const readFails = await faultProxy(port, {
      decide: ({ url }) => (url.startsWith('/v1/health') ? 'pass' : 'error500'),
    });
    try {
      const a = await testCentralConnection({ serverUrl: down.url, token: c.token, fingerprint: null });
      expect(a).toMatchObject({ ok: false, problem: 'unreachable' });
      expect(a.ok ? '' : a.message).toMatch(/^无法连接：中心服务器暂时不可用（HTTP 500）/);
      const b = await testCentralConnection({ serverUrl: readFails.url, token: c.token, fingerprint: null });
      expect(b).toMatchObject({ ok: false, problem: 'unreachable' });
      expect(b.ok ? '' : b.message).toMatch(/^无法连接：.*HTTP 500/);
      expect(readFails.requests).toBe(2); // health passed through, then the one authenticated read
    } finally {
      await down.close();
      await readFails.close();
    }
  });

  it('sync.testConnection on a station: a blank token is the stored one for the stored server only; nothing saved', async () => {
    const st = await station();
    try {
      await st.call('sync.configure', { serverUrl: c.url, token: c.token });
      expect(await st.call('sync.testConnection', { serverUrl: `${c.url}/`, fingerprint: null })).toEqual({
        ok: true,
        version: 'test',
      });
      const other = `http://127.0.0.1:${await freePort()}`;
      const blank = await st.call<{ ok: boolean; problem?: string; message?: string }>('sync.testConnection', {
        serverUrl: other,
        fingerprint: null,
      });
      expect(blank).toMatchObject({ ok: false, problem: 'credentials' });
      expect(blank.message).toContain('请填写工作站令牌');
      const offline = await st.call('sync.testConnection', { serverUrl: other, token: c.token, fingerprint: null });
      expect(offline).toMatchObject({ ok: false, problem: 'unreachable' });
      const status = await st.call<{ serverUrl: string | null }>('sync.status', {});
      expect(status.serverUrl).toBe(c.url); // a test never stores what it tried
    } finally {
      await st.close();
    }
  });

  it('an offline address saved anyway: the worker says 等待重试 from its first failed attempt, never 已连接', async () => {
    const st = await station(); // fast timings: the first backoffs are shorter than the poll interval
    try {
      await st.call('sync.configure', { serverUrl: `http://127.0.0.1:${await freePort()}`, token: c.token });
      st.studio.sync.start();
      let s = st.studio.sync.status();
      while (s.nextAttemptAt === null) {
        await new Promise((r) => setTimeout(r, 2));
        s = st.studio.sync.status();
      }
      expect(s.state).toBe('waiting');
      await st.studio.sync.stop();
    } finally {
      await st.close();
    }
  });

  it('a malformed address: 地址格式不对, without a request', async () => {
    const r = await testCentralConnection({ serverUrl: 'ftp//127.0.0.1', token: c.token, fingerprint: null });
    expect(r).toMatchObject({ ok: false, problem: 'format' });
    expect(r.ok ? '' : r.message).toMatch(/^地址格式不对/);
  });

  it.skipIf(!hasOpenssl)('HTTPS: an untrusted certificate is said, the pinned one passes', async () => {
    const t = tempDir('central-tls-test-');
    const { cert, key } = selfSignedCert(t.dir);
    const pem = readFileSync(cert);
    const server = await startCentralServer({
      dataDir: path.join(t.dir, 'srv'),
      port: 0,
      version: 'tls',
      logStream: null,
      https: { cert: pem, key: readFileSync(key) },
    });
    try {
      const { token } = await server.services.tokens.createStationToken('S2');
      const none = await testCentralConnection({ serverUrl: server.url, token, fingerprint: null });
      expect(none).toMatchObject({ ok: false, problem: 'certificate' });
      expect(none.ok ? '' : none.message).toMatch(/^证书不受信任/);
      const wrong = await testCentralConnection({ serverUrl: server.url, token, fingerprint: 'ab'.repeat(32) });
      expect(wrong).toMatchObject({ ok: false, problem: 'certificate' });
      const pinned = new X509Certificate(pem).fingerprint256;
      expect(await testCentralConnection({ serverUrl: server.url, token, fingerprint: pinned })).toEqual({
        ok: true,
        version: 'tls',
      });
    } finally {
      await server.close();
      t.cleanup();
    }
  });
});

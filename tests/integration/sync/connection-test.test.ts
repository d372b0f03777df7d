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
import { central, type Central } from './sync-fixture';

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

import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startCentralServer, serverStats, type RunningCentralServer } from '../../../src/server';
import type { SyncStatus } from '../../../src/shared/contract/sync';
import { selfSignedCert } from '../../helpers/self-signed-cert';
import { tempDir } from '../../helpers/temp-dir';
import { completeOrder, station, type Station } from './sync-fixture';

// HTTPS with the server's self-signed certificate pinned by its SHA-256 fingerprint (encrypted transmission of the
// collected images): the right pin syncs, a wrong pin or no pin never sends anything and says why in Chinese.

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

let server: RunningCentralServer | null = null;
let st: Station | null = null;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await st?.close();
  await server?.close();
  for (const f of cleanups.splice(0)) f();
  st = server = null;
});

describe.skipIf(!hasOpenssl)('sync over HTTPS with a pinned certificate', () => {
  it('syncs with the right fingerprint; a wrong one or none is refused before anything is sent', async () => {
    const t = tempDir('central-tls-');
    cleanups.push(t.cleanup);
    const { cert, key } = selfSignedCert(t.dir);
    const pem = readFileSync(cert);
    const fingerprint = new X509Certificate(pem).fingerprint256; // AB:CD:… as openssl prints it
    server = await startCentralServer({
      dataDir: path.join(t.dir, 'srv'),
      port: 0,
      version: 'test',
      logStream: null,
      https: { cert: pem, key: readFileSync(key) },
    });
    expect(server.url).toMatch(/^https:/);
    const { token } = await server.services.tokens.createStationToken('S1');
    st = await station({ tuning: { maxIdleFailures: 2 } });
    await completeOrder(st, 0);

    // no pin: the system does not trust a self-signed certificate
    await st.call('sync.configure', { serverUrl: server.url, token });
    const noPin = await st.studio.sync.runOnce();
    expect(noPin.parked).toBeGreaterThan(0);
    expect((await st.call<SyncStatus>('sync.status', {})).parked[0]!.error).toContain('证书无法验证');

    // a wrong pin
    const wrong = 'ab'.repeat(32);
    await st.call('sync.configure', { serverUrl: server.url, token, fingerprint: wrong });
    const bad = await st.studio.sync.runOnce();
    expect(bad.parked).toBeGreaterThan(0);
    const status = await st.call<SyncStatus>('sync.status', {});
    expect(status.state).toBe('auth_failed');
    expect(status.parked[0]!.error).toContain('证书指纹与设置的不符');
    expect((await serverStats(server.services.central.db)).orders).toBe(0);

    // the right pin: everything goes, encrypted
    await st.call('sync.configure', { serverUrl: server.url, token, fingerprint });
    expect((await st.call<SyncStatus>('sync.status', {})).fingerprint).toBe(
      fingerprint.replace(/:/g, '').toLowerCase(),
    );
    const ok = await st.studio.sync.runOnce();
    expect(ok).toMatchObject({ pending: 0, parked: 0, ordersSent: 1, photosSent: 2 });
    expect(await serverStats(server.services.central.db)).toMatchObject({ orders: 1, photos: 2 });
  }, 60_000);
});

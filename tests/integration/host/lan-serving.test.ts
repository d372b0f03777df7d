import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../../src/main/core/studio';
import { startHost, type RunningHost } from '../../../src/main/host/host';
import { lanServingShell } from '../../../src/main/host/lan-shell';
import type { LanStatusView } from '../../../src/shared/contract/event-mode';
import { parsePairingQr } from '../../../src/shared/domain/shooting-queue';
import { recordsFixture, type RecordsFixture } from '../../helpers/records-fixture';
import { tempDir } from '../../helpers/temp-dir';

// 活动组网 › 对局域网开放 (lan.setServing) on a real `startHost` desk bound to 127.0.0.1, as `studio host` runs it:
// switched on, the desk answers on this machine's non-loopback interface address over HTTPS with a certificate
// made and kept in its data folder; a second station joins through that address with the pinned SHA-256; off, the
// address refuses again; on again (and after a restart of the host) it is the same port and certificate.

const ctx = { transport: 'cli' as const };
const lanIp =
  Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address ?? null;
if (!lanIp) console.warn('lan-serving: this machine has no non-loopback IPv4 interface — the LAN checks are skipped');

const uiDir = tempDir('studio-lan-ui-');
const stationDir = tempDir('studio-lan-station-');
let desk: RecordsFixture;
let host: RunningHost;
let station: Studio;
const st = <T>(method: string, payload: unknown) => station.dispatch(method, payload, ctx) as Promise<T>;

/** Connect over TCP: true when something listens there. */
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

/** One HTTPS GET, any certificate accepted: the status and the certificate the server presented. */
function get(url: string): Promise<{ status: number; fingerprint: string }> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { rejectUnauthorized: false, agent: false }, (res) => {
      const cert = (res.socket as TLSSocket).getPeerCertificate();
      res.resume();
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, fingerprint: cert.fingerprint256.replace(/:/g, '').toLowerCase() }),
      );
    });
    req.on('error', reject);
  });
}

beforeAll(async () => {
  desk = await recordsFixture();
  await desk.call('lan.setRoles', { roles: ['desk'], stationName: '登记台' });
  host = await startHost({ studio: desk.studio, rendererDir: uiDir.dir, port: 0 });
  await desk.studio.eventMode.serving.attach(
    lanServingShell(desk.studio, uiDir.dir, { bound: '127.0.0.1', advertise: false }),
  );
  station = createStudio({ dataDir: stationDir.dir, producer: null, log: () => {} });
}, 60_000);

afterAll(async () => {
  await desk.studio.eventMode.serving.detach();
  await host.close();
  await station.close();
  await desk.close();
  stationDir.cleanup();
  uiDir.cleanup();
});

describe('对局域网开放', () => {
  it('off: the desk serves 127.0.0.1 only, and says how to open it', async () => {
    const s = await desk.call<LanStatusView>('lan.status', {});
    expect(s.serving).toEqual({ available: true, on: false, addresses: [], port: null, fingerprint: null, note: null });
    const opened = await desk.call<LanStatusView>('lan.openPairing', { minutes: 5 });
    expect(opened.pairing!.addresses).toEqual([`http://127.0.0.1:${host.port}`]);
    if (lanIp) expect(await listening(lanIp, host.port)).toBe(false);
  });

  it.skipIf(!lanIp)(
    'on: HTTPS on the interface address; a station joins there with the pinned fingerprint',
    async () => {
      const s = await desk.call<LanStatusView>('lan.setServing', { on: true });
      const { port, fingerprint } = s.serving;
      expect(s.serving).toMatchObject({ available: true, on: true, note: null });
      expect(s.serving.addresses).toContain(`https://${lanIp}:${port}`);
      expect(s.serving.addresses.every((a) => !a.includes('127.0.0.1'))).toBe(true);
      // the certificate was made here and kept in the data folder
      const certFile = path.join(desk.dir, 'lan-tls', 'host-cert.pem');
      expect(existsSync(certFile)).toBe(true);
      expect(new X509Certificate(readFileSync(certFile)).fingerprint256.replace(/:/g, '').toLowerCase()).toBe(
        fingerprint,
      );
      // the desk answers on the non-loopback address, TLS with that certificate; its API wants the host token there
      const answer = await get(`https://${lanIp}:${port}/api/lan.status`);
      expect(answer).toEqual({ status: 401, fingerprint });
      // the pairing code now shows the LAN addresses and the fingerprint (also in the QR)
      const { pairing } = await desk.call<LanStatusView>('lan.status', {});
      expect(pairing!.addresses).toEqual(s.serving.addresses);
      expect(pairing!.fingerprint).toBe(fingerprint);
      expect(parsePairingQr(pairing!.qrPayload)).toMatchObject({ address: s.serving.addresses[0], fingerprint });

      const joined = await st<LanStatusView>('lan.join', {
        address: `https://${lanIp}:${port}`,
        code: pairing!.code,
        stationName: '拍摄位A',
        fingerprint: fingerprint!,
      });
      expect(joined).toMatchObject({ mode: 'joined', hostUrl: `https://${lanIp}:${port}` });
      expect((await desk.call<LanStatusView>('lan.status', {})).stations.map((x) => x.name)).toEqual(['拍摄位A']);
      const events = await st<{ events: unknown[] }>('queue.events', {});
      expect(Array.isArray(events.events)).toBe(true);
    },
  );

  it.skipIf(!lanIp)(
    'off closes the address; on again (and after a host restart) is the same port and certificate',
    async () => {
      const before = (await desk.call<LanStatusView>('lan.status', {})).serving;
      const off = await desk.call<LanStatusView>('lan.setServing', { on: false });
      expect(off.serving).toMatchObject({ on: false, addresses: [], fingerprint: null });
      expect(await listening(lanIp!, before.port!)).toBe(false);
      expect(off.pairing!.addresses).toEqual([`http://127.0.0.1:${host.port}`]);
      // the joined station is cut off now (its photos would wait), and back once the desk is open again
      await expect(st('queue.events', {})).rejects.toThrow(/连接不上主机/);

      const again = await desk.call<LanStatusView>('lan.setServing', { on: true });
      expect(again.serving).toMatchObject({ on: true, port: before.port, fingerprint: before.fingerprint });
      expect(await st<{ events: unknown[] }>('queue.events', {})).toHaveProperty('events');

      // the shell stops and starts again: the switch is remembered, the station's address and pin still hold
      await desk.studio.eventMode.serving.detach();
      expect(await listening(lanIp!, before.port!)).toBe(false);
      const pushed: LanStatusView[] = [];
      const off2 = desk.studio.bus.subscribe((e) => {
        if (e.name === 'lan.status') pushed.push(e.data as LanStatusView);
      });
      const back = await desk.studio.eventMode.serving.attach(
        lanServingShell(desk.studio, uiDir.dir, { bound: '127.0.0.1', advertise: false }),
      );
      expect(back).toMatchObject({ on: true, port: before.port, fingerprint: before.fingerprint });
      off2();
      expect(pushed.at(-1)?.serving).toMatchObject({ available: true, on: true }); // an open window learns it
      expect((await get(`https://${lanIp}:${before.port}/`)).fingerprint).toBe(before.fingerprint);
      expect(await st<{ events: unknown[] }>('queue.events', {})).toHaveProperty('events');
    },
  );

  it('a station that joined a host cannot open itself to the LAN; a host bound to the LAN already has no switch', async () => {
    if (lanIp) await expect(st('lan.setServing', { on: true })).rejects.toThrow(/已加入其他主机/);
    const other = await recordsFixture();
    const wide = await startHost({
      studio: other.studio,
      rendererDir: uiDir.dir,
      host: '0.0.0.0',
      port: 0,
      advertise: false,
    });
    try {
      const v = await other.studio.eventMode.serving.attach(
        lanServingShell(other.studio, uiDir.dir, { bound: '0.0.0.0', advertise: false }),
      );
      expect(v).toMatchObject({ available: false, on: true, port: wide.port });
      expect(v.note).toBe('本机启动时已设为对局域网开放（由技术人员设置）');
      await expect(other.call('lan.setServing', { on: false })).rejects.toThrow(/已设为对局域网开放/);
    } finally {
      await other.studio.eventMode.serving.detach();
      await wide.close();
      await other.close();
    }
  });
});

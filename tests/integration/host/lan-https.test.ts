import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../../src/main/core/studio';
import { certFingerprint, startHost, type RunningHost } from '../../../src/main/host/host';
import type { LanStatusView } from '../../../src/shared/contract/event-mode';
import { parsePairingQr } from '../../../src/shared/domain/shooting-queue';
import { recordsFixture, type RecordsFixture } from '../../helpers/records-fixture';
import { selfSignedCert } from '../../helpers/self-signed-cert';
import { tempDir } from '../../helpers/temp-dir';

// Event mode over HTTPS on 127.0.0.1: the desk hosts with a certificate made here (self-signed, Debian's openssl);
// the pairing code comes with the certificate's SHA-256 (also in the QR); the station pins it, pairs and calls over
// TLS — and refuses a host with another certificate (nothing sent), a typed https address without the fingerprint,
// and a plain-HTTP call is not what it makes.

const ctx = { transport: 'cli' as const };
const certs = tempDir('studio-lan-cert-');
const stationDir = tempDir('studio-station-tls-');
const otherDir = tempDir('studio-station-tls2-');
let desk: RecordsFixture;
let host: RunningHost;
let impostor: RunningHost;
let impostorStudio: RecordsFixture;
let station: Studio;
const st = <T>(method: string, payload: unknown) => station.dispatch(method, payload, ctx) as Promise<T>;

function makeCert(name: string): { cert: Buffer; key: Buffer } {
  const files = selfSignedCert(certs.dir, name, name);
  return { cert: readFileSync(files.cert), key: readFileSync(files.key) };
}

const deskCert = makeCert('desk');
const otherCert = makeCert('impostor');

beforeAll(async () => {
  desk = await recordsFixture();
  impostorStudio = await recordsFixture();
  await desk.call('lan.setRoles', { roles: ['desk'], stationName: '登记台' });
  host = await startHost({ studio: desk.studio, rendererDir: stationDir.dir, port: 0, https: deskCert });
  impostor = await startHost({ studio: impostorStudio.studio, rendererDir: otherDir.dir, port: 0, https: otherCert });
  station = createStudio({ dataDir: stationDir.dir, producer: null, log: () => {} });
}, 60_000);

afterAll(async () => {
  await host.close();
  await impostor.close();
  await station.close();
  await desk.close();
  await impostorStudio.close();
  stationDir.cleanup();
  otherDir.cleanup();
  certs.cleanup();
});

describe('event mode over HTTPS with a pinned certificate', () => {
  it('the host serves TLS; its pairing shows https addresses and the certificate SHA-256, also in the QR', async () => {
    expect(host.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const opened = await desk.call<LanStatusView>('lan.openPairing', { minutes: 5 });
    const fp = certFingerprint(deskCert.cert);
    expect(fp).toMatch(/^[0-9a-f]{64}$/);
    expect(opened.pairing!.fingerprint).toBe(fp);
    expect(opened.pairing!.addresses).toEqual([`https://127.0.0.1:${host.port}`]);
    expect(parsePairingQr(opened.pairing!.qrPayload)).toEqual({
      address: `https://127.0.0.1:${host.port}`,
      code: opened.pairing!.code,
      fingerprint: fp,
    });
    // plain HTTP on the TLS port gets nothing
    await expect(fetch(`http://127.0.0.1:${host.port}/lan/pair`, { method: 'POST', body: '{}' })).rejects.toThrow();
  });

  it('a typed https address needs the fingerprint', async () => {
    const { pairing } = await desk.call<LanStatusView>('lan.status', {});
    await expect(
      st('lan.join', { address: `https://127.0.0.1:${host.port}`, code: pairing!.code, stationName: '拍摄位A' }),
    ).rejects.toThrow(/证书指纹/);
    await expect(
      st('lan.join', {
        address: `https://127.0.0.1:${host.port}`,
        code: pairing!.code,
        stationName: '拍摄位A',
        fingerprint: 'abc',
      }),
    ).rejects.toThrow(/64 位十六进制/);
  });

  it('a host with another certificate is refused, and the code never reaches it', async () => {
    await impostorStudio.call('lan.openPairing', { minutes: 5 });
    const impostorCode = (await impostorStudio.call<LanStatusView>('lan.status', {})).pairing!.code;
    await expect(
      st('lan.join', {
        address: `https://127.0.0.1:${impostor.port}`,
        code: impostorCode,
        stationName: '拍摄位A',
        fingerprint: certFingerprint(deskCert.cert),
      }),
    ).rejects.toThrow(/证书指纹与主机 .* 的证书不一致：未连接/);
    expect((await impostorStudio.call<LanStatusView>('lan.status', {})).stations).toEqual([]);
    expect((await st<LanStatusView>('lan.status', {})).mode).toBe('standalone');
  });

  it('pairs from the QR (address, code, fingerprint) and calls over TLS', async () => {
    const { pairing } = await desk.call<LanStatusView>('lan.status', {});
    const s = await st<LanStatusView>('lan.join', {
      address: pairing!.qrPayload,
      code: pairing!.code,
      stationName: '拍摄位A',
    });
    expect(s).toMatchObject({ mode: 'joined', online: true, hostUrl: `https://127.0.0.1:${host.port}` });
    const events = await st<{ events: { id: string }[] }>('queue.events', {});
    expect(events.events.map((e) => e.id)).toContain(desk.event.id);
    expect((await desk.call<LanStatusView>('lan.status', {})).stations.map((x) => x.name)).toEqual(['拍摄位A']);
  });

  it('a host answering later with another certificate is refused: the station goes offline, sends nothing', async () => {
    // the link points at the impostor's port now (as if another machine took the host's address)
    station.records.settings.set('lan_host_url', `https://127.0.0.1:${impostor.port}`);
    const events = await st<{ events: unknown[] }>('queue.events', {}).catch((e: Error) => e);
    expect(events).toBeInstanceOf(Error);
    expect((events as Error).message).toMatch(/连接不上主机/);
    const status = await st<LanStatusView>('lan.status', {});
    expect(status.online).toBe(false);
    expect(status.lastError).toMatch(/证书与配对时给出的指纹不一致/);
    station.records.settings.set('lan_host_url', `https://127.0.0.1:${host.port}`);
    await st('queue.events', {});
    expect((await st<LanStatusView>('lan.status', {})).online).toBe(true);
  });

  it('joins by a typed address and the typed fingerprint (as shown: grouped, upper case); a wrong one is refused at the field', async () => {
    await st('lan.leave', {});
    const { pairing } = await desk.call<LanStatusView>('lan.status', {});
    const fp = certFingerprint(deskCert.cert);
    const shown = fp.toUpperCase().match(/.{4}/g)!.join(' ');
    const typed = `127.0.0.1:${host.port}`; // no scheme: a typed fingerprint means https
    const wrong = await st('lan.join', {
      address: typed,
      code: pairing!.code,
      stationName: '拍摄位B',
      fingerprint: certFingerprint(otherCert.cert),
    }).catch((e: unknown) => e);
    expect(wrong).toMatchObject({ code: 'forbidden', field: 'fingerprint' });
    expect((wrong as Error).message).toMatch(/证书指纹与主机 https:\/\/127\.0\.0\.1:\d+ 的证书不一致：未连接/);
    expect((await st<LanStatusView>('lan.status', {})).mode).toBe('standalone');
    // a fingerprint beside a plain http:// address is not silently dropped
    await expect(
      st('lan.join', { address: `http://${typed}`, code: pairing!.code, stationName: '拍摄位B', fingerprint: shown }),
    ).rejects.toMatchObject({ field: 'fingerprint', message: expect.stringMatching(/https:\/\//) });

    const s = await st<LanStatusView>('lan.join', {
      address: typed,
      code: pairing!.code,
      stationName: '拍摄位B',
      fingerprint: shown,
    });
    expect(s).toMatchObject({ mode: 'joined', online: true, hostUrl: `https://127.0.0.1:${host.port}` });
    expect(station.records.settings.get('lan_host_fingerprint')).toBe(fp);
    expect((await st<{ events: { id: string }[] }>('queue.events', {})).events.map((e) => e.id)).toContain(
      desk.event.id,
    );
  });
});

import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoStudent } from '../../../src/main/checkin/demo-students';
import { createStudio, type Studio } from '../../../src/main/core/studio';
import { startHost, type RunningHost } from '../../../src/main/host/host';
import type { BindResult, LanStatusView, TicketView } from '../../../src/shared/contract/event-mode';
import { FEATURE_CODE, recordsFixture, testJpeg, type RecordsFixture } from '../../helpers/records-fixture';
import { tempDir } from '../../helpers/temp-dir';

// Offline 拍摄号 (issue 13): a capture station cut off from the desk (the LAN host) keeps working on its local queue —
// the last queue it saw plus numbers it issues from its own block (2-001, …) for a student whose 采集码 is scanned
// and who has no number there — and keeps every binding. On return the numbers are merged (idempotent), then the
// bindings; a number whose student already had a desk number joins that one (one number per student); a number
// whose student the desk has not registered yet waits, and is linked when the desk issues for that student. Asserted: no 拍摄号 doubled or lost, every photo on the order of the student who was scanned.

const ctx = { transport: 'cli' as const };
let desk: RecordsFixture;
let host: RunningHost;
let port: number;
const stationDir = tempDir('studio-offline-station-');
let station: Studio;
const st = <T>(method: string, payload: unknown) => station.dispatch(method, payload, ctx) as Promise<T>;
const orderOf = new Map<number, string>();
/** sha256 of each photo taken → the demo student who stood there. */
const shotOf = new Map<string, number>();

async function checkIn(i: number): Promise<string> {
  const s = demoStudent(i);
  const r = await desk.call<{ order: { id: string } }>('checkin.submit', {
    eventId: desk.event.id,
    source: 'qr',
    payload: s.payload,
    featureCode: FEATURE_CODE,
    idLast4: s.idNumber.slice(-4),
    email: 'student@example.com',
    phone: '13812345678',
    operator: '登记员',
  });
  orderOf.set(i, r.order.id);
  return r.order.id;
}

const issue = (i: number) =>
  desk.call<TicketView>('queue.issue', { eventId: desk.event.id, orderId: orderOf.get(i), operator: '登记员' });

async function shoot(i: number, t: TicketView, by: 'ticket_qr' | 'collection_code', seed: number) {
  const jpeg = await testJpeg(seed);
  shotOf.set(createHash('sha256').update(jpeg).digest('hex'), i);
  return st<BindResult>('queue.bind', {
    eventId: desk.event.id,
    ticketId: t.id,
    by,
    proof: by === 'ticket_qr' ? t.qrPayload : demoStudent(i).payload,
    imageBase64: jpeg.toString('base64'),
    operator: '摄影师',
  });
}

const identify = (i: number, ticketId?: string) =>
  st<TicketView>('queue.identify', {
    eventId: desk.event.id,
    by: 'collection_code',
    proof: demoStudent(i).payload,
    operator: '摄影师',
    ...(ticketId ? { ticketId } : {}),
  });

const openStation = () => createStudio({ dataDir: stationDir.dir, producer: null, log: () => {} });

beforeAll(async () => {
  desk = await recordsFixture();
  host = await startHost({ studio: desk.studio, rendererDir: stationDir.dir, port: 0 });
  port = host.port;
  station = openStation();
  for (let i = 0; i < 3; i++) await checkIn(i);
}, 60_000);

afterAll(async () => {
  await host.close();
  await station.close();
  desk.close();
  stationDir.cleanup();
});

describe('event mode: a capture station cut off from the desk', () => {
  const hostTickets: TicketView[] = [];
  const offline: TicketView[] = [];

  it('pairs and sees the queue (001–003)', async () => {
    for (let i = 0; i < 3; i++) hostTickets.push(await issue(i));
    const { pairing } = await desk.call<LanStatusView>('lan.openPairing', { minutes: 5 });
    await st('lan.join', { address: `127.0.0.1:${port}`, code: pairing!.code, stationName: '拍摄位A' });
    const { tickets } = await st<{ tickets: TicketView[] }>('queue.list', { eventId: desk.event.id });
    expect(tickets.map((t) => t.label)).toEqual(['001', '002', '003']);
  });

  it('cut off: binds from the local queue and issues numbers of its own block', async () => {
    await host.close();
    // at the desk the line goes on: student 3 is registered and gets 004, student 5 gets 005 (the station sees neither)
    await checkIn(3);
    hostTickets.push(await issue(3));
    await checkIn(5);
    hostTickets.push(await issue(5));

    // 001 by its ticket QR (in the local queue)
    expect((await shoot(0, hostTickets[0]!, 'ticket_qr', 1)).status).toBe('pending');
    // 005 by its printed QR, a number issued after the cut: kept, checked by the host on arrival
    const t5 = await st<TicketView>('queue.identify', {
      eventId: desk.event.id,
      by: 'ticket_qr',
      proof: hostTickets[4]!.qrPayload,
    });
    expect(t5.label).toBe('005');
    expect((await shoot(5, t5, 'ticket_qr', 2)).status).toBe('pending');
    // student 3 (registered after the cut, number unknown here) and student 4 (not registered at all) by 采集码
    const a = await identify(3);
    const b = await identify(4);
    expect([a.label, b.label]).toEqual(['2-001', '2-002']);
    expect(a).toMatchObject({ issuedOffline: true, studentNo: demoStudent(3).fields.no, orderId: null });
    // the same student scanned again: the same number, never a second one
    expect((await identify(3)).id).toBe(a.id);
    // the scan must name the ticket
    await expect(identify(4, a.id)).rejects.toThrow(/不是拍摄号的学生/);
    offline.push(a, b);
    expect((await shoot(3, a, 'collection_code', 3)).status).toBe('pending');
    expect((await shoot(4, b, 'collection_code', 4)).status).toBe('pending');
    expect((await shoot(4, b, 'collection_code', 5)).status).toBe('pending'); // a retake
    const s = await st<LanStatusView>('lan.status', {});
    expect(s.online).toBe(false);
    const { tickets } = await st<{ tickets: TicketView[] }>('queue.list', { eventId: desk.event.id });
    expect(tickets.map((t) => `${t.label}:${t.state}`)).toEqual([
      '001:bound',
      '002:waiting',
      '003:waiting',
      '2-001:bound',
      '2-002:bound',
    ]);
  });

  it('a restart while cut off keeps the local queue and the block goes on (2-003)', async () => {
    await station.close();
    station = openStation();
    const { tickets } = await st<{ tickets: TicketView[] }>('queue.list', { eventId: desk.event.id });
    expect(tickets.map((t) => t.label)).toEqual(['001', '002', '003', '2-001', '2-002']);
    const c = await identify(6);
    expect(c.label).toBe('2-003');
    offline.push(c);
    expect((await shoot(6, c, 'collection_code', 6)).status).toBe('pending');
    expect((await st<LanStatusView>('lan.status', {})).pending).toBe(3 + 6); // 3 numbers + 6 photos
  });

  it('back on the LAN: numbers merged, photos bound to the scanned students; unregistered ones wait', async () => {
    host = await startHost({ studio: desk.studio, rendererDir: stationDir.dir, port });
    let s = await st<LanStatusView>('lan.flush', {});
    expect(s.refused).toEqual([]);
    // 2-002 and 2-003: students 4 and 6 are not registered yet — their numbers and 3 photos wait on the station
    expect(s.pending).toBe(2 + 2 + 1);
    const { tickets } = await desk.call<{ tickets: TicketView[] }>('queue.list', { eventId: desk.event.id });
    const byLabel = new Map(tickets.map((t) => [t.label, t]));
    // student 3 already had the desk's 004 (issued during the cut): 2-001 joins it — one number per student
    expect(byLabel.has('2-001')).toBe(false);
    expect(byLabel.get('004')).toMatchObject({ orderId: orderOf.get(3), state: 'bound', bindings: 1 });
    expect(byLabel.get('2-002')).toMatchObject({
      orderId: null,
      state: 'waiting',
      issuedOffline: true,
      issuedBy: '拍摄位A（2 号机）',
    });

    // the desk registers student 4 and issues: it gets the station's number 2-002, not a new one
    await checkIn(4);
    expect((await issue(4)).label).toBe('2-002');
    await checkIn(6);
    expect((await issue(6)).label).toBe('2-003');
    s = await st<LanStatusView>('lan.flush', {});
    expect(s).toMatchObject({ pending: 0, refused: [], online: true });
  });

  it('no 拍摄号 doubled or lost; every photo on the scanned student’s order; a resent merge changes nothing', async () => {
    const link = station.eventMode.client.link()!;
    const again = await fetch(`${host.url}/lan/api/queue.merge`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${link.token}` },
      body: JSON.stringify({
        tickets: offline.map((t, k) => ({
          id: t.id,
          eventId: t.eventId,
          label: t.label,
          block: 2,
          seq: k + 1,
          issuedAt: t.issuedAt,
          orderId: null,
          collectionCode: null,
          studentNo: t.studentNo,
          nameMasked: t.nameMasked,
          classLabel: t.classLabel,
          operator: '摄影师',
        })),
      }),
    });
    expect(again.status).toBe(200);
    const r = (await again.json()) as { results: { status: string; label: string }[] };
    // 2-001 again stands for 004; 2-002 and 2-003 are there already: nothing inserted
    expect(r.results.map((x) => `${x.status}:${x.label}`).sort()).toEqual([
      'already:2-002',
      'already:2-003',
      'merged:004',
    ]);

    const { tickets } = await desk.call<{ tickets: TicketView[] }>('queue.list', { eventId: desk.event.id });
    const labels = tickets.map((t) => t.label).sort();
    expect(labels).toEqual(['001', '002', '003', '004', '005', '2-002', '2-003']);
    expect(new Set(tickets.map((t) => t.orderId)).size).toBe(tickets.length); // one number per student
    expect(new Set(labels).size).toBe(labels.length);

    const { bindings } = await desk.call<{
      bindings: { sha256: string; orderId: string; ticketLabel: string; offline: boolean; identifiedBy: string }[];
    }>('queue.bindings', { eventId: desk.event.id });
    expect(bindings).toHaveLength(shotOf.size);
    for (const b of bindings) {
      expect(b.orderId).toBe(orderOf.get(shotOf.get(b.sha256)!));
      expect(b.offline).toBe(true);
    }
    expect(bindings.map((b) => b.ticketLabel).sort()).toEqual(['001', '004', '005', '2-002', '2-002', '2-003']);
    // the photos are on those orders at the desk
    for (const [sha, i] of shotOf) {
      const { photos } = await desk.call<{ photos: { sha256: string; kind: string }[] }>('photos.list', {
        orderId: orderOf.get(i),
      });
      expect(photos.some((p) => p.kind === 'original' && p.sha256 === sha)).toBe(true);
    }
    // 统计 per station: the six photos were taken (and bound after the scan) at 拍摄位A, one of them a retake
    const stats = await desk.call<{
      stations: { station: string; captures: number; bound: number; retakes: number }[];
    }>('stats.event', { eventId: desk.event.id });
    // the class 收费条 / cashier check: everyone registered is on a slip; the five photographed still owe their fee
    const slips = await desk.call<{
      classes: { registered: number; shot: number; openFen: number; shotUnpaid: { ticketLabel: string | null }[] }[];
    }>('queue.classSlips', { eventId: desk.event.id });
    expect(slips.classes.reduce((n, c) => n + c.registered, 0)).toBe(7);
    expect(slips.classes.reduce((n, c) => n + c.shot, 0)).toBe(5);
    expect(slips.classes.flatMap((c) => c.shotUnpaid.map((x) => x.ticketLabel)).sort()).toEqual([
      '001',
      '004',
      '005',
      '2-002',
      '2-003',
    ]);
    expect(stats.stations).toEqual([
      expect.objectContaining({ station: '拍摄位A（2 号机）', students: 5, captures: 6, bound: 6, retakes: 1 }),
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoStudent } from '../../../src/main/checkin/demo-students';
import { createStudio, type Studio } from '../../../src/main/core/studio';
import { startHost, type RunningHost } from '../../../src/main/host/host';
import { ticketQrPayload } from '../../../src/shared/domain/shooting-queue';
import type { BindResult, LanStatusView, TicketView } from '../../../src/shared/contract/event-mode';
import { FEATURE_CODE, recordsFixture, testJpeg, type RecordsFixture } from '../../helpers/records-fixture';
import { tempDir } from '../../helpers/temp-dir';

// Event mode in one process, over real HTTP on 127.0.0.1: a desk hosting the queue, a capture station that pairs
// with the typed address and the code, calls, identifies, binds — and keeps binding while the host is down.

const ctx = { transport: 'cli' as const };
let desk: RecordsFixture;
let host: RunningHost;
let port: number;
const stationDir = tempDir('studio-station-');
let station: Studio;
const st = <T>(method: string, payload: unknown) => station.dispatch(method, payload, ctx) as Promise<T>;
const orders: string[] = [];

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
  return r.order.id;
}

beforeAll(async () => {
  desk = await recordsFixture();
  host = await startHost({ studio: desk.studio, rendererDir: stationDir.dir, port: 0 });
  port = host.port;
  station = createStudio({ dataDir: stationDir.dir, producer: null, log: () => {} });
  for (let i = 0; i < 4; i++) orders.push(await checkIn(i));
}, 60_000);

afterAll(async () => {
  await host.close();
  await station.close();
  await desk.close();
  stationDir.cleanup();
});

describe('event mode: queue on the desk, a capture station over the LAN', () => {
  const tickets: TicketView[] = [];

  it('the desk issues 拍摄号 in order, once per student', async () => {
    for (const id of orders)
      tickets.push(
        await desk.call<TicketView>('queue.issue', { eventId: desk.event.id, orderId: id, operator: '登记员' }),
      );
    expect(tickets.map((t) => t.label)).toEqual(['001', '002', '003', '004']);
    const again = await desk.call<TicketView>('queue.issue', {
      eventId: desk.event.id,
      orderId: orders[0],
      operator: '登记员',
    });
    expect(again.id).toBe(tickets[0]!.id);
    expect(tickets[0]!.nameMasked).toContain('*');
    expect(tickets[0]!.qrPayload).toBe(ticketQrPayload(tickets[0]!.id, '001'));
  });

  it('no LAN call without a station token; no pairing without the open code', async () => {
    const post = (path: string, body: unknown, token?: string) =>
      fetch(`${host.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    expect((await post('/lan/api/queue.list', { eventId: desk.event.id })).status).toBe(401);
    expect((await post('/lan/api/queue.list', { eventId: desk.event.id }, 'made-up')).status).toBe(401);
    const closed = await post('/lan/pair', { code: '123456', stationName: 'x' });
    expect(closed.status).toBe(401);
    expect(JSON.stringify(await closed.json())).toContain('未开放配对');
  });

  it('pairs with the typed address and the code; the station gets number 2', async () => {
    const opened = await desk.call<LanStatusView>('lan.openPairing', { minutes: 5 });
    const code = opened.pairing!.code;
    await expect(
      st('lan.join', {
        address: `127.0.0.1:${port}`,
        code: '000000' === code ? '111111' : '000000',
        stationName: '拍摄位A',
      }),
    ).rejects.toThrow(/配对码不正确/);
    const s = await st<LanStatusView>('lan.join', { address: `127.0.0.1:${port}`, code, stationName: '拍摄位A' });
    expect(s).toMatchObject({ mode: 'joined', stationNo: 2, online: true, hostUrl: `http://127.0.0.1:${port}` });
    const d = await desk.call<LanStatusView>('lan.status', {});
    expect(d.mode).toBe('host');
    expect(d.stations.map((x) => x.name)).toEqual(['拍摄位A']);
  });

  it('the station calls the next number and binds only after the right ticket QR', async () => {
    const events = await st<{ events: { id: string }[] }>('queue.events', {});
    expect(events.events.map((e) => e.id)).toContain(desk.event.id);
    const called = await st<{ ticket: TicketView }>('queue.callNext', { eventId: desk.event.id, operator: '摄影师' });
    expect(called.ticket.label).toBe('001');
    expect(called.ticket.calledBy).toBe('拍摄位A（2 号机）');
    const jpeg = (await testJpeg(1)).toString('base64');
    const bind = (ticketId: string, proof: string, by = 'ticket_qr') =>
      st<BindResult>('queue.bind', {
        eventId: desk.event.id,
        ticketId,
        by,
        proof,
        imageBase64: jpeg,
        operator: '摄影师',
      });
    await expect(bind(tickets[0]!.id, tickets[1]!.qrPayload)).rejects.toThrow(/扫描的是拍摄号 002，不是 001/);
    const ok = await bind(tickets[0]!.id, tickets[0]!.qrPayload);
    expect(ok.status).toBe('bound');
    expect(ok.binding).toMatchObject({
      orderId: orders[0],
      identifiedBy: 'ticket_qr',
      proof: '001',
      station: '拍摄位A（2 号机）',
      operator: '摄影师',
      offline: false,
    });
    expect(ok.ticket!.state).toBe('bound');
    const photos = await desk.call<{ photos: { id: string; kind: string }[] }>('photos.list', { orderId: orders[0] });
    expect(photos.photos.map((p) => p.id)).toContain(ok.binding!.photoId);
    // by 采集码 (the full CSQR1 payload scanned again at the station)
    const byCode = await bind(tickets[1]!.id, demoStudent(1).payload, 'collection_code');
    expect(byCode.binding).toMatchObject({ orderId: orders[1], identifiedBy: 'collection_code' });
    await expect(bind(tickets[2]!.id, demoStudent(1).payload, 'collection_code')).rejects.toThrow(/不是拍摄号 003/);
  });

  it('skip, recall, 离开队伍 are recorded with the station', async () => {
    const t = tickets[2]!;
    await st('queue.act', { ticketId: t.id, action: 'call', operator: '摄影师' });
    expect((await st<TicketView>('queue.act', { ticketId: t.id, action: 'skip', operator: '摄影师' })).state).toBe(
      'skipped',
    );
    expect((await st<TicketView>('queue.act', { ticketId: t.id, action: 'recall', operator: '摄影师' })).state).toBe(
      'recalled',
    );
    const next = await st<{ ticket: TicketView }>('queue.callNext', { eventId: desk.event.id, operator: '摄影师' });
    expect(next.ticket.id).toBe(t.id); // a recalled number goes first
    expect((await st<TicketView>('queue.act', { ticketId: t.id, action: 'leave', operator: '摄影师' })).state).toBe(
      'left',
    );
    await expect(st('queue.act', { ticketId: t.id, action: 'skip', operator: '摄影师' })).rejects.toThrow(/离开队伍/);
    const h = await desk.call<{ transitions: { action: string; station: string }[] }>('queue.history', {
      ticketId: t.id,
    });
    expect(h.transitions.map((x) => x.action)).toEqual(['issue', 'call', 'skip', 'recall', 'call', 'leave']);
    expect(h.transitions[1]!.station).toBe('拍摄位A（2 号机）');
  });

  it('host down: the station keeps the photo and its binding, sends it once when the host is back', async () => {
    await st('queue.list', { eventId: desk.event.id }); // the station's queue view polls this
    await host.close();
    const t = tickets[3]!;
    const jpeg = (await testJpeg(4)).toString('base64');
    const req = {
      eventId: desk.event.id,
      ticketId: t.id,
      by: 'ticket_qr',
      proof: t.qrPayload,
      imageBase64: jpeg,
      operator: '摄影师',
    };
    const list = await st<{ tickets: TicketView[] }>('queue.list', { eventId: desk.event.id });
    expect(list.tickets.length).toBe(4); // the last queue seen
    const pending = await st<BindResult>('queue.bind', req);
    expect(pending.status).toBe('pending');
    expect((await st<LanStatusView>('lan.status', {})).pending).toBe(1);
    host = await startHost({ studio: desk.studio, rendererDir: stationDir.dir, port });
    const after = await st<LanStatusView>('lan.flush', {});
    expect(after).toMatchObject({ pending: 0, online: true, refused: [] });
    // sent again with the same binding id (a retry after a cut): stored once
    const again = await st<BindResult>('queue.bind', { ...req, bindingId: pending.bindingId });
    expect(again.status).toBe('bound');
    const b = await desk.call<{ bindings: { orderId: string; offline: boolean; id: string }[] }>('queue.bindings', {
      eventId: desk.event.id,
      orderId: orders[3],
    });
    expect(b.bindings).toHaveLength(1);
    expect(b.bindings[0]).toMatchObject({ id: pending.bindingId, offline: true });
  });

  it('a bind guard (face consistency hook) warns before binding; confirmed, the warning is kept', async () => {
    desk.studio.eventMode.guards.push((c) => (c.orderId === orders[0] ? ['人脸与该学生之前的照片不一致'] : []));
    const req = {
      eventId: desk.event.id,
      ticketId: tickets[0]!.id,
      by: 'name_confirmed',
      proof: tickets[0]!.nameMasked,
      imageBase64: (await testJpeg(9)).toString('base64'),
      operator: '摄影师',
    };
    const warned = await st<BindResult>('queue.bind', req);
    expect(warned).toMatchObject({ status: 'warning', warnings: ['人脸与该学生之前的照片不一致'], binding: null });
    expect((await st<LanStatusView>('lan.status', {})).refused).toEqual([]); // shown now, not left to 处理
    const confirmed = await st<BindResult>('queue.bind', {
      ...req,
      bindingId: warned.bindingId,
      confirmWarnings: true,
    });
    expect(confirmed.binding).toMatchObject({
      identifiedBy: 'name_confirmed',
      warnings: ['人脸与该学生之前的照片不一致'],
    });
    desk.studio.eventMode.guards.length = 0;
  });
});

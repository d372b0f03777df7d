import { afterEach, describe, expect, it } from 'vitest';
import {
  central,
  completeOrder,
  configure,
  serverSide,
  station,
  stationSide,
  type Central,
  type Station,
} from './sync-fixture';
import type { SyncStatus } from '../../../src/shared/contract/sync';
import type { OrderView } from '../../../src/shared/contract/views';

// The station's sync client against the reference server over loopback: orders and photos arrive once with the
// same sha256 on both sides, replays change nothing, reviews come back through the state machine, a refused
// token parks with a Chinese message and nothing is lost.

let c: Central | null = null;
let st: Station | null = null;
afterEach(async () => {
  await st?.close();
  await c?.close();
  st = c = null;
});

function expectSameSides(stationRows: ReturnType<typeof stationSide>, server: Awaited<ReturnType<typeof serverSide>>) {
  expect(server.orders).toHaveLength(stationRows.length);
  for (const o of stationRows) {
    const s = server.orders.find((x) => x.uuid === o.id);
    expect(s, o.order_no).toBeDefined();
    expect(s!.orderNo).toBe(o.order_no);
    expect(s!.state).toBe(o.state);
    expect(s!.revision).toBe(o.revision);
    expect(s!.finalPhotoSha256).toBe(o.final_sha);
    expect(s!.finalPhotoStored).toBe(true);
    expect(s!.fileSha).toBe(o.fileSha); // the server's bytes hash to what the station holds
    expect(o.fileSha).toBe(o.final_sha);
  }
}

describe('sync: station → central server', () => {
  it('sends every order and photo once; a second run and a replay send nothing new', async () => {
    c = await central();
    st = await station();
    for (let i = 0; i < 5; i++) expect((await completeOrder(st, i)).state).toBe('pending_review');
    const before = await st.call<SyncStatus>('sync.status', {});
    expect(before).toMatchObject({ configured: false, localReview: true, reviewModeLabel: '本机审核' });
    expect(before.pending).toBeGreaterThan(0);

    await configure(st, c);
    const status = await st.call<SyncStatus>('sync.status', {});
    expect(status.tokenHint).toBe(`…${c.token.slice(-4)}`);
    expect(JSON.stringify(status)).not.toContain(c.token);
    expect(status.localReview).toBe(false);

    const run = await st.studio.sync.runOnce();
    expect(run).toMatchObject({ pending: 0, parked: 0, ordersSent: 5 });
    expect(run.sent).toBe(before.pending);
    const side = await serverSide(c);
    expectSameSides(stationSide(st), side);
    // originals and finals: 10 distinct photos
    expect(side.stats.photos).toBe(10);
    const uploaded = side.stats.photoBytes;

    // nothing pending: nothing is sent again
    const again = await st.studio.sync.runOnce();
    expect(again).toMatchObject({ sent: 0, ordersSent: 0, photosSent: 0, bytesSent: 0 });

    // the same push delivered twice → one order: re-queue everything (as after a crash before the ack)
    st.studio.db.prepare("UPDATE outbox SET status = 'pending'").run();
    st.studio.db.prepare("UPDATE sync_uploads SET status = 'pending'").run();
    const replay = await st.studio.sync.runOnce();
    expect(replay.ordersSent).toBe(5);
    expect(replay.bytesSent).toBe(0); // HEAD says complete: no photo byte goes again
    const side2 = await serverSide(c);
    expect(side2.stats).toMatchObject({ orders: 5, photos: 10, photoBytes: uploaded });
    expectSameSides(stationSide(st), side2);
  });

  it('orders sharing one photo file (same sha256) upload it once, even in flight at the same time', async () => {
    c = await central();
    st = await station();
    for (let i = 0; i < 4; i++) await completeOrder(st, i, { w: 300, h: 375 }, 99); // one capture file for all
    await configure(st, c);
    const run = await st.studio.sync.runOnce();
    expect(run).toMatchObject({ pending: 0, parked: 0, ordersSent: 4, photosSent: 2 });
    const side = await serverSide(c);
    expect(side.stats).toMatchObject({ orders: 4, photos: 2 });
    expectSameSides(stationSide(st), side);
  });

  it('a later change sends a newer revision; an older revision never overwrites it (409 = done)', async () => {
    c = await central();
    st = await station();
    const o = await completeOrder(st, 0);
    await configure(st, c);
    await st.studio.sync.runOnce();
    const r1 = (await serverSide(c)).orders[0]!.revision;
    await st.call('orders.updateShipping', {
      orderId: o.id,
      shippingRegion: '山东省济南市',
      shippingAddress: '文化东路88号',
      operator: '张老师',
    });
    await st.studio.sync.runOnce();
    const r2 = (await serverSide(c)).orders[0]!.revision;
    expect(r2).toBeGreaterThan(r1);
    // an older snapshot arriving late (a stale retry): the station pretends its revision is older
    st.studio.db.prepare('UPDATE orders SET revision = ? WHERE id = ?').run(r1, o.id);
    st.studio.db.prepare("UPDATE outbox SET status = 'pending'").run();
    const late = await st.studio.sync.runOnce();
    expect(late).toMatchObject({ pending: 0, parked: 0 });
    expect((await serverSide(c)).orders[0]!.revision).toBe(r2);
  });

  it('审核驳回 from the centre puts the order in the retake queue with its reason; 审核通过 → 待制作', async () => {
    c = await central();
    st = await station();
    const a = await completeOrder(st, 0);
    const b = await completeOrder(st, 1);
    await configure(st, c);
    await st.studio.sync.runOnce();
    const pushes: string[] = [];
    st.studio.bus.subscribe((e) => {
      if (e.name === 'order.updated') pushes.push(`${(e.data as OrderView).orderNo}:${(e.data as OrderView).state}`);
    });
    await c.server.services.reviews.decide({
      orderUuid: a.id,
      decision: 'rejected',
      reasonCode: 'glasses_glare',
      reasonText: '请摘下眼镜重拍',
      reviewer: '李审核',
    });
    await c.server.services.reviews.decide({ orderUuid: b.id, decision: 'approved', reviewer: '李审核' });
    const run = await st.studio.sync.runOnce();
    expect(run.reviewsApplied).toBe(2);
    const ra = await st.call<{ order: OrderView; history: { action: string; actor: string; reason: string }[] }>(
      'orders.get',
      { orderId: a.id },
    );
    expect(ra.order.state).toBe('rejected');
    expect(ra.order.rejectReason).toBe('眼镜反光：请摘下眼镜重拍');
    expect(ra.history.at(-1)).toMatchObject({ action: 'reject', actor: '李审核' });
    const rb = await st.call<{ order: OrderView }>('orders.get', { orderId: b.id });
    expect(rb.order.state).toBe('approved');
    expect(pushes).toEqual(expect.arrayContaining([`${a.orderNo}:rejected`, `${b.orderNo}:approved`]));
    // the retake queue: rejected orders of the event
    const queue = await st.call<{ orders: OrderView[] }>('orders.list', { eventId: st.event.id, state: 'rejected' });
    expect(queue.orders.map((o) => o.id)).toEqual([a.id]);
    // applied once: a second pull changes nothing
    expect((await st.studio.sync.runOnce()).reviewsApplied).toBe(0);
    // the new states went back to the centre
    const side = await serverSide(c);
    expect(side.orders.find((o) => o.uuid === a.id)!.state).toBe('rejected');
    expect(side.orders.find((o) => o.uuid === b.id)!.state).toBe('approved');
  });

  it('with a server the station does not review itself; without one 本机审核 remains', async () => {
    c = await central();
    st = await station();
    const a = await completeOrder(st, 0);
    await configure(st, c);
    const err = await st.call('orders.review', { orderId: a.id, decision: 'approve', operator: '张老师' }).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toContain('中心审核员');
    await st.call('sync.configure', { serverUrl: null });
    expect((await st.call<SyncStatus>('sync.status', {})).reviewModeLabel).toBe('本机审核');
    const ok = await st.call<OrderView>('orders.review', { orderId: a.id, decision: 'approve', operator: '张老师' });
    expect(ok.state).toBe('approved');
  });

  it('a wrong or revoked token parks with a clear Chinese message; nothing is lost; a new token delivers all', async () => {
    c = await central();
    st = await station();
    for (let i = 0; i < 3; i++) await completeOrder(st, i);
    await configure(st, c, 'wrong-token-0000000000');
    const run = await st.studio.sync.runOnce();
    expect(run.parked).toBeGreaterThan(0);
    const status = await st.call<SyncStatus>('sync.status', {});
    expect(status.state).toBe('auth_failed');
    expect(status.parked[0]!.error).toContain('令牌错误或已被吊销');
    expect(run.pending + run.parked).toBe(status.pending + status.parkedCount);
    expect((await serverSide(c)).stats.orders).toBe(0);

    // the right token: the parked items go back in the queue and everything arrives
    await configure(st, c);
    const ok = await st.studio.sync.runOnce();
    expect(ok).toMatchObject({ pending: 0, parked: 0, ordersSent: 3 });
    expectSameSides(stationSide(st), await serverSide(c));

    // revoked afterwards: the next change parks, and is kept
    await c.server.services.tokens.revoke({ station: 'S1' });
    await st.call('orders.updateShipping', {
      orderId: stationSide(st)[0]!.id,
      shippingRegion: '山东省',
      shippingAddress: '一号',
      operator: '张老师',
    });
    const revoked = await st.studio.sync.runOnce();
    expect(revoked.parked).toBe(1);
    expect((await st.call<SyncStatus>('sync.status', {})).parked[0]!.error).toContain('吊销');
    const { token } = await c.server.services.tokens.createStationToken('S1');
    await st.call('sync.configure', { serverUrl: c.url, token });
    expect(await st.studio.sync.runOnce()).toMatchObject({ pending: 0, parked: 0, ordersSent: 1 });
  });
});

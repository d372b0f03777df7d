import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../src/shared/contract/sync';
import type { OrderView } from '../../../src/shared/contract/views';
import { faultProxy, type FaultProxy } from './fault-proxy';
import { central, completeOrder, serverSide, station, stationSide, type Central, type Station } from './sync-fixture';

// sync.configure with ANOTHER server URL: what the old server acknowledged (orders, photos, upload URLs, review
// cursor) means nothing to the new one — it must get every order and every photo again, and its own review
// decisions (whose cursors repeat the old server's) must be applied. The same server again changes nothing.

let a: Central | null = null;
let b: Central | null = null;
let st: Station | null = null;
let proxy: FaultProxy | null = null;
afterEach(async () => {
  await st?.close();
  await proxy?.close();
  await a?.close();
  await b?.close();
  st = a = b = proxy = null;
});

async function expectHoldsAll(st: Station, c: Central) {
  const local = stationSide(st);
  const side = await serverSide(c);
  expect(side.orders).toHaveLength(local.length);
  for (const o of local) {
    const s = side.orders.find((x) => x.uuid === o.id);
    expect(s, o.order_no).toBeDefined();
    expect(s!.revision).toBe(o.revision);
    expect(s!.state).toBe(o.state);
    expect(s!.finalPhotoSha256).toBe(o.final_sha);
    expect(s!.finalPhotoStored).toBe(true);
    expect(s!.fileSha).toBe(o.final_sha); // the new server's bytes hash to the station's photo
  }
  return side;
}

describe('sync: moving the station to another server', () => {
  it('a new server URL gets every order and photo again and its own reviews; the old one again sends no byte', async () => {
    a = await central();
    b = await central();
    st = await station();
    const orders: OrderView[] = [];
    for (let i = 0; i < 3; i++) orders.push(await completeOrder(st, i));
    await st.call('sync.configure', { serverUrl: a.url, token: a.token });
    const first = await st.studio.sync.runOnce();
    expect(first).toMatchObject({ pending: 0, parked: 0, ordersSent: 3, photosSent: 6 });
    const onA = await expectHoldsAll(st, a);
    const photoBytes = onA.stats.photoBytes;
    // A rejects the first order: its review row is A's cursor "1"
    await a.server.services.reviews.decide({
      orderUuid: orders[0]!.id,
      decision: 'rejected',
      reasonCode: 'blurry',
      reviewer: '甲审核',
    });
    expect((await st.studio.sync.runOnce()).reviewsApplied).toBe(1);

    // another server: the queue holds every order again, the counters are those of the new server
    await st.call('sync.configure', { serverUrl: b.url, token: b.token });
    const status = await st.call<SyncStatus>('sync.status', {});
    expect(status).toMatchObject({ serverUrl: b.url, sentCount: 0, parkedCount: 0, photosSent: 0, bytesSent: 0 });
    expect(status.pending).toBeGreaterThan(0);
    expect(status.lastSuccessAt).toBeNull();
    const toB = await st.studio.sync.runOnce();
    expect(toB).toMatchObject({ pending: 0, parked: 0, ordersSent: 3, photosSent: 6, bytesSent: photoBytes });
    const onB = await expectHoldsAll(st, b);
    expect(onB.stats).toMatchObject({ orders: 3, photos: 6, photoBytes });

    // B's first decision has cursor "1" too: it is B's, not A's already-applied one
    await b.server.services.reviews.decide({ orderUuid: orders[1]!.id, decision: 'approved', reviewer: '乙审核' });
    expect((await st.studio.sync.runOnce()).reviewsApplied).toBe(1);
    const o1 = await st.call<{ order: OrderView }>('orders.get', { orderId: orders[1]!.id });
    expect(o1.order.state).toBe('approved');
    expect((await serverSide(b)).orders.find((o) => o.uuid === orders[1]!.id)!.state).toBe('approved');

    // removing the server and configuring the same one again: nothing is sent again
    await st.call('sync.configure', { serverUrl: null });
    await st.call('sync.configure', { serverUrl: b.url, token: b.token });
    expect(await st.studio.sync.runOnce()).toMatchObject({ sent: 0, ordersSent: 0, photosSent: 0, reviewsApplied: 0 });

    // back to A: A is "another server" for the books — every order goes (the approval is news there), but A holds
    // every photo complete (HEAD: no byte again) and A's rejection, already applied, is not applied a second time
    await st.call('sync.configure', { serverUrl: a.url, token: a.token });
    const backToA = await st.studio.sync.runOnce();
    expect(backToA).toMatchObject({ pending: 0, parked: 0, ordersSent: 3, bytesSent: 0, reviewsApplied: 0 });
    await expectHoldsAll(st, a);
    const o0 = await st.call<{ history: { action: string }[] }>('orders.get', { orderId: orders[0]!.id });
    expect(o0.history.filter((h) => h.action === 'reject')).toHaveLength(1);
  });

  it("the old server's answers still in flight when the station moves are not written into the new server's books", async () => {
    a = await central();
    b = await central();
    // A swallows every request: the worker's first orders are in flight to A when the station moves to B
    proxy = await faultProxy(a.server.port, { decide: () => 'hang' });
    st = await station({ tuning: { timeoutMs: 1500 } });
    for (let i = 0; i < 4; i++) await completeOrder(st, i);
    await st.call('sync.configure', { serverUrl: proxy.url, token: a.token });
    st.studio.sync.start();
    await until(() => proxy!.requests > 0);
    await st.call('sync.configure', { serverUrl: b.url, token: b.token });
    await until(() => {
      const s = st!.studio.sync.status();
      return s.pending === 0 && s.parkedCount === 0 && s.sentCount > 0;
    });
    await st.studio.sync.stop();
    await expectHoldsAll(st, b);
    expect(st.studio.sync.status()).toMatchObject({ serverUrl: b.url, photosSent: 8, parkedCount: 0 });
    expect((await serverSide(a)).stats.orders).toBe(0);
  }, 60_000);
});

async function until(cond: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 20));
  }
}

import { describe, expect, it } from 'vitest';
import { backends, useServer } from './harness';
import { newUuid, snapshot } from './fixtures';
import type { AdminOrdersPage, OrderAccepted, ReviewsPage, ServerStats } from '../../../src/shared/central';

// The reference server's JSON API, against SQLite and PostgreSQL alike. Every answer is checked
// against docs/central-api.yaml by the harness (status documented, body valid).

describe.each(backends())('central server API ($name)', (backend) => {
  const srv = useServer(backend);

  it('GET /v1/health answers without a token and names the database', async () => {
    const r = await srv().call('GET', '/v1/health');
    expect(r.status).toBe(200);
    expect(r.json()).toMatchObject({ status: 'ok', database: backend.name });
  });

  it('refuses a missing, unknown or revoked token with 401 and a Chinese message', async () => {
    const uuid = newUuid();
    expect((await srv().call('PUT', `/v1/orders/${uuid}`, { body: snapshot() })).status).toBe(401);
    const unknown = await srv().call('PUT', `/v1/orders/${uuid}`, { body: snapshot(), token: 'cst_nope' });
    expect(unknown.status).toBe(401);
    expect((unknown.json() as { error: { message: string } }).error.message).toMatch(/令牌/);
    const token = await srv().stationToken('吊销测试');
    expect((await srv().call('GET', '/v1/reviews', { token })).status).toBe(200);
    expect(await srv().server.services.tokens.revoke({ station: '吊销测试' })).toBe(1);
    expect((await srv().call('GET', '/v1/reviews', { token })).status).toBe(401);
    expect((await srv().call('PUT', `/v1/orders/${uuid}`, { body: snapshot(), token })).status).toBe(401);
  });

  it('stores tokens hashed: the database never holds the token itself', async () => {
    const token = await srv().stationToken('哈希测试');
    const rows = await srv().server.services.central.db.selectFrom('tokens').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.stringify(rows)).not.toContain(token.slice(12));
  });

  it('PUT /v1/orders/{uuid} is idempotent: a replay gives the same answer and changes nothing', async () => {
    const token = await srv().stationToken('一号机');
    const uuid = newUuid();
    const first = await srv().call('PUT', `/v1/orders/${uuid}`, { token, body: snapshot({ revision: 1 }) });
    expect(first.status).toBe(200);
    const again = await srv().call('PUT', `/v1/orders/${uuid}`, { token, body: snapshot({ revision: 1 }) });
    expect(again.status).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect((first.json() as OrderAccepted).revision).toBe(1);
  });

  it('a newer revision wins; an older one gets 409 with the stored revision and changes nothing', async () => {
    const token = await srv().stationToken('二号机');
    const uuid = newUuid();
    await srv().call('PUT', `/v1/orders/${uuid}`, { token, body: snapshot({ revision: 2, state: 'pending_payment' }) });
    const newer = await srv().call('PUT', `/v1/orders/${uuid}`, {
      token,
      body: snapshot({ revision: 5, state: 'pending_review' }),
    });
    expect(newer.status).toBe(200);
    const older = await srv().call('PUT', `/v1/orders/${uuid}`, {
      token,
      body: snapshot({ revision: 4, state: 'pending_payment' }),
    });
    expect(older.status).toBe(409);
    expect(older.json()).toMatchObject({ storedRevision: 5, error: { code: 'stale_revision' } });
    const stored = await srv().server.services.orders.snapshot(uuid);
    expect(stored).toMatchObject({ revision: 5, snapshot: { state: 'pending_review' } });
  });

  it('racing revisions converge on the newest, whatever order they arrive in', async () => {
    const token = await srv().stationToken('竞争机');
    const uuid = newUuid();
    const revisions = [3, 9, 1, 7, 9, 2, 8, 5, 6, 4];
    const answers = await Promise.all(
      revisions.map((revision) =>
        srv().call('PUT', `/v1/orders/${uuid}`, { token, body: snapshot({ revision, orderNo: `R-${revision}` }) }),
      ),
    );
    for (const a of answers) expect([200, 409]).toContain(a.status);
    const stored = await srv().server.services.orders.snapshot(uuid);
    expect(stored).toMatchObject({ revision: 9, snapshot: { orderNo: 'R-9' } });
  });

  it("another station cannot overwrite a station's order (403)", async () => {
    const a = await srv().stationToken('甲站');
    const b = await srv().stationToken('乙站');
    const uuid = newUuid();
    expect((await srv().call('PUT', `/v1/orders/${uuid}`, { token: a, body: snapshot({ revision: 1 }) })).status).toBe(
      200,
    );
    const other = await srv().call('PUT', `/v1/orders/${uuid}`, { token: b, body: snapshot({ revision: 2 }) });
    expect(other.status).toBe(403);
    expect((await srv().server.services.orders.snapshot(uuid))!.revision).toBe(1);
  });

  it('refuses a plaintext 证件号, a bad UUID, a malformed body and an oversized body', async () => {
    const token = await srv().stationToken('校验机');
    const s = snapshot();
    s.student.idMasked = '44302019990101123X';
    const plain = await srv().call('PUT', `/v1/orders/${newUuid()}`, { token, body: s });
    expect(plain.status).toBe(400);
    expect(plain.json()).toMatchObject({ error: { code: 'invalid_request', field: 'student.idMasked' } });
    expect(plain.text).not.toContain('44302019990101123X');
    expect((await srv().call('PUT', '/v1/orders/NOT-A-UUID', { token, body: snapshot() })).status).toBe(400);
    const broken = await srv().call('PUT', `/v1/orders/${newUuid()}`, {
      token,
      raw: new TextEncoder().encode('{"revision": '),
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    const huge = snapshot({ shippingAddress: 'x'.repeat(2 * 1024 * 1024) });
    expect((await srv().call('PUT', `/v1/orders/${newUuid()}`, { token, body: huge })).status).toBe(413);
    const stats = (
      await srv().call('GET', '/v1/admin/stats', { token: await srv().adminToken() })
    ).json() as ServerStats;
    expect(stats.stations.find((x) => x.station === '校验机')?.orders ?? 0).toBe(0);
  });

  it('GET /v1/reviews pages decisions by cursor in a stable order, only for the asking station', async () => {
    const token = await srv().stationToken('审核机');
    const other = await srv().stationToken('旁观机');
    const { reviews } = srv().server.services;
    const uuids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const uuid = newUuid();
      uuids.push(uuid);
      const s = snapshot({ revision: 1, orderNo: `S1-20260601-${String(i + 1).padStart(4, '0')}` });
      s.finalPhoto!.sha256 = String(i).repeat(64);
      await srv().call('PUT', `/v1/orders/${uuid}`, { token, body: s });
    }
    await reviews.decide({
      orderUuid: uuids[0]!,
      decision: 'rejected',
      reasonCode: 'glasses_glare',
      reasonText: '请摘下眼镜',
      reviewer: '王老师',
    });
    for (const u of uuids.slice(1)) await reviews.decide({ orderUuid: u, decision: 'approved', reviewer: '王老师' });

    const first = (await srv().call('GET', '/v1/reviews?cursor=0&limit=2', { token })).json() as ReviewsPage;
    expect(first.reviews.map((r) => r.orderUuid)).toEqual(uuids.slice(0, 2));
    expect(first.hasMore).toBe(true);
    expect(first.reviews[0]).toMatchObject({
      decision: 'rejected',
      reasonCode: 'glasses_glare',
      reason: '眼镜反光：请摘下眼镜',
      reviewer: '王老师',
    });
    const rest = (
      await srv().call('GET', `/v1/reviews?cursor=${first.nextCursor}&limit=10`, { token })
    ).json() as ReviewsPage;
    expect(rest.reviews.map((r) => r.orderUuid)).toEqual(uuids.slice(2));
    expect(rest.hasMore).toBe(false);
    // nothing new: the same cursor comes back
    const empty = (await srv().call('GET', `/v1/reviews?cursor=${rest.nextCursor}`, { token })).json() as ReviewsPage;
    expect(empty).toEqual({ reviews: [], nextCursor: rest.nextCursor, hasMore: false });
    // asking again from 0 gives the same order (stable)
    const again = (await srv().call('GET', '/v1/reviews?limit=500', { token })).json() as ReviewsPage;
    expect(again.reviews.map((r) => r.cursor)).toEqual([...first.reviews, ...rest.reviews].map((r) => r.cursor));
    // another station sees none of them
    expect(((await srv().call('GET', '/v1/reviews', { token: other })).json() as ReviewsPage).reviews).toEqual([]);
    expect((await srv().call('GET', '/v1/reviews?cursor=abc', { token })).status).toBe(400);
    expect((await srv().call('GET', '/v1/reviews?limit=0', { token })).status).toBe(400);
  });

  it('a decision is made once per final photo; a retake with a new photo waits for review again', async () => {
    const token = await srv().stationToken('复审机');
    const { reviews } = srv().server.services;
    const uuid = newUuid();
    const s = snapshot({ revision: 1 });
    s.finalPhoto!.sha256 = 'a'.repeat(64);
    await srv().call('PUT', `/v1/orders/${uuid}`, { token, body: s });
    await reviews.decide({ orderUuid: uuid, decision: 'rejected', reasonCode: 'blurry', reviewer: '李老师' });
    await expect(reviews.decide({ orderUuid: uuid, decision: 'approved', reviewer: '张老师' })).rejects.toThrow(/审核/);
    // the station applied the rejection, then the student was photographed again
    await srv().call('PUT', `/v1/orders/${uuid}`, {
      token,
      body: { ...s, revision: 2, state: 'rejected', rejectReason: '照片模糊' },
    });
    const retake = {
      ...s,
      revision: 3,
      state: 'collecting' as const,
      finalPhoto: { ...s.finalPhoto!, sha256: 'b'.repeat(64) },
    };
    await srv().call('PUT', `/v1/orders/${uuid}`, { token, body: retake });
    const d = await reviews.decide({ orderUuid: uuid, decision: 'approved', reviewer: '张老师' });
    expect(d).toMatchObject({ decision: 'approved', revision: 3, reason: '' });
    // 采集完成 only once the station reports 待制作
    await expect(reviews.decide({ orderUuid: uuid, decision: 'done', reviewer: '张老师' })).rejects.toThrow();
    await srv().call('PUT', `/v1/orders/${uuid}`, { token, body: { ...retake, revision: 4, state: 'approved' } });
    await reviews.decide({ orderUuid: uuid, decision: 'done', reviewer: '张老师' });
    await expect(reviews.decide({ orderUuid: uuid, decision: 'done', reviewer: '张老师' })).rejects.toThrow();
    const page = (await srv().call('GET', '/v1/reviews', { token })).json() as ReviewsPage;
    expect(page.reviews.map((r) => r.decision)).toEqual(['rejected', 'approved', 'done']);
    expect((await reviews.history(uuid)).length).toBe(3);
  });

  it('admin API: stats per station and every order with its final photo sha256; station tokens get 403', async () => {
    const token = await srv().stationToken('统计机');
    const admin = await srv().adminToken();
    const uuid = newUuid();
    await srv().call('PUT', `/v1/orders/${uuid}`, { token, body: snapshot({ revision: 1 }) });
    const page = (
      await srv().call('GET', '/v1/admin/orders?station=统计机'.replace('统计机', encodeURIComponent('统计机')), {
        token: admin,
      })
    ).json() as AdminOrdersPage;
    expect(page.total).toBe(1);
    expect(page.orders[0]).toMatchObject({
      uuid,
      station: '统计机',
      revision: 1,
      finalPhotoSha256: snapshot().finalPhoto!.sha256,
      finalPhotoStored: false,
    });
    const stats = (await srv().call('GET', '/v1/admin/stats', { token: admin })).json() as ServerStats;
    expect(stats.stations.find((s) => s.station === '统计机')).toMatchObject({ orders: 1, photos: 0 });
    expect(stats.orders).toBe(stats.stations.reduce((a, s) => a + s.orders, 0));
    expect((await srv().call('GET', '/v1/admin/stats', { token })).status).toBe(403);
    expect((await srv().call('GET', '/v1/admin/orders', { token })).status).toBe(403);
  });

  it('JSON logs carry no personal data and no token', async () => {
    const token = await srv().stationToken('日志机');
    const s = snapshot({ revision: 1 });
    await srv().call('PUT', `/v1/orders/${newUuid()}`, { token, body: s });
    const log = srv().logs.join('');
    expect(log.length).toBeGreaterThan(0);
    for (const line of srv().logs.join('').trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    for (const secret of [
      token,
      s.student.nameMasked,
      s.student.idMasked,
      s.student.email,
      s.student.phoneMasked,
      s.student.studentNo,
    ])
      expect(log).not.toContain(secret);
  });
});

import { describe, expect, it } from 'vitest';
import { chromium } from '@playwright/test';
import sharp from 'sharp';
import { RateLimiter } from '../../../src/server';
import type { ReviewsPage } from '../../../src/shared/central';
import { chromiumPath } from '../../../scripts/system-deps.mjs';
import { serverCommand } from '../../../src/main/cli/commands/server';
import type { CliIO } from '../../../src/main/cli/command';
import { backends, startTestServer, type TestServer } from './harness';
import { newUuid, photoBytes, sha256, snapshot } from './fixtures';
import { encodePhotoMetadata, type OrderSnapshot } from '../../../src/shared/central';

// Review console (/console) and student status page (/status): scrypt accounts, session cookie, CSRF,
// the queue, decisions visible to the station in /v1/reviews, the audit trail; keyboard review in Chromium.

const PASSWORD = '审核密码-2026';

async function createUser(s: TestServer, name: string, role: 'reviewer' | 'admin') {
  let out = '';
  const io = {
    stdout: { write: (t: string) => ((out += t), true) },
    stderr: { write: (t: string) => ((out += t), true) },
    env: { ...process.env, STUDIO_USER_PASSWORD: PASSWORD, DATABASE_URL: '' },
    untilSignal: () => Promise.resolve(),
  } as unknown as CliIO;
  // the command opens the same database the running server uses
  const url = (s.server.services.central.dialect === 'postgres' && s.databaseUrl) || '';
  (io.env as NodeJS.ProcessEnv).DATABASE_URL = url;
  const code = await serverCommand.run(['user', 'create', '--name', name, '--role', role, '--data', s.dataDir], io);
  expect(code, out).toBe(0);
}

async function login(s: TestServer, name: string, password = PASSWORD) {
  const res = await fetch(`${s.url}/console/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
  const cookie = res.headers.get('set-cookie') ?? '';
  const body = (await res.json()) as { csrf?: string };
  return { status: res.status, setCookie: cookie, cookie: cookie.split(';')[0]!, csrf: body.csrf ?? '' };
}

async function pushWaitingOrder(
  s: TestServer,
  token: string,
  seed: number,
  over: Partial<OrderSnapshot> = {},
  bytes: Buffer = photoBytes(2000, seed),
) {
  const sha = sha256(bytes);
  await s.call('POST', '/v1/photos', {
    token,
    headers: {
      'Tus-Resumable': '1.0.0',
      'Upload-Length': String(bytes.length),
      'Upload-Metadata': encodePhotoMetadata(sha),
    },
  });
  await s.call('PATCH', `/v1/photos/${sha}`, {
    token,
    raw: bytes,
    headers: { 'Tus-Resumable': '1.0.0', 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream' },
  });
  const base = snapshot({ revision: 1, state: 'pending_review', ...over });
  const snap = { ...base, finalPhoto: { ...base.finalPhoto!, sha256: sha, bytes: bytes.length } };
  const uuid = newUuid();
  expect((await s.call('PUT', `/v1/orders/${uuid}`, { token, body: snap })).status).toBe(200);
  return { uuid, snap };
}

const json = (cookie: string, csrf?: string) => ({
  'content-type': 'application/json',
  cookie,
  ...(csrf ? { 'x-csrf-token': csrf } : {}),
});

describe.each(backends())('review console and status page ($name)', (backend) => {
  it('login with scrypt accounts, secure session cookie, CSRF on decisions, audit, logout', async () => {
    const s = await startTestServer(backend);
    try {
      await createUser(s, '王老师', 'reviewer');
      const hash = await s.server.services.central.db
        .selectFrom('users')
        .select('password_hash')
        .executeTakeFirstOrThrow();
      expect(hash.password_hash).toMatch(/^scrypt\$/);
      expect(hash.password_hash).not.toContain(PASSWORD);

      expect((await login(s, '王老师', 'wrong-password')).status).toBe(401);
      expect((await login(s, '没有这个人')).status).toBe(401);
      const ok = await login(s, '王老师');
      expect(ok.status).toBe(200);
      expect(ok.setCookie).toMatch(/HttpOnly/);
      expect(ok.setCookie).toMatch(/SameSite=Strict/);

      const token = await s.stationToken('审核站');
      const { uuid } = await pushWaitingOrder(s, token, 3);
      const queue = (await (await fetch(`${s.url}/console/api/queue`, { headers: { cookie: ok.cookie } })).json()) as {
        items: { uuid: string; finalPhotoStored: boolean }[];
      };
      expect(queue.items.map((i) => i.uuid)).toEqual([uuid]);
      expect(queue.items[0]!.finalPhotoStored).toBe(true);

      const decide = {
        orderUuid: uuid,
        decision: 'rejected',
        reasonCode: 'hair_covering',
        reasonText: '请把头发拢到耳后',
      };
      const noCsrf = await fetch(`${s.url}/console/api/decide`, {
        method: 'POST',
        headers: json(ok.cookie),
        body: JSON.stringify(decide),
      });
      expect(noCsrf.status).toBe(403);
      const noSession = await fetch(`${s.url}/console/api/decide`, {
        method: 'POST',
        headers: json('', ok.csrf),
        body: JSON.stringify(decide),
      });
      expect(noSession.status).toBe(401);
      const done = await fetch(`${s.url}/console/api/decide`, {
        method: 'POST',
        headers: json(ok.cookie, ok.csrf),
        body: JSON.stringify(decide),
      });
      expect(done.status).toBe(200);

      const page = (await s.call('GET', '/v1/reviews', { token })).json() as ReviewsPage;
      expect(page.reviews).toMatchObject([
        {
          orderUuid: uuid,
          decision: 'rejected',
          reasonCode: 'hair_covering',
          reason: '头发遮挡：请把头发拢到耳后',
          reviewer: '王老师',
        },
      ]);
      const photo = await fetch(
        `${s.url}/console/photos/${queue.items.length && (await s.server.services.orders.snapshot(uuid))!.snapshot.finalPhoto!.sha256}`,
        { headers: { cookie: ok.cookie } },
      );
      expect(photo.status).toBe(200);
      expect(
        (await fetch(`${s.url}/console/photos/${'0'.repeat(64)}`, { headers: { cookie: ok.cookie } })).status,
      ).toBe(404);

      const audit = await s.server.services.users.auditLog();
      expect(audit.map((a) => a.action)).toEqual(['review', 'login', 'login.failed', 'login.failed', 'user.create']);
      expect(JSON.stringify(audit)).not.toContain(PASSWORD);

      const out = await fetch(`${s.url}/console/api/logout`, {
        method: 'POST',
        headers: json(ok.cookie, ok.csrf),
        body: '{}',
      });
      expect(out.status).toBe(200);
      expect((await fetch(`${s.url}/console/api/me`, { headers: { cookie: ok.cookie } })).status).toBe(401);
    } finally {
      await s.close();
    }
  });

  it('the queue is oldest first, filtered by school and station; a decided order leaves it', async () => {
    const s = await startTestServer(backend);
    try {
      await createUser(s, '李老师', 'admin');
      const a = await s.stationToken('甲站');
      const b = await s.stationToken('乙站');
      const o1 = await pushWaitingOrder(s, a, 5);
      const o2 = await pushWaitingOrder(s, b, 7, {
        event: { id: 'ev-2', schoolName: '山东大学', schoolCode: '10422', date: '2026-06-02' },
      });
      const o3 = await pushWaitingOrder(s, a, 9);
      const { cookie } = await login(s, '李老师');
      const q = async (query = '') =>
        (
          (await (await fetch(`${s.url}/console/api/queue${query}`, { headers: { cookie } })).json()) as {
            items: { uuid: string }[];
          }
        ).items.map((i) => i.uuid);
      expect(await q()).toEqual([o1.uuid, o2.uuid, o3.uuid]);
      expect(await q('?school=10422')).toEqual([o2.uuid]);
      expect(await q(`?station=${encodeURIComponent('甲站')}`)).toEqual([o1.uuid, o3.uuid]);
      await s.server.services.reviews.decide({ orderUuid: o1.uuid, decision: 'approved', reviewer: '李老师' });
      expect(await q()).toEqual([o2.uuid, o3.uuid]);
    } finally {
      await s.close();
    }
  });

  it('student status: order number + last 4 of the 证件号 → state, reason and advice; rate-limited', async () => {
    const s = await startTestServer(backend, { statusLimiter: new RateLimiter(6, 60_000) });
    try {
      const token = await s.stationToken('查询站');
      const { uuid, snap } = await pushWaitingOrder(s, token, 11, { orderNo: 'S1-20260601-0077' });
      const ask = (orderNo: string, idLast4: string) =>
        fetch(`${s.url}/status/api`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ orderNo, idLast4 }),
        });
      expect((await ask('S1-20260601-0077', '0000')).status).toBe(404);
      const waiting = (await (
        await ask('S1-20260601-0077', snap.student.idMasked.slice(-4).toLowerCase())
      ).json()) as Record<string, unknown>;
      expect(waiting).toMatchObject({ stateLabel: '待审核', rejectReason: null });
      expect(Object.keys(waiting).sort()).toEqual(['advice', 'orderNo', 'rejectReason', 'state', 'stateLabel']);
      await s.server.services.reviews.decide({
        orderUuid: uuid,
        decision: 'rejected',
        reasonCode: 'glasses_glare',
        reviewer: '王老师',
      });
      const rejected = (await (await ask('S1-20260601-0077', snap.student.idMasked.slice(-4))).json()) as Record<
        string,
        unknown
      >;
      expect(rejected).toMatchObject({ state: 'rejected', stateLabel: '审核驳回', rejectReason: '眼镜反光' });
      expect(String(rejected.advice)).toMatch(/重新拍摄/);
      const page = await (await fetch(`${s.url}/status`)).text();
      expect(page).toContain('证件号后 4 位');
      // 6 tries per minute per address: 3 above, then 3 more allowed, the 7th refused
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await ask('S1-20260601-0077', '0000')).status);
      expect(statuses).toEqual([404, 404, 404, 429]);
    } finally {
      await s.close();
    }
  });
});

const browserPath = chromiumPath();

describe.skipIf(!browserPath)('review console in Chromium (keyboard review)', () => {
  it('A approves, R + number key + Enter rejects with the reason; the station reads both', async () => {
    const s = await startTestServer(backends()[0]!);
    const browser = await chromium.launch({ executablePath: browserPath, args: ['--no-sandbox'] });
    try {
      await createUser(s, '张老师', 'reviewer');
      const token = await s.stationToken('键盘站');
      const jpeg = (r: number) =>
        sharp({ create: { width: 48, height: 64, channels: 3, background: { r, g: 190, b: 250 } } })
          .jpeg()
          .toBuffer();
      const first = await pushWaitingOrder(s, token, 13, {}, await jpeg(40));
      const second = await pushWaitingOrder(s, token, 17, {}, await jpeg(60));
      const page = await browser.newPage();
      await page.goto(`${s.url}/console`);
      await page.fill('#name', '张老师');
      await page.fill('#password', PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForSelector('#queue li');
      expect(await page.locator('#queue li').count()).toBe(2);
      // the final photo is served to the logged-in reviewer and really decodes (48 px wide JPEG)
      await expect
        .poll(() =>
          page.locator('img.final').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
        )
        .toBe(48);
      await page.keyboard.press('a');
      await expect.poll(() => page.locator('#queue li').count()).toBe(1);
      await page.keyboard.press('r');
      await page.waitForSelector('#reasons.open');
      await page.keyboard.press('3'); // 眼镜反光
      await page.keyboard.type('反光太强');
      await page.keyboard.press('Enter');
      await page.waitForSelector('.empty');
      expect(await page.locator('.empty').textContent()).toBe('没有待审核的订单');
      const reviews = s.call('GET', '/v1/reviews', { token }).then((r) => r.json()) as Promise<ReviewsPage>;
      expect((await reviews).reviews).toMatchObject([
        { orderUuid: first.uuid, decision: 'approved', reviewer: '张老师' },
        { orderUuid: second.uuid, decision: 'rejected', reasonCode: 'glasses_glare', reason: '眼镜反光：反光太强' },
      ]);
    } finally {
      await browser.close();
      await s.close();
    }
  });
});

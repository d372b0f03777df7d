import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createStudio, type Studio } from '../../../src/main/core/studio';
import { demoStudent } from '../../../src/main/checkin/demo-students';
import type { PhotoProducer } from '../../../src/main/captures/photo-producer';
import type { EventStats } from '../../../src/shared/contract/stats';
import type { StudioEvent } from '../../../src/shared/domain/event';
import type { OrderView, PaymentView } from '../../../src/shared/contract/views';
import { FEATURE_CODE, testJpeg } from '../../helpers/records-fixture';
import { tempDir } from '../../helpers/temp-dir';

// 统计 over a real SQLite database filled through the API, with a clock the test moves (times are UTC
// instants; the per-hour buckets must come out in China time whatever the machine's zone).

const ctx = { transport: 'cli' as const };
let clock = new Date('2026-06-01T01:10:00Z'); // 09:10 in China
const at = (iso: string) => (clock = new Date(iso));

/** What photo production says next: passed, failed with these check codes, or refused (no final photo). */
let nextVerdict: { kind: 'passed' } | { kind: 'failed'; codes: string[] } | { kind: 'refused' } = { kind: 'passed' };
const producer: PhotoProducer = async (source) => {
  const v = nextVerdict;
  if (v.kind === 'refused') throw new Error('no_face: 未检测到人脸');
  return {
    jpeg: await sharp(source).resize(480, 640, { fit: 'fill' }).jpeg({ quality: 90 }).toBuffer(),
    precheck: v.kind,
    checks: { reasons: v.kind === 'failed' ? v.codes.map((code) => ({ code, message: `${code} 未通过` })) : [] },
  };
};

let studio: Studio;
let event: StudioEvent;
let cleanup: () => void;
const call = async <T>(method: string, payload: unknown) => (await studio.dispatch(method, payload, ctx)) as T;
let seed = 0;

async function checkIn(i: number): Promise<OrderView> {
  const s = demoStudent(i);
  const r = await call<{ order: OrderView }>('checkin.submit', {
    eventId: event.id,
    source: 'qr',
    payload: s.payload,
    featureCode: FEATURE_CODE,
    idLast4: s.idNumber.slice(-4),
    email: 'student@example.com',
    phone: '13812345678',
    operator: '张老师',
  });
  return r.order;
}

async function shoot(orderId: string, verdict: typeof nextVerdict) {
  nextVerdict = verdict;
  const r = await call('photos.capture', {
    orderId,
    imageBase64: (await testJpeg(++seed)).toString('base64'),
    operator: '张老师',
  });
  clock = new Date(clock.getTime() + 10_000); // the next thing happens 10 s later
  return r;
}

beforeEach(async () => {
  const t = tempDir('studio-stats-');
  cleanup = t.cleanup;
  at('2026-06-01T01:10:00Z');
  studio = createStudio({ dataDir: t.dir, now: () => clock, log: () => {}, producer });
  event = await call<StudioEvent>('events.create', {
    schoolName: '山东师范大学',
    schoolCode: '10403',
    featureCode: FEATURE_CODE,
    date: '2026-06-01',
  });
});
afterEach(async () => {
  await studio.close();
  cleanup();
});

describe('stats.event', () => {
  it('an event without students: zeros, every check listed, every payment method listed', async () => {
    const s = await call<EventStats>('stats.event', { eventId: event.id });
    expect(s.timeZone).toBe('Asia/Shanghai');
    expect(s.totals).toEqual({
      students: 0,
      photographed: 0,
      passed: 0,
      paid: 0,
      captures: 0,
      finals: 0,
      finalsPassed: 0,
      revenueFen: 0,
    });
    expect(s.perHour).toEqual([]);
    expect(s.checks).toHaveLength(20);
    expect(s.payments.map((p) => p.method)).toEqual(['cash', 'wechat', 'alipay', 'school']);
    expect(s.retakes).toEqual({ count: 0, students: 0, byReason: [], byCheck: [] });
  });

  it('per hour in China time, pass rate per check, retakes with reasons, payments by method', async () => {
    // 09:10 China: A checks in; the first photo fails 初审 on two checks, the retake passes
    const a = await checkIn(0);
    await shoot(a.id, { kind: 'failed', codes: ['framing.eyes', 'background.uniform'] });
    at('2026-06-01T01:12:00Z');
    await shoot(a.id, { kind: 'passed' });
    // 09:40: B — production refuses the first capture (no final photo), the second passes
    at('2026-06-01T01:40:00Z');
    const b = await checkIn(1);
    await shoot(b.id, { kind: 'refused' });
    await shoot(b.id, { kind: 'passed' });
    // 11:05 (no one at 10:xx): C passes, pays, is 审核驳回, reshot; then the photographer reshoots a passing photo
    at('2026-06-01T03:05:00Z');
    const c = await checkIn(2);
    await shoot(c.id, { kind: 'passed' });
    await shoot(c.id, { kind: 'failed', codes: ['framing.eyes'] });
    await shoot(c.id, { kind: 'passed' });
    const cash = await call<{ payment: PaymentView }>('payments.record', {
      eventId: event.id,
      method: 'cash',
      orderIds: [a.id],
      operator: '张老师',
    });
    const wechat = await call<{ payment: PaymentView }>('payments.record', {
      eventId: event.id,
      method: 'wechat',
      orderIds: [b.id],
      reference: '4200001234202606010001',
      operator: '张老师',
    });
    await call('payments.record', { eventId: event.id, method: 'school', orderIds: [c.id], operator: '张老师' });
    expect(cash.payment.status).toBe('valid');
    await call('orders.review', { orderId: c.id, decision: 'reject', reason: '背景有阴影', operator: '审核员' });
    at('2026-06-01T03:20:00Z');
    await shoot(c.id, { kind: 'passed' });
    // B's payment is voided: it no longer counts, only as cancelled
    await call('payments.void', { paymentId: wechat.payment.id, kind: 'void', reason: '重复收款', operator: '张老师' });
    // a second event's students do not count here
    const other = await call<StudioEvent>('events.create', {
      schoolName: '山东师范大学',
      schoolCode: '10403',
      featureCode: FEATURE_CODE,
      date: '2026-06-02',
    });
    const keepEvent = event;
    event = other;
    await checkIn(3);
    event = keepEvent;

    const s = await call<EventStats>('stats.event', { eventId: event.id });
    expect(s.perHour).toEqual([
      { hour: '2026-06-01 09', checkins: 2, captures: 4 },
      { hour: '2026-06-01 10', checkins: 0, captures: 0 },
      { hour: '2026-06-01 11', checkins: 1, captures: 4 },
    ]);
    // no event mode here: every capture was taken at this station, none bound through a 拍摄号 scan
    expect(s.stations.map((x) => ({ ...x, perHour: x.perHour.map((h) => h.hour) }))).toEqual([
      {
        station: '本机',
        students: 3,
        captures: 8,
        bound: 0,
        retakes: 5,
        perHour: ['2026-06-01 09', '2026-06-01 11'],
      },
    ]);
    expect(s.totals).toEqual({
      students: 3,
      photographed: 3,
      passed: 3,
      paid: 2,
      captures: 8,
      finals: 7,
      finalsPassed: 5,
      revenueFen: 3000,
    });
    const eyes = s.checks.find((x) => x.code === 'framing.eyes')!;
    expect(eyes).toEqual({ code: 'framing.eyes', reviewed: 7, failed: 2 });
    expect(s.checks.find((x) => x.code === 'background.uniform')).toEqual({
      code: 'background.uniform',
      reviewed: 7,
      failed: 1,
    });
    expect(s.checks.find((x) => x.code === 'face.count')!.failed).toBe(0);
    expect(s.retakes.count).toBe(5);
    expect(s.retakes.students).toBe(3);
    expect(s.retakes.byReason).toEqual([
      { reason: 'precheck', count: 2 },
      { reason: 'operator', count: 1 },
      { reason: 'refused', count: 1 },
      { reason: 'review_rejected', count: 1 },
    ]);
    expect(s.retakes.byCheck).toEqual([
      { code: 'framing.eyes', count: 2 },
      { code: 'background.uniform', count: 1 },
    ]);
    expect(s.payments).toEqual([
      { method: 'cash', payments: 1, students: 1, totalFen: 1500, cancelled: 0 },
      { method: 'wechat', payments: 0, students: 0, totalFen: 0, cancelled: 1 },
      { method: 'alipay', payments: 0, students: 0, totalFen: 0, cancelled: 0 },
      { method: 'school', payments: 1, students: 1, totalFen: 1500, cancelled: 0 },
    ]);
  });

  it('an unknown event is 404 in Chinese', async () => {
    await expect(call('stats.event', { eventId: 'nope' })).rejects.toMatchObject({
      code: 'not_found',
      message: '采集活动不存在',
    });
  });
});

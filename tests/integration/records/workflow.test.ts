import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { demoStudent } from '../../../src/main/checkin/demo-students';
import type { OrderView, PaymentView, PhotoView } from '../../../src/shared/contract/views';
import { FEATURE_CODE, recordsFixture, testJpeg, type RecordsFixture } from '../../helpers/records-fixture';

let f: RecordsFixture;
beforeEach(async () => {
  f = await recordsFixture();
});
afterEach(() => f.close());

async function checkIn(i: number, extra: Record<string, unknown> = {}) {
  const s = demoStudent(i);
  return f.call<{ order: OrderView; created: boolean }>('checkin.submit', {
    eventId: f.event.id,
    source: 'qr',
    payload: s.payload,
    featureCode: FEATURE_CODE,
    idLast4: s.idNumber.slice(-4),
    email: 'student@example.com',
    phone: '13812345678',
    operator: '张老师',
    ...extra,
  });
}

async function capture(orderId: string, seed: number) {
  return f.call<{ original: PhotoView; final: PhotoView | null; order: OrderView }>('photos.capture', {
    orderId,
    imageBase64: (await testJpeg(seed)).toString('base64'),
    operator: '张老师',
  });
}

describe('station workflow: check-in → photo → payment → review → 重新上传', () => {
  it('walks one student through every state with an audit trail and outbox rows', async () => {
    const { order, created } = await checkIn(0);
    expect(created).toBe(true);
    expect(order).toMatchObject({
      orderNo: 'S1-20260601-0001',
      state: 'pending_payment',
      nameMasked: '黄*正',
      paid: false,
    });
    expect(order.idDisplay).toBe('3701**************');

    const shot = await capture(order.id, 1);
    expect(shot.original).toMatchObject({ kind: 'original', version: 1, url: `/media/${shot.original.sha256}.jpg` });
    expect(shot.final).toMatchObject({ kind: 'final', version: 1, precheck: 'passed', width: 480, height: 640 });
    const file = f.studio.records.photoStore.pathOf(shot.original.sha256);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(shot.original.sha256);
    expect(shot.order.state).toBe('pending_payment');

    const paid = await f.call<{ payment: PaymentView; orders: OrderView[] }>('payments.record', {
      eventId: f.event.id,
      method: 'wechat',
      orderIds: [order.id],
      reference: '4200001234202606010001',
      expectedAmountFen: 1500,
      operator: '张老师',
    });
    expect(paid.payment).toMatchObject({ amountFen: 1500, scope: 'student', status: 'valid' });
    expect(paid.orders[0]).toMatchObject({ state: 'pending_review', paid: true });

    const rejected = await f.call<OrderView>('orders.review', {
      orderId: order.id,
      decision: 'reject',
      reason: '背景有阴影',
      operator: '审核员',
    });
    expect(rejected).toMatchObject({ state: 'rejected', stateLabel: '审核驳回', rejectReason: '背景有阴影' });

    const retake = await capture(order.id, 2);
    expect(retake.original.version).toBe(2);
    expect(retake.final!.version).toBe(2);
    expect(retake.order.state).toBe('collecting');
    // the first version is still there: a retake never overwrites
    expect(existsSync(f.studio.records.photoStore.pathOf(shot.final!.sha256))).toBe(true);

    await f.call('orders.review', { orderId: order.id, decision: 'approve', operator: '审核员' });
    const done = await f.call<OrderView>('orders.complete', { orderId: order.id, operator: '审核员' });
    expect(done.state).toBe('done');
    await expect(capture(order.id, 3)).rejects.toThrow(/不能再拍照/);

    const detail = await f.call<{
      history: { action: string; from: string | null; to: string; actor: string }[];
      photos: PhotoView[];
    }>('orders.get', { orderId: order.id });
    expect(detail.history.map((h) => `${h.from ?? '-'}>${h.to}`)).toEqual([
      '->pending_payment',
      'pending_payment>pending_review',
      'pending_review>rejected',
      'rejected>collecting',
      'collecting>approved',
      'approved>done',
    ]);
    expect(detail.photos).toHaveLength(4);
    expect(f.studio.records.outbox.count()).toBeGreaterThanOrEqual(8);
  });

  it('pays before the photo: 待支付 until a passing final photo exists, then 待审核', async () => {
    const { order } = await checkIn(1);
    // money follows the photo: refused without a passing final photo, unless the operator overrides with a reason
    await expect(
      f.call('payments.record', { eventId: f.event.id, method: 'cash', orderIds: [order.id], operator: '李老师' }),
    ).rejects.toMatchObject({ code: 'conflict', field: 'override', message: expect.stringMatching(/尚未通过初审/) });
    const paid = await f.call<{ orders: OrderView[] }>('payments.record', {
      eventId: f.event.id,
      method: 'cash',
      orderIds: [order.id],
      operator: '李老师',
      override: { reason: '学生赶时间，先交费' },
    });
    expect(paid.orders[0]).toMatchObject({ state: 'pending_payment', paid: true, stateLabel: '已付款，待合格照片' });
    const audit = await f.call<{ history: { action: string; reason: string; actor: string }[] }>('orders.get', {
      orderId: order.id,
    });
    expect(audit.history).toContainEqual(
      expect.objectContaining({ action: 'pay_override', reason: '未初审先收费：学生赶时间，先交费', actor: '李老师' }),
    );
    f.precheck = 'failed';
    expect((await capture(order.id, 5)).order.state).toBe('pending_payment');
    f.precheck = 'passed';
    expect((await capture(order.id, 6)).order.state).toBe('pending_review');
  });

  it('the same student twice opens the existing order; the database refuses a duplicate too', async () => {
    const first = await checkIn(2);
    const again = await checkIn(2, { email: 'other@example.com' });
    expect(again.created).toBe(false);
    expect(again.order.id).toBe(first.order.id);
    expect(again.order.email).toBe('student@example.com');
    const row = f.studio.db.prepare('SELECT * FROM orders WHERE id = ?').get(first.order.id) as Record<string, unknown>;
    expect(() =>
      f.studio.db
        .prepare(
          `INSERT INTO orders SELECT 'dup', event_id, 'S1-20260601-9999', order_day, 9999, state, reject_reason, source,
           roster_entry_id, name, name_masked, student_no, collection_code, gender, id_masked, id_hash, major,
           education_level, education_type, campus_type, school_name, school_code, email, phone, shipping_region,
           shipping_address, fee_fen, created_by, created_at, updated_at, revision FROM orders WHERE id = ?`,
        )
        .run(row.id),
    ).toThrow(/UNIQUE/);
  });

  it('class payment covers a list, void returns them to 待支付, reconciliation excludes it', async () => {
    const ids: string[] = [];
    for (let i = 3; i < 6; i++) {
      const { order } = await checkIn(i);
      await capture(order.id, 10 + i);
      ids.push(order.id);
    }
    const cls = await f.call<{ payment: PaymentView; orders: OrderView[] }>('payments.record', {
      eventId: f.event.id,
      method: 'cash',
      orderIds: ids,
      payerNote: '2022级教育传媒1班',
      operator: '班主任王老师',
    });
    expect(cls.payment).toMatchObject({ scope: 'class', amountFen: 4500 });
    expect(cls.orders.every((o) => o.state === 'pending_review')).toBe(true);
    await expect(
      f.call('payments.record', { eventId: f.event.id, method: 'cash', orderIds: [ids[0]], operator: 'x' }),
    ).rejects.toThrow(/已付款/);

    const voided = await f.call<{ payment: PaymentView; orders: OrderView[] }>('payments.void', {
      paymentId: cls.payment.id,
      kind: 'void',
      reason: '收错班级',
      operator: '张老师',
    });
    expect(voided.payment).toMatchObject({ status: 'voided', voidReason: '收错班级' });
    expect(voided.orders.every((o) => o.state === 'pending_payment' && !o.paid)).toBe(true);

    await f.call('payments.record', { eventId: f.event.id, method: 'school', orderIds: ids, operator: '张老师' });
    const rec = await f.call<{
      total: { totalFen: number; orders: number };
      excluded: { totalFen: number };
      byMethod: { key: string; totalFen: number }[];
    }>('payments.reconcile', { eventId: f.event.id });
    expect(rec.total).toMatchObject({ totalFen: 4500, orders: 3 });
    expect(rec.excluded.totalFen).toBe(4500);
    expect(rec.byMethod.find((m) => m.key === 'school')!.totalFen).toBe(4500);
  });

  it('e-payments need a reference, and the same reference cannot be entered twice', async () => {
    const a = (await checkIn(6)).order;
    const b = (await checkIn(7)).order;
    await capture(a.id, 60);
    await capture(b.id, 70);
    await expect(
      f.call('payments.record', { eventId: f.event.id, method: 'alipay', orderIds: [a.id], operator: 'x' }),
    ).rejects.toThrow(/支付宝须填写交易单号/);
    await f.call('payments.record', {
      eventId: f.event.id,
      method: 'alipay',
      orderIds: [a.id],
      reference: 'ALI0001',
      operator: 'x',
    });
    await expect(
      f.call('payments.record', {
        eventId: f.event.id,
        method: 'alipay',
        orderIds: [b.id],
        reference: 'ALI0001',
        operator: 'x',
      }),
    ).rejects.toThrow(/已登记过/);
  });

  it('serves photos at /media/<sha256>.jpg and survives a restart with the photo scan', async () => {
    const { order } = await checkIn(8);
    const shot = await capture(order.id, 42);
    await f.reopen();
    expect(f.studio.records.scan).toMatchObject({ orphans: 0, missingRows: 0 });
    const list = await f.call<{ photos: PhotoView[] }>('photos.list', { orderId: order.id });
    expect(list.photos.map((p) => p.sha256)).toContain(shot.original.sha256);
  });
});

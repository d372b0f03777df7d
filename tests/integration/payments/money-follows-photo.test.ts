import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoStudent } from '../../../src/main/checkin/demo-students';
import type { OrderView, PaymentView } from '../../../src/shared/contract/views';
import { FEATURE_CODE, recordsFixture, testJpeg, type RecordsFixture } from '../../helpers/records-fixture';

let f: RecordsFixture;
beforeEach(async () => {
  f = await recordsFixture();
});
afterEach(() => f.close());

async function checkIn(i: number): Promise<OrderView> {
  const s = demoStudent(i);
  const r = await f.call<{ order: OrderView }>('checkin.submit', {
    eventId: f.event.id,
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
async function shoot(orderId: string, precheck: 'passed' | 'failed', seed: number) {
  f.precheck = precheck;
  await f.call('photos.capture', {
    orderId,
    imageBase64: (await testJpeg(seed)).toString('base64'),
    operator: '张老师',
  });
}
const pay = (orderIds: string[], extra: Record<string, unknown> = {}) =>
  f.call<{ payment: PaymentView; orders: OrderView[] }>('payments.record', {
    eventId: f.event.id,
    method: 'cash',
    orderIds,
    operator: '李老师',
    ...extra,
  });
const get = (orderId: string) =>
  f.call<{ order: OrderView; history: { action: string; reason: string }[] }>('orders.get', { orderId });
const list = async (state?: string) =>
  (await f.call<{ orders: OrderView[] }>('orders.list', { eventId: f.event.id, state, limit: 100 })).orders;

describe('money follows the photo', () => {
  it('no charge before 初审 has passed, unless overridden with a reason kept in the audit', async () => {
    const none = await checkIn(1);
    const failed = await checkIn(2);
    await shoot(failed.id, 'failed', 2);
    const passed = await checkIn(3);
    await shoot(passed.id, 'passed', 3);

    for (const id of [none.id, failed.id]) {
      await expect(pay([id])).rejects.toMatchObject({ code: 'conflict', field: 'override' });
    }
    // a class list with one unphotographed student is refused as a whole, naming it
    await expect(pay([passed.id, none.id])).rejects.toMatchObject({
      message: expect.stringContaining(none.orderNo),
    });
    expect((await f.call<{ payments: unknown[] }>('payments.list', { eventId: f.event.id })).payments).toEqual([]);

    // the passing one is charged and goes to 待审核; state, badge and lists agree
    const ok = await pay([passed.id]);
    expect(ok.orders[0]).toMatchObject({ state: 'pending_review', stateLabel: '待审核', paid: true });
    expect((await list('pending_review')).map((o) => o.id)).toEqual([passed.id]);

    // override: charged, still 待支付 by state (no passing photo) but the badge says it is paid
    const over = await pay([none.id, failed.id], { override: { reason: '学生先交费，稍后补拍' } });
    for (const o of over.orders)
      expect(o).toMatchObject({ state: 'pending_payment', paid: true, stateLabel: '已付款，待合格照片' });
    for (const id of [none.id, failed.id]) {
      const d = await get(id);
      expect(d.order.stateLabel).toBe('已付款，待合格照片');
      expect(d.history).toContainEqual(
        expect.objectContaining({ action: 'pay_override', reason: '未初审先收费：学生先交费，稍后补拍' }),
      );
    }
    // what the 按班级 list offers (待支付 and not paid) no longer includes them
    expect((await list('pending_payment')).filter((o) => !o.paid)).toEqual([]);

    // void: the money goes back, the audit says so, badge and lists are 待支付 again
    await f.call('payments.void', {
      paymentId: over.payment.id,
      kind: 'refund',
      reason: '学生不拍了',
      operator: '李老师',
    });
    for (const id of [none.id, failed.id]) {
      const d = await get(id);
      expect(d.order).toMatchObject({ state: 'pending_payment', paid: false, stateLabel: '待支付' });
      expect(d.history).toContainEqual(
        expect.objectContaining({ action: 'payment_refund', reason: '退款：学生不拍了' }),
      );
    }
    expect(
      (await list('pending_payment'))
        .filter((o) => !o.paid)
        .map((o) => o.id)
        .sort(),
    ).toEqual([none.id, failed.id].sort());

    // a passing photo later: the order can be charged normally
    await shoot(failed.id, 'passed', 22);
    expect((await pay([failed.id])).orders[0]).toMatchObject({ state: 'pending_review', paid: true });
  });

  it('an empty override reason is refused in Chinese', async () => {
    const o = await checkIn(4);
    await expect(pay([o.id], { override: { reason: '  ' } })).rejects.toMatchObject({
      code: 'invalid_request',
      message: '请填写先收费的原因',
    });
  });
});

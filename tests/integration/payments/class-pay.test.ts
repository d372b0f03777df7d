import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClassSummaryView } from '../../../src/shared/contract/payments';
import type { OrderView, PaymentView, RosterEntryView } from '../../../src/shared/contract/views';
import { FEATURE_CODE, recordsFixture, testJpeg, type RecordsFixture } from '../../helpers/records-fixture';

// 收费 → 按班级 (issue 9 trial finding): the roster keeps its 班级 column, payments.classes lists the classes of the
// event with students / checked in / paid / unpaid / photo passed and the orders a class payment charges, and a
// class is paid at once — still never charging a student whose photo has not passed 初审 without the override.

let f: RecordsFixture;
beforeEach(async () => {
  f = await recordsFixture();
});
afterEach(() => f.close());

// 证件号 with valid check digits (ISO 7064), one per student
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idOf = (i: number) => {
  const first = `11010519990101${100 + i}`;
  return first + '10X98765432'[[...first].reduce((s, d, k) => s + Number(d) * W[k]!, 0) % 11]!;
};
const CLASS_1 = '2021级教育传媒1班';
const CLASS_2 = '2021级教育传媒2班';
const students = [CLASS_1, CLASS_1, CLASS_1, CLASS_2, CLASS_2, ''].map((className, i) => ({
  no: `85202110400${i}`,
  id: idOf(i),
  className,
}));
const CSV = [
  '姓名,学号,证件号,性别,学历,所在校别,电子邮箱,联系电话,班级',
  ...students.map((s, i) => `学生${i},${s.no},${s.id},女,本科,本部,s${i}@example.com,1381234567${i},${s.className}`),
].join('\r\n');

async function importRoster(csv = CSV) {
  return f.studio.records.roster.importFile(f.event.id, '名单.csv', Buffer.from(csv));
}
async function checkIn(i: number): Promise<OrderView> {
  const found = await f.call<{ entries: RosterEntryView[] }>('roster.list', {
    eventId: f.event.id,
    query: students[i]!.no,
  });
  const r = await f.call<{ order: OrderView }>('checkin.submit', {
    eventId: f.event.id,
    source: 'roster',
    rosterEntryId: found.entries[0]!.id,
    featureCode: FEATURE_CODE,
    idLast4: students[i]!.id.slice(-4),
    email: `s${i}@example.com`,
    phone: `1381234567${i}`,
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
const classes = async () =>
  (await f.call<{ classes: ClassSummaryView[] }>('payments.classes', { eventId: f.event.id })).classes;
const pay = (orderIds: string[], extra: Record<string, unknown> = {}) =>
  f.call<{ payment: PaymentView; orders: OrderView[] }>('payments.record', {
    eventId: f.event.id,
    method: 'cash',
    orderIds,
    operator: '李老师',
    ...extra,
  });

describe('按班级: classes from the roster, paid at once', () => {
  it('the roster import keeps 班级; a re-import without the column keeps the class', async () => {
    expect((await importRoster()).imported).toBe(6);
    const byClass = (await classes()).map((c) => [c.className, c.students]);
    expect(byClass).toEqual([
      [CLASS_1, 3],
      [CLASS_2, 2],
    ]);
    // the same list again without the 班级 column (a school's second export): the classes stay
    const noClass = CSV.split('\r\n')
      .map((line) => line.split(',').slice(0, 8).join(','))
      .join('\r\n');
    expect((await importRoster(noClass)).updated).toBe(6);
    expect((await classes()).map((c) => c.className)).toEqual([CLASS_1, CLASS_2]);
    // a 班级 longer than 50 characters is refused with its line, in Chinese
    const long = await importRoster(`姓名,学号,班级\r\n学生9,852021104009,${'班'.repeat(51)}`);
    expect(long.rejected).toEqual([{ line: 2, reason: '班级过长（最多 50 个字）' }]);
  });

  it('counts per class: students, checked in, unpaid, photo passed; orders off any class are 未分班', async () => {
    await importRoster();
    const [a, b, c, d] = [await checkIn(0), await checkIn(1), await checkIn(2), await checkIn(3)];
    await shoot(a.id, 'passed', 1);
    await shoot(b.id, 'passed', 2);
    await shoot(c.id, 'failed', 3);
    await checkIn(5); // on the roster without a class
    const list = await classes();
    expect(list.map(({ orderIds: _o, passedOrderIds: _p, unphotographedOrderIds: _u, ...counts }) => counts)).toEqual([
      { className: CLASS_1, students: 3, checkedIn: 3, paid: 0, unpaid: 3, photoPassed: 2 },
      { className: CLASS_2, students: 2, checkedIn: 1, paid: 0, unpaid: 1, photoPassed: 0 },
      { className: '', students: 1, checkedIn: 1, paid: 0, unpaid: 1, photoPassed: 0 },
    ]);
    expect(list[0]!.orderIds).toEqual([a.id, b.id, c.id]);
    expect(list[0]!.passedOrderIds).toEqual([a.id, b.id]);
    expect(list[1]!.orderIds).toEqual([d.id]);
    // 未拍摄 is only the one never photographed (c's photo failed 初审: photographed, 未通过初审)
    expect(list[0]!.unphotographedOrderIds).toEqual([]);
    expect(list[1]!.unphotographedOrderIds).toEqual([d.id]);
    expect(list[2]!.unphotographedOrderIds).toHaveLength(1);
  });

  it('a class is paid at once; the one whose photo failed 初审 needs the override, and the lists agree after', async () => {
    await importRoster();
    const [a, b, c] = [await checkIn(0), await checkIn(1), await checkIn(2)];
    await shoot(a.id, 'passed', 1);
    await shoot(b.id, 'passed', 2);
    await shoot(c.id, 'failed', 3);
    const class1 = (await classes())[0]!;

    // the whole class: refused without the reason, naming the order whose photo has not passed
    await expect(pay(class1.orderIds)).rejects.toMatchObject({
      code: 'conflict',
      field: 'override',
      message: expect.stringContaining(c.orderNo),
    });
    // only those whose photo passed: charged at once, fee × 2, one class payment
    const r = await pay(class1.passedOrderIds, { expectedAmountFen: 2 * f.event.feeFen });
    expect(r.payment).toMatchObject({ scope: 'class', amountFen: 2 * f.event.feeFen });
    let after = (await classes())[0]!;
    expect(after).toMatchObject({ paid: 2, unpaid: 1, orderIds: [c.id], passedOrderIds: [] });
    // the rest with the operator's reason (kept in the audit)
    await pay(after.orderIds, { override: { reason: '班级统一收费，稍后补拍' } });
    after = (await classes())[0]!;
    expect(after).toMatchObject({ paid: 3, unpaid: 0, orderIds: [] });
    const history = await f.call<{ history: { action: string; reason: string }[] }>('orders.get', { orderId: c.id });
    expect(history.history.some((h) => h.action === 'pay_override' && h.reason.includes('稍后补拍'))).toBe(true);

    // a void puts the class's orders back on its list
    await f.call('payments.void', { paymentId: r.payment.id, kind: 'void', reason: '录错了', operator: '李老师' });
    after = (await classes())[0]!;
    expect(after).toMatchObject({ paid: 1, unpaid: 2, orderIds: [a.id, b.id], passedOrderIds: [a.id, b.id] });
  });

  it('an unknown event is refused in Chinese', async () => {
    await expect(f.call('payments.classes', { eventId: 'nope' })).rejects.toMatchObject({ message: '采集活动不存在' });
  });
});

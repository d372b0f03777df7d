import { describe, expect, it } from 'vitest';
import { classSummaries, type ClassMember, type ClassOrder } from '../../../src/main/payments/class-summary';
import {
  classOrders,
  classStatus,
  collectStep,
  initialPayment,
  nextClassToCharge,
  paymentReducer,
  photoStatus,
  pickedClass,
  selectedOrders,
  unphotographedIds,
} from '../../../src/renderer/station/payment-state';
import type { ClassSummaryView } from '../../../src/shared/contract/payments';
import type { OrderView } from '../../../src/shared/contract/views';

// 收费 → 按班级: the class rules (grouping by the roster's 班级, what a class pick charges, where the focus goes next).

const member = (id: string, className: string, studentNo: string | null, code: string | null = null): ClassMember => ({
  id,
  className,
  studentNo,
  collectionCode: code,
});
const order = (id: string, over: Partial<ClassOrder> = {}): ClassOrder => ({
  id,
  rosterEntryId: null,
  studentNo: `no-${id}`,
  collectionCode: null,
  chargeable: true,
  paid: false,
  photoPassed: true,
  photographed: true,
  ...over,
});

describe('classSummaries (the roster 班级 groups the event orders)', () => {
  it('matches an order by its roster entry, else the 学号, else the 采集码; the rest is 未分班', () => {
    const members = [
      member('r1', '1班', '001'),
      member('r2', '1班', '002'),
      member('r3', '2班', null, 'c8bade99b9b2edca'),
      member('r4', '10班', '004'),
    ];
    const list = classSummaries(members, [
      order('o1', { rosterEntryId: 'r1', studentNo: 'x' }),
      order('o2', { studentNo: '002', photoPassed: false, photographed: false }),
      order('o3', { collectionCode: 'c8bade99b9b2edca', paid: true, chargeable: false }),
      order('o9', { studentNo: 'walk-in' }),
    ]);
    // numbers as numbers (2班 before 10班), 未分班 last
    expect(list.map((c) => c.className)).toEqual(['1班', '2班', '10班', '']);
    expect(list[0]).toEqual({
      className: '1班',
      students: 2,
      checkedIn: 2,
      paid: 0,
      unpaid: 2,
      photoPassed: 1,
      orderIds: ['o1', 'o2'],
      passedOrderIds: ['o1'],
      unphotographedOrderIds: ['o2'],
    });
    expect(list[1]).toMatchObject({ students: 1, checkedIn: 1, paid: 1, unpaid: 0, orderIds: [] });
    expect(list[2]).toMatchObject({ students: 1, checkedIn: 0, unpaid: 0, orderIds: [] });
    expect(list[3]).toMatchObject({ className: '', students: 1, checkedIn: 1, orderIds: ['o9'] });
  });

  it('an order not to be charged (not 待支付) is counted but never picked; no 未分班 row without orders', () => {
    const list = classSummaries(
      [member('r1', '1班', '001')],
      [order('o1', { rosterEntryId: 'r1', chargeable: false, paid: false })],
    );
    expect(list).toEqual([
      {
        className: '1班',
        students: 1,
        checkedIn: 1,
        paid: 0,
        unpaid: 0,
        photoPassed: 1,
        orderIds: [],
        passedOrderIds: [],
        unphotographedOrderIds: [],
      },
    ]);
  });
});

const view = (id: string, over: Partial<OrderView> = {}): OrderView =>
  ({
    id,
    orderNo: `S1-20260601-000${id}`,
    state: 'pending_payment',
    stateLabel: '待支付',
    name: '',
    nameMasked: '黄*正',
    studentNo: `85202110201${id}`,
    major: '教育传媒',
    paid: false,
    finalPhotoSha256: 'a'.repeat(64),
    ...over,
  }) as OrderView;
const summary = (className: string, orderIds: string[], passedOrderIds = orderIds): ClassSummaryView => ({
  className,
  students: orderIds.length,
  checkedIn: orderIds.length,
  paid: 0,
  unpaid: orderIds.length,
  photoPassed: passedOrderIds.length,
  orderIds,
  passedOrderIds,
  unphotographedOrderIds: [],
});

describe('按班级 on the 收费 page', () => {
  const orders = [view('1'), view('2', { finalPhotoSha256: null }), view('3')];
  const classes = [summary('1班', ['1', '2'], ['1']), summary('2班', ['3']), summary('3班', [])];

  it('picking a class charges its unpaid orders at once; the list shows that class only', () => {
    const s = paymentReducer(
      { ...initialPayment, scope: 'class' },
      { type: 'pickClass', className: '1班', ids: ['1', '2'] },
    );
    const picked = pickedClass(classes, s.className);
    const list = classOrders(orders, picked);
    expect(list.map((o) => o.id)).toEqual(['1', '2']);
    const selected = selectedOrders(s, null, list);
    expect(selected.map((o) => o.id)).toEqual(['1', '2']);
    expect(classOrders(orders, null)).toHaveLength(3);
  });

  it('money follows the photo: a class with a photo not passed asks for the override first', () => {
    const ctx = { eventId: 'e', operator: '李老师', amountFen: 3000 };
    const all = orders.slice(0, 2);
    expect(collectStep(initialPayment, { ...ctx, selected: all })).toEqual({ kind: 'askOverride' });
    // 只收初审合格的: no reason needed
    const s = paymentReducer(initialPayment, { type: 'pickClass', className: '1班', ids: classes[0]!.passedOrderIds });
    const passedOnly = selectedOrders({ ...s, scope: 'class' }, null, classOrders(orders, classes[0]!));
    expect(passedOnly.map((o) => o.id)).toEqual(['1']);
    expect(collectStep(initialPayment, { ...ctx, selected: passedOnly, amountFen: 1500 }).kind).toBe('send');
  });

  it('after a payment the picked class is cleared and the focus goes to the next class with someone to charge', () => {
    const s = paymentReducer(
      { ...initialPayment, scope: 'class', className: '1班', picked: new Set(['1']) },
      { type: 'paid', notice: '已收款', target: { orderIds: ['1'], who: '1班', how: '现金' } },
    );
    expect(s.className).toBeNull();
    expect(s.picked.size).toBe(0);
    expect(nextClassToCharge(classes, '1班')).toBe('2班');
    expect(nextClassToCharge(classes, '2班')).toBe('1班'); // wraps, skipping 3班 (nothing to charge)
    expect(nextClassToCharge([summary('1班', [])], '1班')).toBeNull();
    // switching scope forgets the class
    expect(
      paymentReducer({ ...initialPayment, className: '1班' }, { type: 'scope', scope: 'self' }).className,
    ).toBeNull();
  });
});

describe('按班级 labels (one rule)', () => {
  it('a class: 收本班 with someone to charge, 无人签到 when nobody checked in, else 已收齐', () => {
    expect(classStatus({ orderIds: ['1'], checkedIn: 1 })).toBe('charge');
    expect(classStatus({ orderIds: [], checkedIn: 0 })).toBe('nobody');
    expect(classStatus({ orderIds: [], checkedIn: 2 })).toBe('done');
  });

  it('an order: 初审合格, 未通过初审 when photographed, 未拍摄 when no photo was taken', () => {
    const none = unphotographedIds([{ ...summary('1班', ['2', '3'], []), unphotographedOrderIds: ['3'] }]);
    expect(photoStatus(view('1'), none)).toBe('passed');
    expect(photoStatus(view('2', { finalPhotoSha256: null }), none)).toBe('failed');
    expect(photoStatus(view('3', { finalPhotoSha256: null }), none)).toBe('none');
  });
});

import { describe, expect, it } from 'vitest';
import {
  chargeable,
  classCandidates,
  collectStep,
  initialPayment,
  normalizeReference,
  paymentReducer,
  paidTarget,
  receiptTarget,
  selectedOrders,
  showsPaymentForm,
  stillPicked,
  withoutPassingPhoto,
  type PaymentAction,
  type PaymentState,
} from '../../../src/renderer/station/payment-state';
import type { OrderView } from '../../../src/shared/contract/views';

const order = (id: string, over: Partial<OrderView> = {}): OrderView =>
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

describe('收费 rules', () => {
  it('only unpaid 待支付 orders can be charged; the class list offers exactly those', () => {
    const list = [
      order('3'),
      order('1'),
      order('2', { paid: true, stateLabel: '已付款，待合格照片' }),
      order('4', { state: 'pending_review', paid: true }),
    ];
    expect(list.filter(chargeable).map((o) => o.id)).toEqual(['3', '1']);
    expect(classCandidates(list, '').map((o) => o.id)).toEqual(['1', '3']);
    expect(classCandidates(list, '852021102013').map((o) => o.id)).toEqual(['3']);
    expect(classCandidates(list, '教育').map((o) => o.id)).toEqual(['1', '3']);
  });

  it('orders without a passing final photo need the override', () => {
    expect(withoutPassingPhoto([order('1'), order('2', { finalPhotoSha256: null })]).map((o) => o.id)).toEqual(['2']);
  });

  it('a picked order paid elsewhere in the meantime is dropped from the selection', () => {
    expect(stillPicked(new Set(['1', '2']), [order('1')])).toEqual(['1']);
  });

  it('a scanned 付款码 loses the scanner’s spaces and line breaks', () => {
    expect(normalizeReference(' 4200 0012 3420\n2606 0100 01 ')).toBe('4200001234202606010001');
  });
});

const run = (...actions: PaymentAction[]): PaymentState => actions.reduce(paymentReducer, initialPayment);
const problem = (fields: Record<string, string> = {}) => ({ message: '出错了', fields, code: 'invalid_request' });
const ctx = (over: Partial<Parameters<typeof collectStep>[1]> = {}) => ({
  eventId: 'e1',
  operator: '王老师',
  selected: [order('1')],
  amountFen: 1500,
  ...over,
});

describe('收费 state machine', () => {
  it('本人: the current student is charged only while 待支付 and unpaid; the form follows', () => {
    const s = run();
    expect(selectedOrders(s, order('1'), []).map((o) => o.id)).toEqual(['1']);
    expect(selectedOrders(s, order('1', { paid: true }), [])).toEqual([]);
    expect(selectedOrders(s, null, [])).toEqual([]);
    expect(showsPaymentForm('self', order('1'))).toBe(true);
    expect(showsPaymentForm('self', order('1', { state: 'pending_review', paid: true }))).toBe(false);
    expect(showsPaymentForm('self', null)).toBe(false);
    expect(showsPaymentForm('class', null)).toBe(true);
  });

  it('按班级: picks toggle, 全选 takes the list, a pick paid elsewhere drops out', () => {
    const list = [order('1'), order('2'), order('3')];
    let s = run({ type: 'scope', scope: 'class' }, { type: 'toggle', id: '1' }, { type: 'toggle', id: '2' });
    s = paymentReducer(s, { type: 'toggle', id: '1' });
    expect(selectedOrders(s, null, list).map((o) => o.id)).toEqual(['2']);
    s = paymentReducer(s, { type: 'pickAll', ids: list.map((o) => o.id) });
    expect(selectedOrders(s, null, [order('1'), order('3')]).map((o) => o.id)).toEqual(['1', '3']);
  });

  it('a method or reference change clears the problem; a scope change clears problem and notice', () => {
    const failed = run({ type: 'problem', problem: problem() });
    expect(paymentReducer(failed, { type: 'method', method: 'wechat' }).problem).toBeNull();
    expect(paymentReducer(failed, { type: 'reference', value: '42' })).toMatchObject({
      reference: '42',
      problem: null,
    });
    const paid = run(
      { type: 'paid', notice: '已收款 ¥15.00（1 人）', target: { orderIds: ['o1'], who: '黄*正', how: '现金' } },
      { type: 'problem', problem: problem() },
    );
    // the other tab never offers this tab's payment for a receipt
    const other = paymentReducer(paid, { type: 'scope', scope: 'class' });
    expect(other).toMatchObject({ notice: null, problem: null, paid: null, receipts: [] });
    expect(receiptTarget(other, order('1', { paid: true }))).toBeNull();
  });

  it('a payment: busy while sending, then the notice, reference and picks cleared, the paid order kept for its receipt', () => {
    let s = run({ type: 'reference', value: '4200 0012' }, { type: 'toggle', id: '1' }, { type: 'sending' });
    expect(s).toMatchObject({ busy: true, problem: null, notice: null });
    const target = paidTarget({ payment: { method: 'cash', reference: null }, orders: [order('1')] }, null);
    expect(target).toEqual({ orderIds: ['1'], who: '黄*正（S1-20260601-0001）', how: '现金' });
    s = paymentReducer(s, { type: 'paid', notice: '已收款 ¥15.00（1 人）', target });
    expect(s).toMatchObject({ notice: '已收款 ¥15.00（1 人）', reference: '', paid: target, busy: true });
    expect(s.picked.size).toBe(0);
    expect(paymentReducer(s, { type: 'settled' }).busy).toBe(false);
    expect(receiptTarget(s, order('x'))).toBe(target);
    // the next student: nothing of the previous payment stays on screen
    const next = paymentReducer(s, { type: 'orderChanged' });
    expect(next).toMatchObject({ notice: null, receipts: [], paid: null, problem: null });
    expect(receiptTarget(next, order('2', { paid: true }))?.orderIds).toEqual(['2']);
    expect(receiptTarget(next, order('2'))).toBeNull();
  });

  it('a second payment replaces the first one in the receipt box, its receipts start afresh', () => {
    const first = paidTarget({ payment: { method: 'cash', reference: null }, orders: [order('4')] }, null);
    let s = run({ type: 'paid', notice: '已收款', target: first });
    const r1 = { orderId: '4', orderNo: 'S1-20260601-0004', copy: 1 } as never;
    s = paymentReducer(s, { type: 'receipts', orderIds: ['4'], receipts: [r1] });
    expect(s.receipts).toHaveLength(1);
    s = paymentReducer(s, { type: 'scope', scope: 'class' });
    const second = paidTarget(
      { payment: { method: 'wechat', reference: '4200001' }, orders: [order('1'), order('2')] },
      '2021级1班',
    );
    expect(second).toEqual({
      orderIds: ['1', '2'],
      who: '2021级1班 · 2 人（每人一张）：黄*正（S1-20260601-0001）、黄*正（S1-20260601-0002）',
      how: '微信支付 · 交易单号 4200001',
    });
    s = paymentReducer(s, { type: 'paid', notice: '已收款', target: second });
    expect(receiptTarget(s, order('4', { paid: true }))).toBe(second);
    expect(s.receipts).toEqual([]);
    // a late answer for the earlier payment's receipts does not land in this box
    expect(paymentReducer(s, { type: 'receipts', orderIds: ['4'], receipts: [r1] }).receipts).toEqual([]);
  });

  it('a server refusal that asks for the override reason opens the dialog; cancel closes it and clears the problem', () => {
    const s = run({ type: 'sending' }, { type: 'failed', problem: problem({ override: '请填写先收费的原因' }) });
    expect(s).toMatchObject({ busy: false, askOverride: true });
    expect(run({ type: 'sending' }, { type: 'failed', problem: problem() }).askOverride).toBe(false);
    expect(paymentReducer(s, { type: 'cancelOverride' })).toMatchObject({ askOverride: false, problem: null });
  });

  it('确认收款: event and operator first, nothing selected does nothing, e-payments need the 交易单号', () => {
    expect(collectStep(initialPayment, ctx({ eventId: null }))).toMatchObject({ kind: 'problem' });
    expect(collectStep(initialPayment, ctx({ operator: ' ' }))).toMatchObject({ kind: 'problem' });
    expect(collectStep(initialPayment, ctx({ selected: [] }))).toEqual({ kind: 'nothing' });
    const wechat = run({ type: 'method', method: 'wechat' });
    const step = collectStep(wechat, ctx());
    expect(step).toMatchObject({ kind: 'problem', focusReference: true });
    if (step.kind === 'problem') expect(step.problem.fields.reference).toMatch(/交易单号/);
  });

  it('money follows the photo: without a passing photo the reason is asked first, then sent with it', () => {
    const noPhoto = ctx({ selected: [order('1', { finalPhotoSha256: null })] });
    expect(collectStep(initialPayment, noPhoto)).toEqual({ kind: 'askOverride' });
    const step = collectStep(initialPayment, { ...noPhoto, overrideReason: '学生赶时间' });
    expect(step).toMatchObject({ kind: 'send', request: { override: { reason: '学生赶时间' } } });
  });

  it('the request: the scanned reference without spaces, the amount on screen, no reference for cash', () => {
    const s = run({ type: 'method', method: 'alipay' }, { type: 'reference', value: ' 2026 0601\n0001 ' });
    expect(collectStep(s, ctx())).toEqual({
      kind: 'send',
      request: {
        eventId: 'e1',
        method: 'alipay',
        orderIds: ['1'],
        reference: '202606010001',
        payerNote: '',
        expectedAmountFen: 1500,
        operator: '王老师',
        override: undefined,
      },
    });
    const cash = run({ type: 'reference', value: '123' });
    const step = collectStep(cash, ctx());
    expect(step.kind === 'send' && step.request.reference).toBeUndefined();
  });
});

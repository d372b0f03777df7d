import { describe, expect, it } from 'vitest';
import {
  chargeable,
  classCandidates,
  normalizeReference,
  stillPicked,
  withoutPassingPhoto,
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

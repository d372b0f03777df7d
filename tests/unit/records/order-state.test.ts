import { describe, expect, it } from 'vitest';
import {
  ORDER_ACTIONS,
  ORDER_STATES,
  actionAfterPhoto,
  canAddPhoto,
  transition,
  type OrderAction,
  type OrderState,
} from '../../../src/shared/domain/order-state';
import { formatOrderNumber, parseOrderNumber } from '../../../src/shared/domain/order-number';

const ready = { paid: true, hasFinalPhoto: true };

// The complete table: every (state, action) pair not listed here must be refused.
const ALLOWED: Record<string, OrderState> = {
  'pending_payment:submit': 'pending_review',
  'pending_review:approve': 'approved',
  'pending_review:reject': 'rejected',
  'pending_review:unpay': 'pending_payment',
  'approved:complete': 'done',
  'collecting:approve': 'approved',
  'collecting:reject': 'rejected',
  'rejected:reupload': 'collecting',
};

describe('order state machine (the seeds: 待支付 → 待审核 → 待制作 → 采集完成, 审核驳回 → 重新上传 → 采集中)', () => {
  const pairs = ORDER_STATES.flatMap((s) => ORDER_ACTIONS.map((a) => [s, a] as [OrderState, OrderAction]));

  it.each(pairs)('%s + %s', (state, action) => {
    const result = transition(state, action, ready, '照片背景不均匀');
    const expected = ALLOWED[`${state}:${action}`];
    if (expected) expect(result).toEqual({ ok: true, to: expected });
    else {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/不能执行/);
    }
  });

  it('submission needs payment and a final photo', () => {
    expect(transition('pending_payment', 'submit', { paid: false, hasFinalPhoto: true })).toEqual({
      ok: false,
      reason: '订单尚未付款，不能提交审核',
    });
    expect(transition('pending_payment', 'submit', { paid: true, hasFinalPhoto: false }).ok).toBe(false);
    expect(transition('rejected', 'reupload', { paid: true, hasFinalPhoto: false }).ok).toBe(false);
  });

  it('a rejection needs a reason', () => {
    expect(transition('pending_review', 'reject', ready, '  ')).toEqual({ ok: false, reason: '驳回时须填写驳回原因' });
  });

  it('photos can be (re)taken before review and after rejection, never after approval', () => {
    expect(ORDER_STATES.filter(canAddPhoto)).toEqual(['pending_payment', 'pending_review', 'collecting', 'rejected']);
    expect(actionAfterPhoto('rejected')).toBe('reupload');
    expect(actionAfterPhoto('pending_payment')).toBe('submit');
    expect(actionAfterPhoto('approved')).toBeNull();
  });
});

describe('order numbers', () => {
  it('formats station-date-sequence and parses it back', () => {
    expect(formatOrderNumber('S1', '2026-06-01', 42)).toBe('S1-20260601-0042');
    expect(formatOrderNumber('S1', '2026-06-01', 12345)).toBe('S1-20260601-12345');
    expect(parseOrderNumber('s1-20260601-0042')).toEqual({ station: 'S1', day: '20260601', seq: 42 });
    expect(parseOrderNumber('S1-2026061-0042')).toBeNull();
  });

  it('refuses bad station codes and sequences', () => {
    expect(() => formatOrderNumber('s-1', '2026-06-01', 1)).toThrow();
    expect(() => formatOrderNumber('S1', '2026-06-01', 0)).toThrow();
  });
});

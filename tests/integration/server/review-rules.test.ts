import { describe, expect, it } from 'vitest';
import { RateLimiter, adviceFor, allowedDecisions, waitsForReview } from '../../../src/server';
import { ORDER_STATES } from '../../../src/shared/domain/order-state';

// Pure rules of the central server: which orders wait for review, which decisions they can take, what a
// student is told, and the status page's rate limiter.

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('review rules', () => {
  it('an order waits while 待审核/采集中 with a final photo nobody decided on', () => {
    expect(
      waitsForReview({ state: 'pending_review', finalPhotoSha256: A, reviewedPhotoSha256: null, done: false }),
    ).toBe(true);
    expect(waitsForReview({ state: 'collecting', finalPhotoSha256: B, reviewedPhotoSha256: A, done: false })).toBe(
      true,
    );
    expect(waitsForReview({ state: 'pending_review', finalPhotoSha256: A, reviewedPhotoSha256: A, done: false })).toBe(
      false,
    );
    expect(
      waitsForReview({ state: 'pending_review', finalPhotoSha256: null, reviewedPhotoSha256: null, done: false }),
    ).toBe(false);
    for (const state of ['pending_payment', 'approved', 'done', 'rejected'] as const)
      expect(waitsForReview({ state, finalPhotoSha256: A, reviewedPhotoSha256: null, done: false })).toBe(false);
  });

  it('approve/reject while waiting, 采集完成 once 待制作 and only once', () => {
    expect(
      allowedDecisions({ state: 'pending_review', finalPhotoSha256: A, reviewedPhotoSha256: null, done: false }),
    ).toEqual(['approved', 'rejected']);
    expect(allowedDecisions({ state: 'approved', finalPhotoSha256: A, reviewedPhotoSha256: A, done: false })).toEqual([
      'done',
    ]);
    expect(allowedDecisions({ state: 'approved', finalPhotoSha256: A, reviewedPhotoSha256: A, done: true })).toEqual(
      [],
    );
    expect(allowedDecisions({ state: 'rejected', finalPhotoSha256: A, reviewedPhotoSha256: A, done: false })).toEqual(
      [],
    );
  });

  it('tells the student what to do in every state, in Chinese', () => {
    for (const s of ORDER_STATES) expect(adviceFor(s)).toMatch(/[\u4e00-\u9fff]/);
    expect(adviceFor('rejected')).toContain('重新拍摄');
  });

  it('rate limiter: max tries per window per key, a new window starts afresh', () => {
    let t = 0;
    const rl = new RateLimiter(2, 1000, () => t);
    expect([rl.allow('a'), rl.allow('a'), rl.allow('a'), rl.allow('b')]).toEqual([true, true, false, true]);
    t = 1000;
    expect(rl.allow('a')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../src/main/sync/backoff';
import { planReview } from '../../../src/main/sync/review-plan';
import { nextSyncConfig, tokenHint } from '../../../src/main/sync/sync-config';
import { classifyNetworkError, classifyStatus } from '../../../src/main/sync/sync-error';
import { checksOf } from '../../../src/main/sync/snapshot';
import { SyncRepo } from '../../../src/main/sync/sync-repo';
import { normalizeFingerprint, SyncConfigureRequest } from '../../../src/shared/contract/sync';

const facts = { paid: true, hasFinalPhoto: true };

describe('backoff', () => {
  it('doubles per failure within [ceiling/2, ceiling], capped', () => {
    const p = { baseMs: 100, maxMs: 1000 };
    expect(backoffDelay(1, p, 0)).toBe(50);
    expect(backoffDelay(1, p, 0.999)).toBe(100);
    expect(backoffDelay(3, p, 0)).toBe(200);
    expect(backoffDelay(3, p, 0.5)).toBe(300);
    expect(backoffDelay(20, p, 0.999)).toBe(1000);
    expect(backoffDelay(20, p, 0)).toBe(500);
  });
});

describe('error sorting', () => {
  it('5xx and timeouts retry, 401 is auth, other 4xx park with the server message', () => {
    expect(classifyStatus(503, '', 'x').kind).toBe('retry');
    expect(classifyStatus(429, '', 'x').kind).toBe('retry');
    const auth = classifyStatus(401, '{"error":{"code":"unauthorized","message":"令牌无效"}}', 'x');
    expect(auth.kind).toBe('auth');
    expect(auth.message).toContain('吊销');
    const bad = classifyStatus(400, '{"error":{"code":"invalid_request","message":"证件号须为脱敏形式"}}', '上传订单');
    expect(bad.kind).toBe('park');
    expect(bad.message).toContain('证件号须为脱敏形式');
    expect(classifyNetworkError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), 'x').kind).toBe('retry');
    expect(classifyNetworkError(Object.assign(new Error('指纹不符'), { code: 'CERT_PIN_MISMATCH' }), 'x').kind).toBe(
      'auth',
    );
  });
});

describe('reviews through the state machine', () => {
  it('maps decisions to actions the state machine allows', () => {
    expect(planReview('pending_review', facts, { decision: 'approved', reason: '', reasonCode: null }).actions).toEqual(
      ['approve'],
    );
    const rej = planReview('collecting', facts, { decision: 'rejected', reason: '', reasonCode: 'blurry' });
    expect(rej).toMatchObject({ actions: ['reject'], reason: '照片模糊' });
    expect(planReview('pending_review', facts, { decision: 'done', reason: '', reasonCode: null }).actions).toEqual([
      'approve',
      'complete',
    ]);
    expect(planReview('approved', facts, { decision: 'approved', reason: '', reasonCode: null }).actions).toEqual([]);
    // 待支付 cannot be approved: nothing applied, the reason is kept as a note
    const no = planReview('pending_payment', facts, { decision: 'approved', reason: '', reasonCode: null });
    expect(no.actions).toEqual([]);
    expect(no.note).toContain('未应用');
  });
});

describe('configuration', () => {
  it('keeps the stored token for the same server, never for another; pins only https', () => {
    const stored = { serverUrl: 'https://c.example', token: 'tok-123456789', fingerprint: 'a'.repeat(64) };
    expect(nextSyncConfig(stored, { serverUrl: 'https://c.example' })).toEqual(stored);
    expect(() => nextSyncConfig(stored, { serverUrl: 'https://other.example' })).toThrow('令牌');
    expect(() =>
      nextSyncConfig(null, { serverUrl: 'http://c', token: 'abcdefgh', fingerprint: 'a'.repeat(64) }),
    ).toThrow('https');
    expect(nextSyncConfig(stored, { serverUrl: null })).toBeNull();
    expect(tokenHint('secret-token-wxyz')).toBe('…wxyz');
  });

  it('accepts fingerprints as openssl prints them', () => {
    const colon = Array.from({ length: 32 }, () => 'AB').join(':');
    expect(normalizeFingerprint(colon)).toBe('ab'.repeat(32));
    expect(normalizeFingerprint('xyz')).toBeNull();
    const r = SyncConfigureRequest.safeParse({ serverUrl: 'ftp://x', token: 'abcdefgh' });
    expect(r.success).toBe(false);
    const ok = SyncConfigureRequest.parse({ serverUrl: 'https://c.example/', token: 'abcdefgh', fingerprint: colon });
    expect(ok).toMatchObject({ serverUrl: 'https://c.example', fingerprint: 'ab'.repeat(32) });
    expect(SyncConfigureRequest.parse({ serverUrl: 'HTTPS://C.example:8443/', token: 'abcdefgh' }).serverUrl).toBe(
      'https://C.example:8443',
    );
    expect(SyncConfigureRequest.safeParse({ serverUrl: 'https://user:pw@c.example', token: 'abcdefgh' }).success).toBe(
      false,
    );
  });
});

describe('queue', () => {
  it('one unit per order, in the order of its oldest row', () => {
    const units = SyncRepo.units([
      { id: 1, topic: 'order.upsert', orderId: 'b', attempts: 0 },
      { id: 2, topic: 'order.upsert', orderId: 'a', attempts: 1 },
      { id: 3, topic: 'photo.final', orderId: 'b', attempts: 2 },
      { id: 4, topic: 'payment.upsert', orderId: null, attempts: 0 },
    ]);
    expect(units).toEqual([
      { orderId: 'b', firstId: 1, attempts: 2 },
      { orderId: 'a', firstId: 2, attempts: 1 },
    ]);
  });

  it('check results: the producer reasons become failed checks', () => {
    expect(checksOf(JSON.stringify({ reasons: [{ code: 'eyes.open', message: '闭眼' }] }))).toEqual([
      { id: 'eyes.open', status: 'fail', value: null, threshold: '', message: '闭眼' },
    ]);
    expect(checksOf(null)).toEqual([]);
    expect(checksOf('not json')).toEqual([]);
  });
});

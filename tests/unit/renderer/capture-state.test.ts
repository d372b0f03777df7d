import { describe, expect, it } from 'vitest';
import type { Res } from '../../../src/shared/contract';
import {
  acceptStep,
  faceUnconfirmed,
  captureReducer,
  currentOrderRequest,
  INITIAL_CAPTURE,
  keyIntent,
  shotForScreen,
  shouldAutoCapture,
  shutterBlock,
  sitterNeedsPhoto,
  type CaptureState,
} from '../../../src/renderer/station/capture-state';

const stored = (precheck: 'passed' | 'failed' | null): Res<'photos.capture'> =>
  ({
    original: { id: 'p1', version: 1, kind: 'original' },
    final: precheck ? { id: 'p2', version: 1, kind: 'final', precheck } : null,
    order: { id: 'o1' },
  }) as unknown as Res<'photos.capture'>;

const withResult = (precheck: 'passed' | 'failed' | null, orderId = 'o1'): CaptureState =>
  captureReducer(INITIAL_CAPTURE, { type: 'stored', orderId, result: stored(precheck) });

describe('拍摄 state', () => {
  it('a new shot clears the previous photo and verdict at once; a failure keeps the page usable', () => {
    const s = captureReducer(withResult('failed'), { type: 'shoot' });
    expect(s).toMatchObject({ phase: 'shooting', result: null, error: null });
    expect(captureReducer(s, { type: 'processing' }).phase).toBe('processing');
    const failed = captureReducer(s, { type: 'failed', error: '相机 USB 连接已断开' });
    expect(failed).toMatchObject({ phase: 'idle', error: '相机 USB 连接已断开', result: null });
    // 'processing' only follows a shot in progress
    expect(captureReducer(INITIAL_CAPTURE, { type: 'processing' }).phase).toBe('idle');
  });

  it('a result belongs to its student: another sitter clears it, the same one keeps it', () => {
    const s = withResult('passed', 'o1');
    expect(captureReducer(s, { type: 'sitter', orderId: 'o1' })).toBe(s);
    expect(captureReducer(s, { type: 'sitter', orderId: 'o2' }).result).toBeNull();
    expect(captureReducer(s, { type: 'sitter', orderId: null }).result).toBeNull();
    expect(captureReducer(s, { type: 'retake' }).result).toBeNull();
  });

  it('the shutter needs a student, an idle camera and an operator', () => {
    expect(shutterBlock(INITIAL_CAPTURE, { orderId: null, operator: '张' })).toBe('noOrder');
    expect(shutterBlock({ ...INITIAL_CAPTURE, phase: 'processing' }, { orderId: 'o1', operator: '张' })).toBe('busy');
    expect(shutterBlock(INITIAL_CAPTURE, { orderId: 'o1', operator: '  ' })).toBe('noOperator');
    expect(shutterBlock(INITIAL_CAPTURE, { orderId: 'o1', operator: '张' })).toBeNull();
  });

  it('only a passing 初审 leads on: to 收费 when unpaid, else to the next student', () => {
    expect(acceptStep(withResult('failed'), true)).toBeNull();
    expect(acceptStep(withResult(null), true)).toBeNull();
    expect(acceptStep(withResult('passed'), false)).toBe('payment');
    expect(acceptStep(withResult('passed'), null)).toBe('payment');
    expect(acceptStep(withResult('passed'), true)).toBe('next');
  });

  it('auto-capture fires after N passing frames, once per sitting, never for a hot folder or a closed gate', () => {
    const base = { auto: true, frames: 8, passStreak: 8, state: INITIAL_CAPTURE, cameraKind: 'replay' as const };
    expect(shouldAutoCapture(base)).toBe(true);
    expect(shouldAutoCapture({ ...base, passStreak: 7 })).toBe(false);
    expect(shouldAutoCapture({ ...base, auto: false })).toBe(false);
    expect(shouldAutoCapture({ ...base, state: withResult('failed') })).toBe(false);
    expect(shouldAutoCapture({ ...base, state: { ...INITIAL_CAPTURE, phase: 'shooting' } })).toBe(false);
    expect(shouldAutoCapture({ ...base, cameraKind: 'hotfolder' })).toBe(false);
    expect(shouldAutoCapture({ ...base, gate: false })).toBe(false);
    expect(shouldAutoCapture({ ...base, cameraKind: 'browser', gate: true })).toBe(true);
  });

  it('keys: Space shoots outside fields, Enter accepts a pass unless on a button, R retakes a shown photo', () => {
    const key = { isAccept: false, isRetake: false, isSpace: false, repeat: false };
    const free = { inField: false, onButton: false };
    expect(keyIntent({ ...key, isSpace: true }, free, INITIAL_CAPTURE)).toBe('shoot');
    expect(keyIntent({ ...key, isSpace: true }, { ...free, inField: true }, INITIAL_CAPTURE)).toBeNull();
    expect(keyIntent({ ...key, isSpace: true, repeat: true }, free, INITIAL_CAPTURE)).toBeNull();
    expect(keyIntent({ ...key, isAccept: true }, free, withResult('passed'))).toBe('accept');
    expect(keyIntent({ ...key, isAccept: true }, { ...free, onButton: true }, withResult('passed'))).toBeNull();
    expect(keyIntent({ ...key, isAccept: true }, free, withResult('failed'))).toBeNull();
    expect(keyIntent({ ...key, isRetake: true }, free, withResult('failed'))).toBe('retake');
    expect(keyIntent({ ...key, isRetake: true }, free, INITIAL_CAPTURE)).toBeNull();
  });

  it('the station camera is told the student only with the station source and an operator', () => {
    expect(currentOrderRequest({ orderId: 'o1', operator: ' 张老师 ', source: 'station' })).toEqual({
      orderId: 'o1',
      operator: '张老师',
    });
    expect(currentOrderRequest({ orderId: 'o1', operator: '', source: 'station' })).toEqual({ orderId: null });
    expect(currentOrderRequest({ orderId: 'o1', operator: '张', source: 'browser' })).toEqual({ orderId: null });
    expect(currentOrderRequest({ orderId: null, operator: '张', source: 'station' })).toEqual({ orderId: null });
  });

  it('a shot stored on the camera shows only for the student on screen', () => {
    const r = stored('passed');
    expect(shotForScreen({ outcome: 'order', orderId: 'o1', result: r }, 'o1')).toEqual({
      type: 'stored',
      orderId: 'o1',
      result: r,
    });
    expect(shotForScreen({ outcome: 'order', orderId: 'o2', result: r }, 'o1')).toBeNull();
    expect(shotForScreen({ outcome: 'tray', orderId: null, result: null }, 'o1')).toBeNull();
  });
});

describe('auto-capture only for a sitter who still needs a photo', () => {
  const order = (
    over: Partial<{
      id: string;
      state: 'pending_payment' | 'pending_review' | 'rejected' | 'approved';
      finalPhotoSha256: string | null;
    }> = {},
  ) => ({
    id: 'o1',
    state: 'pending_payment' as const,
    finalPhotoSha256: null,
    ...over,
  });
  it('a checked-in student without a passing photo: yes', () => {
    expect(sitterNeedsPhoto(order(), 'o1')).toBe(true);
  });
  it('a student already photographed, paid and waiting for review, or approved: never by itself', () => {
    expect(sitterNeedsPhoto(order({ finalPhotoSha256: 'ab' }), 'o1')).toBe(false);
    expect(sitterNeedsPhoto(order({ state: 'pending_review', finalPhotoSha256: 'ab' }), 'o1')).toBe(false);
    expect(sitterNeedsPhoto(order({ state: 'approved' }), 'o1')).toBe(false);
  });
  it("the previous student's order still in memory, or nobody on screen: no", () => {
    expect(sitterNeedsPhoto(order({ id: 'o0' }), 'o1')).toBe(false);
    expect(sitterNeedsPhoto(order(), null)).toBe(false);
    expect(sitterNeedsPhoto(null, 'o1')).toBe(false);
  });
  it('the gate closes shouldAutoCapture even with every check passing', () => {
    const input = { auto: true, frames: 3, passStreak: 10, state: INITIAL_CAPTURE, cameraKind: 'replay' as const };
    expect(shouldAutoCapture({ ...input, gate: sitterNeedsPhoto(order(), 'o1') })).toBe(true);
    expect(shouldAutoCapture({ ...input, gate: sitterNeedsPhoto(order({ finalPhotoSha256: 'ab' }), 'o1') })).toBe(
      false,
    );
  });
});

describe('a 人脸一致性 warning holds the way on until the photographer confirms', () => {
  const warned = () =>
    captureReducer(INITIAL_CAPTURE, {
      type: 'stored',
      orderId: 'o1',
      result: {
        ...stored('passed'),
        face: { status: 'warn', warnings: [{ kind: 'different_person', photoId: 'p0', similarity: 0.4 }] },
      } as unknown as Res<'photos.capture'>,
    });
  it('Enter does nothing before 已核对是本人, leads on after it', () => {
    const s = warned();
    expect(faceUnconfirmed(s)).toBe(true);
    expect(acceptStep(s, false)).toBeNull();
    const ok = captureReducer(s, { type: 'faceConfirmed' });
    expect(faceUnconfirmed(ok)).toBe(false);
    expect(acceptStep(ok, false)).toBe('payment');
  });
  it('a new shot or another sitter needs a new confirmation', () => {
    const ok = captureReducer(warned(), { type: 'faceConfirmed' });
    expect(captureReducer(ok, { type: 'retake' }).faceConfirmed).toBe(false);
    expect(captureReducer(ok, { type: 'sitter', orderId: 'o2' }).faceConfirmed).toBe(false);
    expect(captureReducer(INITIAL_CAPTURE, { type: 'faceConfirmed' }).faceConfirmed).toBe(false);
  });
  it('no warning: nothing to confirm', () => {
    expect(faceUnconfirmed(withResult('passed'))).toBe(false);
    expect(acceptStep(withResult('passed'), true)).toBe('next');
  });
});

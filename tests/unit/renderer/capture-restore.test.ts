import { describe, expect, it } from 'vitest';
import {
  acceptStep,
  captureReducer,
  forgetResult,
  INITIAL_CAPTURE,
  keepResult,
  keptResult,
  resultFromPhotos,
  resultToRestore,
  type ShotResult,
} from '../../../src/renderer/station/capture-state';
import type { PhotoView } from '../../../src/shared/contract/views';

// 拍摄 keeps the student's last capture result when the page is left and opened again (new-user trial: 初审合格 and
// 请核对学生身份 were gone on coming back).

const photo = (
  id: string,
  kind: 'original' | 'final',
  version: number,
  sourcePhotoId: string | null = null,
): PhotoView => ({
  id,
  orderId: 'o1',
  kind,
  version,
  sourcePhotoId,
  sha256: id,
  url: `/photos/${id}`,
  bytes: 1,
  mime: 'image/jpeg',
  width: 480,
  height: 640,
  profileId: kind === 'final' ? 'chsi' : null,
  precheck: kind === 'final' ? 'passed' : null,
  checks: null,
  missing: false,
  createdBy: '李老师',
  createdAt: '2026-12-02T06:00:00Z',
});

describe('resultFromPhotos', () => {
  it('is the latest original with the final made from it', () => {
    const r = resultFromPhotos([
      photo('a1', 'original', 1),
      photo('f1', 'final', 1, 'a1'),
      photo('a2', 'original', 2),
      photo('f2', 'final', 2, 'a2'),
    ]);
    expect(r?.original.id).toBe('a2');
    expect(r?.final?.id).toBe('f2');
  });
  it('the latest original without a final shows no older final', () => {
    const r = resultFromPhotos([photo('a1', 'original', 1), photo('f1', 'final', 1, 'a1'), photo('a2', 'original', 2)]);
    expect(r?.original.id).toBe('a2');
    expect(r?.final).toBeNull();
  });
  it('no photo: no result', () => {
    expect(resultFromPhotos([])).toBeNull();
  });
});

const shot: ShotResult = { original: photo('a1', 'original', 1), final: photo('f1', 'final', 1, 'a1'), face: null };

describe("the 'restore' action", () => {
  it('shows the result for its student; Enter leads on again when it passed', () => {
    const s = captureReducer(INITIAL_CAPTURE, { type: 'restore', orderId: 'o1', result: shot });
    expect(s.result).toBe(shot);
    expect(s.resultFor).toBe('o1');
    expect(acceptStep(s, false)).toBe('payment');
    // the same student stays; another student clears it
    expect(captureReducer(s, { type: 'sitter', orderId: 'o1' }).result).toBe(shot);
    expect(captureReducer(s, { type: 'sitter', orderId: 'o2' }).result).toBeNull();
  });
  it('never replaces a newer shot or a shot in progress', () => {
    const newer: ShotResult = { ...shot, original: photo('a2', 'original', 2) };
    const shown = captureReducer(INITIAL_CAPTURE, { type: 'restore', orderId: 'o1', result: newer });
    expect(captureReducer(shown, { type: 'restore', orderId: 'o1', result: shot }).result).toBe(newer);
    const shooting = captureReducer(INITIAL_CAPTURE, { type: 'shoot' });
    expect(captureReducer(shooting, { type: 'restore', orderId: 'o1', result: shot })).toBe(shooting);
  });
});

describe('kept results', () => {
  it('keeps the result with its face confirmation per student, forgets it on a retake', () => {
    const face = { status: 'warn' as const, warnings: [], sameSimilarity: 0.2 };
    const s = { ...INITIAL_CAPTURE, result: { ...shot, face }, resultFor: 'o9', faceConfirmed: true };
    keepResult(s);
    expect(keptResult('o9')).toEqual({ result: s.result, faceConfirmed: true });
    expect(keptResult('o8')).toBeNull();
    keepResult(INITIAL_CAPTURE); // nothing on screen: nothing changes
    expect(keptResult('o9')).not.toBeNull();
    forgetResult('o9');
    expect(keptResult('o9')).toBeNull();
  });
});

describe('resultToRestore', () => {
  const o1 = photo('p1', 'original', 1);
  const f1 = photo('f1', 'final', 1, 'p1');
  const o2 = photo('p2', 'original', 2);
  const kept1 = { result: { original: o1, final: f1, face: null } as ShotResult, faceConfirmed: true };
  it('the kept result (with its face warning) while it is still the latest original', () => {
    expect(resultToRestore(kept1, [o1, f1])).toBe(kept1);
  });
  it('a shot stored since (hot folder, another window) wins over the kept one: rebuilt from the photos', () => {
    const r = resultToRestore(kept1, [o1, f1, o2]);
    expect(r?.result.original.id).toBe('p2');
    expect(r?.result.final).toBeNull(); // production refused it: no final for v2
    expect(r?.faceConfirmed).toBeUndefined();
  });
  it('nothing kept: the latest photos; no photos: nothing', () => {
    expect(resultToRestore(null, [o1, f1])?.result.final?.id).toBe('f1');
    expect(resultToRestore(null, [])).toBeNull();
  });
});

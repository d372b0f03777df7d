import { describe, expect, it } from 'vitest';
import { captureReducer, INITIAL_CAPTURE } from '../../../src/renderer/station/capture-state';
import type { Res } from '../../../src/shared/contract';

// The capture result keeps the face-consistency verdict the API answered, so the result card can show it.
const photo = { id: 'p1', version: 1 } as unknown as Res<'photos.capture'>['original'];
const base = { original: photo, final: null, order: {} as Res<'photos.capture'>['order'] };

describe('capture result and face consistency', () => {
  it('a stored shot keeps its face warning; without one the result has face null', () => {
    const face = {
      status: 'warn' as const,
      sameSimilarity: 0.31,
      warnings: [{ kind: 'different_person' as const, photoId: 'p0', similarity: 0.31, message: '…' }],
    };
    const s = captureReducer(INITIAL_CAPTURE, { type: 'stored', orderId: 'o1', result: { ...base, face } });
    expect(s.result?.face).toEqual(face);
    const none = captureReducer(INITIAL_CAPTURE, { type: 'stored', orderId: 'o1', result: base });
    expect(none.result?.face).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { preselectEventId } from '../../../src/renderer/station/event-preselect';
import { screenName } from '../../../src/shared/domain/masking';
import type { StudioEvent } from '../../../src/shared/domain/event';

// Findings of a new-user trial on the station screens (issue 9): one name rule, the only event preselected.

const ev = (id: string, archivedAt: string | null = null) => ({ id, archivedAt }) as StudioEvent;

describe('当前活动 preselection', () => {
  it('picks the only active event when none is chosen', () => {
    expect(preselectEventId([ev('a')], null)).toBe('a');
  });
  it('replaces a choice that is no longer listed (archived) by the only active event', () => {
    expect(preselectEventId([ev('b')], 'gone')).toBe('b');
  });
  it('keeps a valid choice, leaves two or more events to the operator, waits for the list', () => {
    expect(preselectEventId([ev('a')], 'a')).toBeNull();
    expect(preselectEventId([ev('a'), ev('b')], null)).toBeNull();
    expect(preselectEventId([], null)).toBeNull();
    expect(preselectEventId(null, null)).toBeNull();
    expect(preselectEventId([ev('a', '2026-06-01T00:00:00Z')], null)).toBeNull();
  });
});

describe('one rule for names on screen', () => {
  it('shows the masked name, whether the full name is known or not', () => {
    expect(screenName({ name: '黄志正', nameMasked: '黄*正' })).toBe('黄*正');
    expect(screenName({ name: '', nameMasked: '张*' })).toBe('张*');
    // a full name without its masked form is masked by the same rule (code points: 𠮷 stays whole)
    expect(screenName({ name: '李𠮷' })).toBe('李*');
    expect(screenName({ name: '欧阳娜娜', nameMasked: '' })).toBe('欧**娜');
    expect(screenName({})).toBe('');
  });
});

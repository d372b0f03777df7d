import { describe, expect, it } from 'vitest';
import { CHECK_IDS, type CheckId, type CheckStatus } from '../../../src/shared/checks/types';
import { capture as zh } from '../../../src/renderer/i18n/zh-CN/capture';
import { capture as en } from '../../../src/renderer/i18n/en-US/capture';
import { groupLiveChecks, REVIEWED_AGAIN_IN_PRECHECK } from '../../../src/renderer/station/live-check-groups';

// 拍摄's live check list names every check in both languages (a trial saw the raw id "accessories"), and a check
// only 初审 measures is shown grey as 初审时检测, never among the green passes.

describe('capture check names', () => {
  it('every check id has a zh-CN and an en-US label', () => {
    const missing = (names: Record<string, string>) => CHECK_IDS.filter((id) => !names[id]?.trim());
    expect(missing(zh.checkNames)).toEqual([]);
    expect(missing(en.checkNames)).toEqual([]);
    // a Chinese label is Chinese, not the id
    for (const id of CHECK_IDS) expect(zh.checkNames[id], id).toMatch(/[\u4e00-\u9fff]/);
    expect(zh.checkNames.accessories).toBe('饰品（耳环、项链）');
    expect(zh.unmeasured).toBe('初审时检测');
    expect(zh.reviewedAgain).toBe('初审复核');
  });
});

const live = (over: Partial<Record<CheckId, CheckStatus>>) =>
  CHECK_IDS.map((id) => ({ id, status: over[id] ?? ('pass' as CheckStatus) }));

describe('groupLiveChecks', () => {
  it('an unmeasured check is neither a pass nor a problem', () => {
    const g = groupLiveChecks(live({ accessories: 'unmeasured' }));
    expect(g.unmeasured.map((c) => c.id)).toEqual(['accessories']);
    expect(g.passing.map((c) => c.id)).not.toContain('accessories');
    expect(g.problems).toEqual([]);
    expect(g.passing).toHaveLength(CHECK_IDS.length - 1);
  });
  it('problems: fails before warns', () => {
    const g = groupLiveChecks(live({ sharpness: 'warn', 'eyes.open': 'fail', accessories: 'unmeasured' }));
    expect(g.problems.map((c) => [c.id, c.status])).toEqual([
      ['eyes.open', 'fail'],
      ['sharpness', 'warn'],
    ]);
  });
  it('headwear (its hat cue is 初审-only) is marked 初审复核 when it passes live', () => {
    expect(REVIEWED_AGAIN_IN_PRECHECK).toEqual(['headwear']);
  });
});

import type { CheckId, CheckStatus } from '../../shared/checks/types';

// How 拍摄's live check list groups the results (without React, so unit tests can read it).

interface LiveCheckLike {
  id: CheckId;
  status: CheckStatus;
}

const ORDER: Record<CheckStatus, number> = { fail: 0, warn: 1, unmeasured: 2, pass: 3 };

/**
 * Checks the live view passes on cues 初审 measures again with the face parsing (a headband the colour cues cannot
 * see): their live pass is shown with 初审复核, so a green chip is not read as the final word.
 */
export const REVIEWED_AGAIN_IN_PRECHECK: readonly CheckId[] = ['headwear'];

/**
 * Problems (fail, then warn) as rows; passes as green chips; checks only 初审 measures ('unmeasured') as grey
 * chips — never among the passes.
 */
export function groupLiveChecks<C extends LiveCheckLike>(
  checks: readonly C[],
): { problems: C[]; passing: C[]; unmeasured: C[] } {
  const sorted = [...checks].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  return {
    problems: sorted.filter((c) => c.status === 'fail' || c.status === 'warn'),
    passing: sorted.filter((c) => c.status === 'pass'),
    unmeasured: sorted.filter((c) => c.status === 'unmeasured'),
  };
}

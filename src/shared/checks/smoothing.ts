import type { CheckId, CheckResult, CheckStatus } from './types';

// Live view: a check's shown status changes only after N consecutive frames agree, so the prompts do not flicker.

export interface SmoothedState {
  shown: Map<CheckId, CheckStatus>;
  candidate: Map<CheckId, { status: CheckStatus; count: number }>;
}

export function createSmoother(frames: number) {
  const state: SmoothedState = { shown: new Map(), candidate: new Map() };
  return {
    /** Feed one frame's raw results; returns the results with smoothed statuses. */
    update(results: readonly CheckResult[]): CheckResult[] {
      return results.map((r) => {
        const shown = state.shown.get(r.id);
        if (shown === undefined) {
          state.shown.set(r.id, r.status);
          return r;
        }
        if (r.status === shown) {
          state.candidate.delete(r.id);
          return r;
        }
        const c = state.candidate.get(r.id);
        const count = c && c.status === r.status ? c.count + 1 : 1;
        if (count >= frames) {
          state.shown.set(r.id, r.status);
          state.candidate.delete(r.id);
          return r;
        }
        state.candidate.set(r.id, { status: r.status, count });
        return { ...r, status: shown };
      });
    },
    reset() {
      state.shown.clear();
      state.candidate.clear();
    },
  };
}

/**
 * Which results hold back auto-capture: exactly those that would fail the photo — status 'fail'. A 'warn' never
 * blocks: it is advice (warn-only checks, and checks the station's backdrop mode caps at 'warn', such as
 * background.color with a replaced backdrop, whose colour the final photo gets from production anyway).
 */
export function blocksAutoCapture(r: CheckResult): boolean {
  return r.status === 'fail';
}

/** Auto-capture signal: no smoothed result blocks it (see blocksAutoCapture). */
export function allChecksPass(results: readonly CheckResult[]): boolean {
  return results.length > 0 && !results.some(blocksAutoCapture);
}

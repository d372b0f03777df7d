import type { CheckId, CheckStatus } from '../checks/types';
import type { BackdropMode } from '../spec/backdrop';

// Which live check results hold back auto-capture (拍摄 › 全部通过时自动拍摄). Auto-capture waits for the sitter
// to be ready; it must not wait for something no one at the station can change between two frames, nor for
// something the final photo gets anyway. Every result is still shown to the photographer as computed
// (src/shared/checks); this rule only decides when the shutter fires by itself. The final photo's 初审 remains
// the verdict (money follows the photo), so a shot taken past a non-gating problem is never passed silently.
//
// A live result gates auto-capture when all of:
// - it is a failure ('fail'). A 'warn' is advice and never gates;
// - its check can fail a photo: warn-only checks (ADVISORY_CHECKS) never gate, whatever they report;
// - production does not repair it in the final photo: with the 'replace' backdrop the background is cut out and
//   painted #28BEFA, so background.color and background.uniform (measured on the raw backdrop) do not gate; with
//   a real 'blue' cloth the raw background is what the final photo keeps, so they do.
// Framing (head room, eye line, face size, centring, shoulders), pose, eyes, mouth, light, sharpness, headwear,
// clothing against #28BEFA and the face count are what the sitter or the photographer fixes: they gate.

/**
 * The checks that never fail a photo (CHECK_SEVERITY 'warn-only' in src/shared/checks/run-checks.ts; a unit test
 * keeps the two equal, so the renderer need not load the whole check pipeline to know them).
 */
export const ADVISORY_CHECKS: readonly CheckId[] = ['ears.symmetric', 'light.highlights', 'accessories'];

/** Checks measured on the raw frame whose failure production repairs in the final photo, per backdrop mode. */
export const REPAIRED_BY_PRODUCTION: Record<BackdropMode, readonly CheckId[]> = {
  replace: ['background.uniform', 'background.color'],
  blue: [],
};

export interface LiveCheck {
  id: CheckId;
  status: CheckStatus;
}

/** Whether this live result holds back auto-capture under the station's backdrop mode. */
export function gatesAutoCapture(check: LiveCheck, backdrop: BackdropMode): boolean {
  if (check.status !== 'fail') return false;
  if (ADVISORY_CHECKS.includes(check.id)) return false;
  return !REPAIRED_BY_PRODUCTION[backdrop].includes(check.id);
}

/** The results that hold back auto-capture now (empty: the shutter may fire). */
export function autoCaptureBlockers<C extends LiveCheck>(checks: readonly C[], backdrop: BackdropMode): C[] {
  return checks.filter((c) => gatesAutoCapture(c, backdrop));
}

/** One analysed frame counts towards the auto-capture streak: it has results and none of them gates. */
export function autoCaptureReady(checks: readonly LiveCheck[], backdrop: BackdropMode): boolean {
  return checks.length > 0 && autoCaptureBlockers(checks, backdrop).length === 0;
}

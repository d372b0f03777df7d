// What stands behind the sitter at this station. Photo production always replaces the background with the
// profile colour (#28BEFA), so the raw backdrop only matters as far as the replacement can go wrong.

/**
 * 'replace' (default): any plain backdrop; the raw colour is advice only (background.color reports 'warn' at most)
 * and background.uniform looks only at the backdrop next to the person's outline (shadows, objects touching the
 * outline spoil the cut-out; a gradient or an object away from the person is replaced anyway).
 * 'blue': a real blue cloth that should already be right on the raw capture: both checks strict, whole backdrop.
 */
export type BackdropMode = 'blue' | 'replace';

export const BACKDROP_MODES: readonly BackdropMode[] = ['replace', 'blue'];

export const DEFAULT_BACKDROP: BackdropMode = 'replace';

export function isBackdropMode(v: unknown): v is BackdropMode {
  return v === 'blue' || v === 'replace';
}

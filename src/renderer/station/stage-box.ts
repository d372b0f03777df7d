// The live view is a 16:9 box; the camera frame sits inside it at its own aspect ratio.

export const VIEW_ASPECT = 16 / 9;

/** The frame's box inside the 16:9 view (percentages), so overlays in frame fractions land on the picture. */
export function stageBox(frameAspect: number): { left: string; top: string; width: string; height: string } {
  const pct = (v: number) => `${(v * 100).toFixed(3)}%`;
  if (!(frameAspect > 0)) return { left: '0%', top: '0%', width: '100%', height: '100%' };
  if (frameAspect < VIEW_ASPECT) {
    const w = frameAspect / VIEW_ASPECT;
    return { left: pct((1 - w) / 2), top: '0%', width: pct(w), height: '100%' };
  }
  const h = VIEW_ASPECT / frameAspect;
  return { left: '0%', top: pct((1 - h) / 2), width: '100%', height: pct(h) };
}

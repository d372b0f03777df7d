import { describe, expect, it } from 'vitest';
import { createRawImage } from '../../../src/shared/image/raw-image';
import { FRINGE_MAX_LIGHT, outlineFringe } from '../../../src/shared/photo/cutout-fringe';

const BLUE = [0x28, 0xbe, 0xfa] as const;
const HAIR: [number, number, number] = [60, 50, 45];

/**
 * A 480×640 final: CHSI blue with a dark-haired head (a disc) on a body from the bottom edge; the head's outline
 * ramps from hair to blue over 3 px (a clean mix). `rim(x, y, t)` may replace an outline pixel's colour (t: 0 at the
 * blue side … 1 at the hair side).
 */
function finalPhoto(rim?: (x: number, y: number, t: number) => [number, number, number] | null) {
  const img = createRawImage(480, 640, 3, [...BLUE]);
  const cx = 240;
  const cy = 260;
  const R = 120;
  for (let y = 0; y < 640; y++)
    for (let x = 0; x < 480; x++) {
      const o = (y * 480 + x) * 3;
      if (y >= 450 && x >= 60 && x < 420) {
        img.data.set([50, 50, 60], o);
        continue;
      }
      const d = Math.hypot(x - cx, y - cy);
      if (d > R + 3) continue;
      const t = d <= R ? 1 : (R + 3 - d) / 3;
      // hair texture: strands lighter and darker than the mean, both ways
      const tex = ((x * 7 + y * 13) % 5) * 6 - 12;
      const c = HAIR.map((v, k) => Math.round(t * (v + tex) + (1 - t) * BLUE[k]!)) as [number, number, number];
      img.data.set((t < 1 && rim?.(x, y, t)) || c, o);
    }
  return img;
}

describe('outlineFringe (初审: old background along the outline)', () => {
  it('a clean hair–blue edge with hair texture shows no light fringe', () => {
    const m = outlineFringe(finalPhoto(), BLUE);
    expect(m.outline).toBeGreaterThan(500);
    expect(m.light).toBeLessThan(8);
    expect(m.light).toBeLessThan(FRINGE_MAX_LIGHT);
  });

  it('a light halo of a white wall along the crown is measured and boxed there', () => {
    // the crown (y < 200): the outline pixels carry 40 % of a white wall (what the matte's low alpha left)
    const img = finalPhoto((x, y, t) =>
      y < 200
        ? (HAIR.map((v, k) => Math.round(0.6 * (t * v + (1 - t) * BLUE[k]!) + 0.4 * 250)) as [number, number, number])
        : null,
    );
    const m = outlineFringe(img, BLUE);
    expect(m.light).toBeGreaterThan(FRINGE_MAX_LIGHT);
    expect(m.box!.y).toBeLessThan(200);
  });

  it('a darker rim is reported as dark, not as a light fringe', () => {
    const img = finalPhoto((_x, _y, t) => [Math.round(t * 10), Math.round(t * 10), Math.round(t * 10)]);
    const m = outlineFringe(img, BLUE);
    expect(m.dark).toBeLessThan(-FRINGE_MAX_LIGHT);
    expect(m.light).toBeLessThan(FRINGE_MAX_LIGHT);
  });
});

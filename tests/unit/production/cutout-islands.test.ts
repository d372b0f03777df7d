import { describe, expect, it } from 'vitest';
import { createRawImage } from '../../../src/shared/image/raw-image';
import { backgroundIslands, ISLAND_MAX_PX, paintIslands } from '../../../src/shared/photo/cutout-islands';

const BLUE = [0x28, 0xbe, 0xfa] as const;

/** A 480×640 final photo: CHSI blue, a person from the bottom edge up (head + shoulders as two rectangles). */
function finalPhoto() {
  const img = createRawImage(480, 640, 3, [...BLUE]);
  const paint = (x0: number, y0: number, x1: number, y1: number, rgb: [number, number, number]) => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) img.data.set(rgb, (y * 480 + x) * 3);
  };
  paint(160, 80, 320, 420, [200, 160, 140]);
  paint(40, 420, 440, 640, [30, 30, 40]);
  return { img, paint };
}

describe('backgroundIslands (初审: old background left in the new one)', () => {
  it('a clean cut-out has none', () => {
    expect(backgroundIslands(finalPhoto().img, BLUE)).toEqual({ largest: 0, count: 0, box: null });
  });
  it('a dark speck far above the head is an island, measured and boxed', () => {
    const { img, paint } = finalPhoto();
    paint(60, 20, 66, 25, [40, 30, 20]);
    const m = backgroundIslands(img, BLUE);
    expect(m).toMatchObject({ largest: 30, count: 1, box: { x: 60, y: 20, width: 6, height: 5 } });
    expect(m.largest).toBeGreaterThan(ISLAND_MAX_PX);
  });
  it('hair strands next to the outline and JPEG-sized noise are not islands', () => {
    const { img, paint } = finalPhoto();
    paint(150, 100, 156, 140, [20, 20, 20]); // 4 px left of the head
    paint(400, 100, 402, 101, [20, 20, 20]); // 2 px of noise
    const m = backgroundIslands(img, BLUE);
    expect(m.largest).toBe(2);
    expect(m.count).toBe(0);
  });
  it('near-blue compression noise is backdrop', () => {
    const { img, paint } = finalPhoto();
    paint(50, 30, 90, 60, [0x30, 0xb4, 0xf0]);
    expect(backgroundIslands(img, BLUE).largest).toBe(0);
  });
});

describe('paintIslands (production clean-up after compositing)', () => {
  it('paints the islands with the backdrop, leaves the person and the strands next to it', () => {
    const { img, paint } = finalPhoto();
    paint(60, 20, 66, 25, [40, 30, 20]);
    paint(150, 100, 156, 140, [20, 20, 20]);
    const before = Uint8Array.from(img.data);
    expect(paintIslands(img, BLUE)).toBe(30);
    expect(backgroundIslands(img, BLUE).largest).toBe(0);
    expect([...img.data.subarray((22 * 480 + 62) * 3, (22 * 480 + 62) * 3 + 3)]).toEqual([...BLUE]);
    const strand = (120 * 480 + 152) * 3;
    expect([...img.data.subarray(strand, strand + 3)]).toEqual([...before.subarray(strand, strand + 3)]);
  });
});

import { describe, expect, it } from 'vitest';
import { MESH } from '../../../src/shared/checks/face-geometry';
import { runChecks } from '../../../src/shared/checks/run-checks';
import { createRawImage } from '../../../src/shared/image/raw-image';
import { chsiProfile } from '../../../src/shared/spec/profile';
import { synthAnalysis } from './synthetic';

// Lips slightly apart (gap 0.05 of the mouth width, below the open-mouth limit) with the inner lip ring drawn as an
// ellipse around the mouth centre (240, 355); the pixels between the lips decide.
function mouthWith(inside: [number, number, number]) {
  const a = synthAnalysis({ lipGap: 0.05 });
  const p = a.landmarks!.points;
  const ring = MESH.innerLipRing;
  ring.forEach((i, k) => {
    const t = (2 * Math.PI * k) / ring.length;
    if (i !== 13 && i !== 14) p[i] = { x: 240 - 30 * Math.cos(t), y: 355 + 6 * Math.sin(t), z: 0 };
  });
  const img = createRawImage(480, 640, 3, [200, 170, 150]);
  for (let y = 349; y <= 361; y++) for (let x = 210; x <= 270; x++) img.data.set(inside, (y * 480 + x) * 3);
  return runChecks(a, img, chsiProfile, ['mouth.closed'])[0]!;
}

describe('mouth.closed: teeth relative to the sitter’s skin', () => {
  it('white teeth between slightly parted lips fail', () => {
    expect(mouthWith([236, 234, 226])).toMatchObject({ status: 'fail', message: expect.stringContaining('牙齿') });
  });
  it('pale pink lips in a bright photo are not teeth', () => {
    expect(mouthWith([232, 178, 178]).status).not.toBe('fail');
    expect(mouthWith([150, 80, 80]).status).not.toBe('fail');
  });
});

describe('mouth.closed: the lip gap against the mouth’s rest width', () => {
  it('puckered lips (a narrow mouth) with the inner lips apart by their thickness are not an open mouth', () => {
    // Eye corners 160 px apart → rest width 88 px; a pucker 40 px wide with the inner lip points 9 px apart:
    // 0.23 of its own width (would fail), 0.10 of the rest width (under the 0.12 fail).
    const a = synthAnalysis();
    const p = a.landmarks!.points;
    p[61] = { x: 220, y: 355, z: 0 };
    p[291] = { x: 260, y: 355, z: 0 };
    p[13] = { x: 240, y: 350.5, z: 0 };
    p[14] = { x: 240, y: 359.5, z: 0 };
    const img = createRawImage(480, 640, 3, [200, 170, 150]);
    expect(runChecks(a, img, chsiProfile, ['mouth.closed'])[0]!.status).not.toBe('fail');
  });
  it('a mouth open by a fifth of the rest width still fails', () => {
    const a = synthAnalysis({ lipGap: 0.22 });
    const img = createRawImage(480, 640, 3, [200, 170, 150]);
    expect(runChecks(a, img, chsiProfile, ['mouth.closed'])[0]!.status).toBe('fail');
  });
});

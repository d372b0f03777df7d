import { describe, expect, it } from 'vitest';
import { personComponents } from '../../../src/shared/photo/mask-islands';
import { matteFromProbabilities } from '../../../src/shared/photo/matte';
import { BACKGROUND, buildTrimap, FOREGROUND, UNKNOWN } from '../../../src/shared/photo/trimap';

const W = 80;
const H = 100;

function rect(prob: Float32Array, x0: number, y0: number, x1: number, y1: number, v = 1) {
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) prob[y * W + x] = v;
}

describe('personComponents', () => {
  it('keeps the person and a large region entering from the bottom, drops a detached backdrop blob', () => {
    const prob = new Float32Array(W * H);
    rect(prob, 20, 30, 60, 100); // the sitter, down to the bottom edge
    rect(prob, 0, 40, 15, 100); // an arm cut by the frame (900 px, apart from the body), touches the bottom
    rect(prob, 30, 5, 40, 15); // a bright blob above the head, 100 px, detached
    const keep = personComponents(prob, W, H);
    expect(keep[50 * W + 40]).toBe(1);
    expect(keep[90 * W + 5]).toBe(1);
    expect(keep[10 * W + 35]).toBe(0);
  });
});

describe('buildTrimap', () => {
  it('mattes a band around the edge (wider inside) and unsure pixels near the person only', () => {
    const prob = new Float32Array(W * H);
    rect(prob, 20, 30, 60, 100);
    rect(prob, 60, 50, 66, 60, 0.5); // the model is unsure right beside the person
    rect(prob, 2, 2, 8, 8, 0.5); // and unsure far away
    const valid = new Uint8Array(W * H).fill(1);
    const t = buildTrimap(prob, personComponents(prob, W, H), valid, W, H);
    expect(t[70 * W + 40]).toBe(FOREGROUND);
    expect(t[70 * W + 22]).toBe(UNKNOWN); // 2 px inside
    expect(t[70 * W + 28]).toBe(UNKNOWN); // 8 px inside (inner band 10)
    expect(t[70 * W + 17]).toBe(UNKNOWN); // 3 px outside
    expect(t[70 * W + 12]).toBe(BACKGROUND); // 8 px outside (outer band 5)
    expect(t[55 * W + 64]).toBe(UNKNOWN);
    expect(t[5 * W + 5]).toBe(BACKGROUND);
  });
});

describe('matteFromProbabilities', () => {
  it('cuts off backdrop the model called person and keeps the person’s inside exactly 1', () => {
    // dark-brown person, light-grey backdrop; the model's mask spills 8 px of backdrop above the head
    const data = new Uint8Array(W * H * 3);
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++)
        data.set(x >= 20 && x < 60 && y >= 30 ? [70, 50, 40] : [200, 200, 195], (y * W + x) * 3);
    const prob = new Float32Array(W * H);
    rect(prob, 20, 22, 60, 100);
    const valid = new Uint8Array(W * H).fill(1);
    const { alpha } = matteFromProbabilities({ width: W, height: H, data }, prob, valid);
    for (const y of [23, 25, 27]) expect(alpha[y * W + 40]!).toBeLessThan(0.1);
    for (const y of [32, 50, 90]) expect(alpha[y * W + 40]).toBe(1);
    expect(alpha[10 * W + 40]).toBe(0);
    // a pixel the crop padded (not from the source) is background whatever the mask says
    valid[60 * W + 40] = 0;
    expect(matteFromProbabilities({ width: W, height: H, data }, prob, valid).alpha[60 * W + 40]).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { precheckReasons } from '../../../src/renderer/station/precheck-reasons';
import { cropFromSummary, defaultCrop } from '../../../src/renderer/station/crop-box';
import { stageBox } from '../../../src/renderer/station/stage-box';

// What the photographer reads after a capture must be the failing checks' prompts, whatever shape 初审 takes.
describe('precheckReasons', () => {
  it('lists the messages of failing checks only', () => {
    const checks = [
      { id: 'mouth.closed', status: 'fail', message: '露出牙齿了，请自然闭合嘴唇' },
      { id: 'ears.symmetric', status: 'warn', message: '双耳被头发遮挡' },
      { id: 'face.count', status: 'pass', message: '一张人脸' },
    ];
    expect(precheckReasons(checks)).toEqual(['露出牙齿了，请自然闭合嘴唇']);
  });

  it('reads {passed, reasons} as strings or check objects, and nested {checks}', () => {
    expect(precheckReasons({ passed: false, reasons: ['头顶空间不足'] })).toEqual(['头顶空间不足']);
    expect(precheckReasons({ passed: false, reasons: [{ message: '背景不均匀' }] })).toEqual(['背景不均匀']);
    expect(precheckReasons({ checks: [{ status: 'fail', message: '照片模糊' }] })).toEqual(['照片模糊']);
  });

  it('gives nothing for empty or unknown input', () => {
    expect(precheckReasons(null)).toEqual([]);
    expect(precheckReasons('x')).toEqual([]);
    expect(precheckReasons({})).toEqual([]);
  });
});

describe('defaultCrop', () => {
  it('is the full-height 3:4 crop centred in a 16:9 live frame', () => {
    const c = defaultCrop();
    expect(c.height).toBe(1);
    expect(c.width * (16 / 9)).toBeCloseTo(3 / 4, 10); // 3:4 in frame pixels
    expect(c.x + c.width / 2).toBeCloseTo(0.5, 10);
  });
  it('is the whole frame for a 3:4 portrait camera, and full-width centred for a taller frame', () => {
    expect(defaultCrop(3 / 4)).toEqual({ x: 0, y: 0, width: 1, height: 1 });
    const tall = defaultCrop(9 / 16);
    expect(tall.width).toBe(1);
    expect((tall.width * (9 / 16)) / tall.height).toBeCloseTo(3 / 4, 10);
    expect(tall.y + tall.height / 2).toBeCloseTo(0.5, 10);
  });
});

describe('stageBox', () => {
  it('letterboxes a portrait frame into the 16:9 view without stretching it', () => {
    const b = stageBox(3 / 4);
    expect(b.height).toBe('100%');
    expect(parseFloat(b.width) / 100).toBeCloseTo(3 / 4 / (16 / 9), 4);
    expect(parseFloat(b.left) * 2 + parseFloat(b.width)).toBeCloseTo(100, 2);
  });
  it('pillarboxes nothing for a 16:9 frame and centres a wider one vertically', () => {
    const same = stageBox(16 / 9);
    expect([parseFloat(same.width), parseFloat(same.height), parseFloat(same.left), parseFloat(same.top)]).toEqual([
      100, 100, 0, 0,
    ]);
    const wide = stageBox(2);
    expect(parseFloat(wide.top) * 2 + parseFloat(wide.height)).toBeCloseTo(100, 2);
  });
});

describe('cropFromSummary', () => {
  const geometry = { eyeLine: { min: 200, max: 300 }, faceWidth: { min: 180, max: 300 } };
  const out = { width: 480, height: 640 };

  it('puts the eye line at the middle of its band and scales the face to the middle of its range', () => {
    // 1280×720 frame, face 120 px wide centred at x=640, eyes at y=300
    const a = {
      width: 1280,
      height: 720,
      faces: [{ box: { x: 580, y: 240, width: 120, height: 150 } }],
      eyes: { right: { x: 615, y: 300 }, left: { x: 665, y: 300 } },
    };
    const c = cropFromSummary(a, geometry, out)!;
    const scale = 240 / 120; // output px per frame px
    expect(c.width * 1280).toBeCloseTo(480 / scale);
    expect(c.height * 720).toBeCloseTo(640 / scale);
    expect((c.x + c.width / 2) * 1280).toBeCloseTo(640);
    expect(300 - c.y * 720).toBeCloseTo(250 / scale); // eye line 250 px below the top of the output
  });

  it('has no crop without a face or eyes', () => {
    expect(cropFromSummary(null, geometry, out)).toBeNull();
    expect(cropFromSummary({ width: 1280, height: 720, faces: [], eyes: null }, geometry, out)).toBeNull();
  });
});

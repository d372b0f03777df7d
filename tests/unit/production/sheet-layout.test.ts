import { describe, expect, it } from 'vitest';
import { assignCells, formatCaption, planSheet, type Rect } from '../../../src/shared/photo/sheet-layout';
import { oneInchPrint, sixInchSheet, twoInchPrint } from '../../../src/shared/spec';

const overlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('planSheet', () => {
  it('makes a 6-inch sheet 1795×1205 px at 300 dpi with 2-inch prints of 413×579 px', () => {
    const l = planSheet(twoInchPrint, sixInchSheet, false);
    expect([l.width, l.height]).toEqual([1795, 1205]);
    expect(l.cells).toHaveLength(8);
    for (const c of l.cells) expect([c.photo.width, c.photo.height]).toEqual([413, 579]);
  });

  it('fits fewer prints when captions need a strip under each', () => {
    const l = planSheet(twoInchPrint, sixInchSheet, true);
    expect(l.cells).toHaveLength(4);
    for (const c of l.cells) expect(c.caption).not.toBeNull();
  });

  it('lays 1-inch prints (295×413 px) in the orientation that fits more', () => {
    const l = planSheet(oneInchPrint, sixInchSheet, false);
    expect(l.cells.length).toBeGreaterThanOrEqual(10);
    for (const c of l.cells) expect([c.photo.width, c.photo.height]).toEqual([295, 413]);
    expect(l.orientation === 'portrait' ? [l.width, l.height] : [l.height, l.width]).toEqual([1205, 1795]);
  });

  for (const [name, print, captions] of [
    ['2-inch', twoInchPrint, false],
    ['2-inch captioned', twoInchPrint, true],
    ['1-inch captioned', oneInchPrint, true],
  ] as const) {
    it(`${name}: prints stay inside the printable area, never overlap, and cut marks never cross a print`, () => {
      const l = planSheet(print, sixInchSheet, captions);
      const margin = Math.floor((sixInchSheet.marginMm / 25.4) * 300);
      const boxes = l.cells.map((c) => ({ ...c.photo, height: c.photo.height + (c.caption?.height ?? 0) }));
      for (const b of boxes) {
        expect(b.x).toBeGreaterThanOrEqual(margin);
        expect(b.y).toBeGreaterThanOrEqual(margin);
        expect(b.x + b.width).toBeLessThanOrEqual(l.width - margin);
        expect(b.y + b.height).toBeLessThanOrEqual(l.height - margin);
      }
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i]!, boxes[j]!)).toBe(false);
      expect(l.cutMarks.length).toBe(l.cells.length * 8);
      for (const m of l.cutMarks) {
        const seg = {
          x: Math.min(m.x1, m.x2),
          y: Math.min(m.y1, m.y2),
          width: Math.abs(m.x2 - m.x1) || 1,
          height: Math.abs(m.y2 - m.y1) || 1,
        };
        for (const c of l.cells) expect(overlap(seg, c.photo)).toBe(false);
      }
    });
  }
});

describe('captions and cells', () => {
  it('fills a template from fields and leaves unknown placeholders visible', () => {
    expect(formatCaption('{姓名} {学号}', { 姓名: '张三', 学号: '2021001' })).toBe('张三 2021001');
    expect(formatCaption('{姓名} {班级}', { 姓名: '张三' })).toBe('张三 {班级}');
  });

  it('shares the cells between photos in order, and refuses more photos than cells', () => {
    expect(assignCells(8, 1)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(assignCells(8, 2)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    expect(() => assignCells(4, 5)).toThrow('最多放 4 张');
  });
});

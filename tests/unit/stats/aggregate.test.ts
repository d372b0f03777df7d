import { describe, expect, it } from 'vitest';
import { checkTallies, failedCodes, perHour, perStation, retakes } from '../../../src/main/stats/aggregate';
import { CHECK_IDS } from '../../../src/shared/checks/types';
import { businessHour } from '../../../src/shared/domain/business-time';

describe('businessHour', () => {
  it('buckets instants by the China-time hour, across the UTC day boundary', () => {
    expect(businessHour('2026-06-01T01:59:59Z')).toBe('2026-06-01 09');
    expect(businessHour('2026-06-01T16:30:00Z')).toBe('2026-06-02 00');
    expect(businessHour('not a time')).toBe('');
  });
});

describe('perHour', () => {
  it('fills hours without activity between the first and the last with zeros', () => {
    expect(perHour(['2026-06-01T00:05:00Z', '2026-06-01T03:00:00Z'], ['2026-06-01T00:06:00Z'])).toEqual([
      { hour: '2026-06-01 08', checkins: 1, captures: 1 },
      { hour: '2026-06-01 09', checkins: 0, captures: 0 },
      { hour: '2026-06-01 10', checkins: 0, captures: 0 },
      { hour: '2026-06-01 11', checkins: 1, captures: 0 },
    ]);
  });
  it('gives the same China hours whatever the machine zone is', () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = 'America/New_York';
      expect(new Date('2026-06-01T01:30:00Z').getHours()).toBe(21); // the machine's clock says 21:30 the day before
      expect(perHour(['2026-06-01T01:30:00Z'], [])).toEqual([{ hour: '2026-06-01 09', checkins: 1, captures: 0 }]);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
  it('does not fill a span of days (two events a week apart stay two bars)', () => {
    const r = perHour(['2026-06-01T01:00:00Z', '2026-06-08T01:00:00Z'], []);
    expect(r.map((b) => b.hour)).toEqual(['2026-06-01 09', '2026-06-08 09']);
  });
});

describe('failedCodes / checkTallies', () => {
  it('reads the reasons production stored, ignoring what it cannot read', () => {
    expect(
      failedCodes(JSON.stringify({ reasons: [{ code: 'framing.eyes' }, { code: 'framing.eyes' }, { x: 1 }] })),
    ).toEqual(['framing.eyes']);
    expect(failedCodes('{broken')).toEqual([]);
    expect(failedCodes(JSON.stringify({ test: true }))).toEqual([]);
    expect(failedCodes(null)).toEqual([]);
  });
  it('lists every check first, then file rules that failed; photos without 初审 are not counted', () => {
    const finals = [
      {
        orderId: 'a',
        version: 1,
        sourcePhotoId: 'o1',
        precheck: 'failed' as const,
        checksJson: JSON.stringify({ reasons: [{ code: 'file.size' }, { code: 'sharpness' }] }),
        createdAt: '',
      },
      { orderId: 'a', version: 2, sourcePhotoId: 'o2', precheck: 'passed' as const, checksJson: null, createdAt: '' },
      { orderId: 'b', version: 1, sourcePhotoId: 'o3', precheck: null, checksJson: null, createdAt: '' },
    ];
    const t = checkTallies(finals);
    expect(t.map((c) => c.code)).toEqual([...CHECK_IDS, 'file.size']);
    expect(t.at(-1)).toEqual({ code: 'file.size', reviewed: 2, failed: 1 });
    expect(t.find((c) => c.code === 'sharpness')).toEqual({ code: 'sharpness', reviewed: 2, failed: 1 });
  });
});

describe('retakes', () => {
  it('a single capture per student is no retake', () => {
    expect(retakes([{ id: 'o1', orderId: 'a', version: 1, createdAt: 't1' }], [], [])).toEqual({
      count: 0,
      students: 0,
      byReason: [],
      byCheck: [],
    });
  });
});

describe('perStation', () => {
  it('per station and China-time hour: students, captures, bound through the queue, retakes', () => {
    const rows = [
      // student a: first at 拍摄位1 09:10 (China), retake at 拍摄位2 10:05
      { orderId: 'a', version: 1, at: '2026-06-01T01:10:00.000Z', station: '拍摄位1', bound: true },
      { orderId: 'a', version: 2, at: '2026-06-01T02:05:00.000Z', station: '拍摄位2', bound: true },
      { orderId: 'b', version: 1, at: '2026-06-01T01:20:00.000Z', station: '拍摄位1', bound: true },
      { orderId: 'b', version: 2, at: '2026-06-01T01:25:00.000Z', station: '拍摄位1', bound: true },
      { orderId: 'c', version: 1, at: '2026-06-01T01:30:00.000Z', station: '本机', bound: false },
    ];
    expect(perStation(rows)).toEqual([
      {
        station: '本机',
        students: 1,
        captures: 1,
        bound: 0,
        retakes: 0,
        perHour: [{ hour: '2026-06-01 09', students: 1, captures: 1, bound: 0, retakes: 0 }],
      },
      {
        station: '拍摄位1',
        students: 2,
        captures: 3,
        bound: 3,
        retakes: 1,
        perHour: [{ hour: '2026-06-01 09', students: 2, captures: 3, bound: 3, retakes: 1 }],
      },
      {
        station: '拍摄位2',
        students: 1,
        captures: 1,
        bound: 1,
        retakes: 1,
        perHour: [{ hour: '2026-06-01 10', students: 1, captures: 1, bound: 1, retakes: 1 }],
      },
    ]);
  });
});

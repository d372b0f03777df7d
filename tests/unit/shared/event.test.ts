import { describe, expect, it } from 'vitest';
import { EventCreateInput, formatFen, isRealDate, parseYuan } from '../../../src/shared/domain/event';

const valid = {
  schoolName: '山东大学',
  schoolCode: '10422',
  featureCode: '1a2d9fb8a5f1c2ba03ae58a7',
  date: '2026-06-01',
};

describe('event input: an operator can only create an event the rest of the day can rely on', () => {
  it('accepts a valid event and fills the defaults (15.00 CNY, 集中采集)', () => {
    const e = EventCreateInput.parse(valid);
    expect(e.feeFen).toBe(1500);
    expect(e.mode).toBe('centralized');
    expect(e.stationName).toBe('');
  });

  it('accepts 特征码 in any form (24 hex, short letters)', () => {
    expect(EventCreateInput.safeParse({ ...valid, featureCode: 'ABCD' }).success).toBe(true);
    expect(EventCreateInput.safeParse({ ...valid, featureCode: '  sdu2026  ' }).data?.featureCode).toBe('sdu2026');
  });

  it.each([
    [{ ...valid, schoolName: '   ' }, 'schoolName', '请填写学校名称'],
    [{ ...valid, schoolCode: '1040' }, 'schoolCode', '5 位数字'],
    [{ ...valid, schoolCode: '1040a' }, 'schoolCode', '5 位数字'],
    [{ ...valid, featureCode: '' }, 'featureCode', '特征码'],
    [{ ...valid, date: '2026-02-30' }, 'date', '日期不存在'],
    [{ ...valid, date: '22/11/2026' }, 'date', 'YYYY-MM-DD'],
    [{ ...valid, feeFen: -1 }, 'feeFen', '不能为负'],
    [{ ...valid, feeFen: 15.5 }, 'feeFen', '整数'],
  ])('rejects %j naming the field', (input, field, text) => {
    const r = EventCreateInput.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path.join('.')).toBe(field);
    expect(r.error!.issues[0]!.message).toContain(text);
  });

  it('rejects unknown fields instead of silently dropping them', () => {
    expect(EventCreateInput.safeParse({ ...valid, fee: 15 }).success).toBe(false);
  });
});

describe('money and dates', () => {
  it('formats fen as yuan', () => {
    expect(formatFen(1500)).toBe('15.00');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(-1250)).toBe('-12.50');
  });
  it('parses yuan text to fen', () => {
    expect(parseYuan('15')).toBe(1500);
    expect(parseYuan('15.5')).toBe(1550);
    expect(parseYuan(' 15.05 ')).toBe(1505);
    expect(parseYuan('15.123')).toBeNull();
    expect(parseYuan('-1')).toBeNull();
    expect(parseYuan('abc')).toBeNull();
  });
  it('knows real calendar dates', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2023-02-29')).toBe(false);
    expect(isRealDate('2026-13-01')).toBe(false);
  });
});

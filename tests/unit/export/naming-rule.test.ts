import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NAME_RULE,
  NamingRuleError,
  applyNamingRule,
  parseNamingRule,
  planFileNames,
  sanitizeFileName,
} from '../../../src/shared/export/naming-rule';

describe('export naming rule: every photo gets a safe, unique file name or a reported reason', () => {
  it('the default names a photo by its 采集码, {学号}.jpg by the student number', () => {
    const values = { 采集码: 'c8bade99b9b2edca', 学号: '852021102012' };
    expect(applyNamingRule(parseNamingRule(DEFAULT_NAME_RULE), values)).toEqual({
      ok: true,
      fileName: 'c8bade99b9b2edca.jpg',
    });
    expect(applyNamingRule(parseNamingRule('{学号}.jpg'), values)).toEqual({ ok: true, fileName: '852021102012.jpg' });
  });

  it('templates combine fields and literals; a rule without extension gets .jpg', () => {
    const r = applyNamingRule(parseNamingRule('{学校编码}_{学号}_{姓名}'), {
      学校编码: '10403',
      学号: '2021001',
      姓名: '黄*正',
    });
    // '*' is illegal on Windows and becomes '_'
    expect(r).toEqual({ ok: true, fileName: '10403_2021001_黄_正.jpg' });
    expect(applyNamingRule(parseNamingRule('{专业/院系}-{学号}.JPG'), { 专业: '教育传媒', 学号: '1' })).toEqual({
      ok: true,
      fileName: '教育传媒-1.JPG',
    });
  });

  it('bad rules are refused with a Chinese message', () => {
    for (const bad of ['', 'photo.jpg', '{证件号}.jpg', '{学号.jpg', '学号}.jpg', '{}.jpg', 'x'.repeat(121)]) {
      expect(() => parseNamingRule(bad)).toThrow(NamingRuleError);
    }
    expect(() => parseNamingRule('{证件号}.jpg')).toThrow(/不支持/);
  });

  it('illegal Windows characters, reserved names, trailing dots and path separators are neutralised', () => {
    expect(sanitizeFileName('a<b>c:d"e/f\\g|h?i*j.jpg')).toBe('a_b_c_d_e_f_g_h_i_j.jpg');
    expect(sanitizeFileName('CON.jpg')).toBe('_CON.jpg');
    expect(sanitizeFileName('lpt1')).toBe('_lpt1');
    expect(sanitizeFileName('name. . ')).toBe('name');
    expect(sanitizeFileName('..')).toBe('_');
    expect(sanitizeFileName('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(sanitizeFileName('a\u0000b\nc.jpg')).toBe('a_b_c.jpg');
  });

  it('keeps Chinese and rare characters whole, and caps very long names keeping the extension', () => {
    expect(sanitizeFileName('𠮷䶮.jpg')).toBe('𠮷䶮.jpg');
    const long = sanitizeFileName(`${'学'.repeat(400)}.jpg`);
    expect(long.endsWith('.jpg')).toBe(true);
    expect(long.length).toBeLessThanOrEqual(150);
  });

  it('a missing field is reported per photo, never replaced by an empty name', () => {
    const rule = parseNamingRule('{学号}_{采集码}.jpg');
    expect(applyNamingRule(rule, { 学号: '  ', 采集码: null })).toEqual({ ok: false, missing: ['学号', '采集码'] });
    const plan = planFileNames(rule, [
      { key: 'A-1', values: { 学号: '1', 采集码: 'aaaaaaaaaaaaaaaa' } },
      { key: 'A-2', values: { 学号: '2' } },
    ]);
    expect([...plan.names]).toEqual([['A-1', '1_aaaaaaaaaaaaaaaa.jpg']]);
    expect(plan.problems).toEqual([
      { key: 'A-2', kind: 'missing_field', fields: ['采集码'], message: '缺少字段：采集码' },
    ]);
  });

  it('collisions (also differing only in case, or after sanitising) are reported and the later photo is not exported', () => {
    const plan = planFileNames(parseNamingRule('{学号}.jpg'), [
      { key: 'O-1', values: { 学号: 'ab1' } },
      { key: 'O-2', values: { 学号: 'AB1' } },
      { key: 'O-3', values: { 学号: 'x:1' } },
      { key: 'O-4', values: { 学号: 'x?1' } },
      { key: 'O-5', values: { 学号: 'z' } },
    ]);
    expect(plan.names.get('O-1')).toBe('ab1.jpg');
    expect(plan.names.has('O-2')).toBe(false);
    expect(plan.names.get('O-3')).toBe('x_1.jpg');
    expect(plan.names.has('O-4')).toBe(false);
    expect(plan.names.get('O-5')).toBe('z.jpg');
    expect(plan.problems.map((p) => [p.key, p.kind, 'withKey' in p ? p.withKey : null])).toEqual([
      ['O-2', 'collision', 'O-1'],
      ['O-4', 'collision', 'O-3'],
    ]);
    expect(plan.problems[0]!.message).toContain('重复');
  });
});

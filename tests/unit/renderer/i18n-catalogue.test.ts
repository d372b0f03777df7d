import { describe, expect, it } from 'vitest';
import { zhCN } from '../../../src/renderer/i18n/zh-CN/catalogue';
import { enUS } from '../../../src/renderer/i18n/en-US/catalogue';
import { catalogueOf, locale, t } from '../../../src/renderer/i18n';

// The type already refuses a missing en-US entry; this also catches what a type cannot see: a list (the help
// checklist) of another length, a text left empty, a function entry that is a string in the other language.

function shape(v: unknown, at: string, out: string[]): void {
  if (typeof v === 'function') return void out.push(`${at}:fn${v.length}`);
  if (typeof v === 'string') {
    if (!v.trim()) out.push(`${at}:EMPTY`);
    return void out.push(`${at}:str`);
  }
  if (Array.isArray(v)) {
    out.push(`${at}:list${v.length}`);
    return v.forEach((x, i) => shape(x, `${at}[${i}]`, out));
  }
  if (v && typeof v === 'object')
    for (const k of Object.keys(v).sort()) shape((v as Record<string, unknown>)[k], `${at}.${k}`, out);
}
const shapeOf = (c: unknown) => {
  const out: string[] = [];
  shape(c, '', out);
  return out;
};

describe('UI catalogue', () => {
  it('en-US has exactly the entries of zh-CN, of the same kinds, none empty', () => {
    const zh = shapeOf(zhCN);
    expect(zh.filter((s) => s.endsWith(':EMPTY'))).toEqual([]);
    expect(shapeOf(enUS)).toEqual(zh);
  });
  it('without a stored choice the UI is Chinese', () => {
    expect(locale).toBe('zh-CN');
    expect(t).toBe(catalogueOf('zh-CN'));
    expect(catalogueOf('en-US').settings.title).toBe('Settings');
  });
});

// File names for exported photos: a template of {字段} placeholders (default `{采集码}.jpg`), made safe for
// Windows, with missing fields and collisions reported instead of guessed or overwritten.

export const NAMING_FIELDS = ['采集码', '学号', '订单号', '姓名', '学校编码', '专业', '学历'] as const;
export type NamingField = (typeof NAMING_FIELDS)[number];
export type NamingValues = Partial<Record<NamingField, string | null>>;

export const DEFAULT_NAME_RULE = '{采集码}.jpg';

export type RulePart = { literal: string } | { field: NamingField };

export interface ParsedRule {
  template: string;
  parts: RulePart[];
}

export class NamingRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NamingRuleError';
  }
}

const FIELD_ALIASES: Record<string, NamingField> = {
  专业院系: '专业',
  '专业/院系': '专业',
  院系: '专业',
};

/** Parses a template such as `{学校编码}_{学号}.jpg`; throws a NamingRuleError with a Chinese message. */
export function parseNamingRule(template: string): ParsedRule {
  const t = template.trim();
  if (!t) throw new NamingRuleError('命名规则不能为空');
  if (t.length > 120) throw new NamingRuleError('命名规则过长（最多 120 个字符）');
  const parts: RulePart[] = [];
  let rest = t;
  while (rest.length > 0) {
    const open = rest.indexOf('{');
    const close = rest.indexOf('}');
    if (open === -1) {
      if (close !== -1) throw new NamingRuleError('命名规则中的“}”没有对应的“{”');
      parts.push({ literal: rest });
      break;
    }
    if (close !== -1 && close < open) throw new NamingRuleError('命名规则中的“}”没有对应的“{”');
    if (open > 0) parts.push({ literal: rest.slice(0, open) });
    const end = rest.indexOf('}', open);
    if (end === -1) throw new NamingRuleError('命名规则中的“{”没有闭合');
    const name = rest.slice(open + 1, end).trim();
    const field = (NAMING_FIELDS as readonly string[]).includes(name) ? (name as NamingField) : FIELD_ALIASES[name];
    if (!field) throw new NamingRuleError(`命名规则中的字段“${name}”不支持，可用：${NAMING_FIELDS.join('、')}`);
    parts.push({ field });
    rest = rest.slice(end + 1);
  }
  if (!parts.some((p) => 'field' in p)) throw new NamingRuleError('命名规则至少要包含一个字段，例如 {采集码}');
  return { template: t, parts };
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;
// Characters Windows forbids in file names, plus control characters; a path separator would also escape the folder.
// eslint-disable-next-line no-control-regex
const ILLEGAL = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;

/** Makes one file name safe on Windows, macOS and Linux; keeps Chinese and rare characters (𠮷, 䶮). */
export function sanitizeFileName(name: string): string {
  let s = name.normalize('NFC').replace(ILLEGAL, '_');
  s = s.replace(/[. ]+$/u, ''); // Windows drops trailing dots and spaces
  s = s.replace(/^\s+/u, '');
  if (!s || /^\.+$/.test(s)) s = '_';
  if (WINDOWS_RESERVED.test(s)) s = `_${s}`;
  // Stay well under the 255 UTF-16 unit limit of NTFS and most ZIP tools, keeping the extension.
  if (s.length > 150) {
    const dot = s.lastIndexOf('.');
    const ext = dot > 0 && s.length - dot <= 10 ? s.slice(dot) : '';
    s =
      Array.from(s.slice(0, s.length - ext.length))
        .slice(0, 140)
        .join('') + ext;
  }
  return s;
}

export type NameResult = { ok: true; fileName: string } | { ok: false; missing: NamingField[] };

/** One photo's file name: every field used must have a value; `.jpg` is added when the rule has no extension. */
export function applyNamingRule(rule: ParsedRule, values: NamingValues): NameResult {
  const missing: NamingField[] = [];
  let out = '';
  for (const part of rule.parts) {
    if ('literal' in part) {
      out += part.literal;
      continue;
    }
    const v = values[part.field]?.trim();
    if (!v) missing.push(part.field);
    else out += v;
  }
  if (missing.length > 0) return { ok: false, missing: [...new Set(missing)] };
  if (!/\.jpe?g$/i.test(out)) out += '.jpg';
  return { ok: true, fileName: sanitizeFileName(out) };
}

export interface NamingItem {
  key: string;
  values: NamingValues;
}

export type NamingProblem =
  | { key: string; kind: 'missing_field'; fields: NamingField[]; message: string }
  | { key: string; kind: 'collision'; fileName: string; withKey: string; message: string };

export interface NamingPlan {
  names: Map<string, string>;
  problems: NamingProblem[];
}

/**
 * Names every item; the first item (in the given order) keeps a name, later ones that map to the same name
 * (compared case-insensitively, as Windows and the ZIP tools there do) are left out and reported.
 */
export function planFileNames(rule: ParsedRule, items: NamingItem[]): NamingPlan {
  const names = new Map<string, string>();
  const problems: NamingProblem[] = [];
  const taken = new Map<string, string>();
  for (const item of items) {
    const r = applyNamingRule(rule, item.values);
    if (!r.ok) {
      problems.push({
        key: item.key,
        kind: 'missing_field',
        fields: r.missing,
        message: `缺少字段：${r.missing.join('、')}`,
      });
      continue;
    }
    const folded = r.fileName.toLowerCase();
    const owner = taken.get(folded);
    if (owner !== undefined) {
      problems.push({
        key: item.key,
        kind: 'collision',
        fileName: r.fileName,
        withKey: owner,
        message: `文件名“${r.fileName}”与 ${owner} 重复，未导出`,
      });
      continue;
    }
    taken.set(folded, item.key);
    names.set(item.key, r.fileName);
  }
  return { names, problems };
}

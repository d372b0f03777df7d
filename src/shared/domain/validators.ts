import { codePointLength } from './masking';

// Field validators shared by check-in, roster import and the contract. Each returns a Chinese reason or null.

export const COLLECTION_CODE_PATTERN = /^[0-9a-f]{16}$/;
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
// Pragmatic e-mail shape: local@domain.tld, no spaces, at most 254 characters.
const EMAIL_PATTERN = /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;

export const LIMITS = {
  name: 50,
  studentNo: 32,
  major: 100,
  educationLevel: 20,
  educationType: 20,
  campusType: 20,
  email: 254,
  shippingRegion: 100,
  shippingAddress: 200,
  reason: 200,
  operator: 32,
  reference: 64,
  payerNote: 100,
} as const;

/** 采集码: 16 hex characters as in the seed (c8bade99b9b2edca); returns the lower-case form or null. */
export function normalizeCollectionCode(raw: string): string | null {
  const v = raw.trim().toLowerCase();
  return COLLECTION_CODE_PATTERN.test(v) ? v : null;
}

/** Mainland mobile number; tolerates spaces/dashes and a +86 prefix, returns the 11 digits or null. */
export function normalizeMobile(raw: string): string | null {
  let v = raw.replace(/[\s-]/g, '');
  if (v.startsWith('+86')) v = v.slice(3);
  else if (v.startsWith('0086')) v = v.slice(4);
  return MOBILE_PATTERN.test(v) ? v : null;
}

export function isEmail(raw: string): boolean {
  const v = raw.trim();
  return v.length <= LIMITS.email && EMAIL_PATTERN.test(v);
}

export function isStudentNo(raw: string): boolean {
  return /^[A-Za-z0-9_-]{1,32}$/.test(raw.trim());
}

/** 特征码 comes in many forms (24 hex, short letters): compare exactly, after trimming. */
export function featureCodeMatches(eventCode: string, typed: string): boolean {
  return eventCode.trim() === typed.trim() && typed.trim().length > 0;
}

export function normalizeGender(raw: string): '男' | '女' | null {
  const v = raw.trim();
  if (v === '男' || v.toUpperCase() === 'M') return '男';
  if (v === '女' || v.toUpperCase() === 'F') return '女';
  return null;
}

/** A person's name: 1..50 code points, no control characters, no digits-only input. */
export function nameProblem(raw: string): string | null {
  const v = raw.trim();
  if (!v) return '请填写姓名';
  if (codePointLength(v) > LIMITS.name) return `姓名过长（最多 ${LIMITS.name} 个字）`;
  if (/\p{Cc}/u.test(v)) return '姓名含有控制字符';
  return null;
}

/** Free text such as 专业/院系: limited length in code points, no control characters. */
export function textProblem(label: string, raw: string, max: number): string | null {
  if (codePointLength(raw) > max) return `${label}过长（最多 ${max} 个字）`;
  if (/[\p{Cc}]/u.test(raw.replace(/[\t]/g, ''))) return `${label}含有控制字符`;
  return null;
}

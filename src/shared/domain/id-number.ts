// 证件号 rules. The station never keeps a plaintext 证件号: callers validate it here, then keep only
// maskIdNumber() and a salted hash computed in main.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const MASK_STARS = '**********';

export type IdNumberCheck = { ok: true; normalized: string } | { ok: false; reason: string };

/** GB 11643-1999 check character (ISO 7064 MOD 11-2) for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/**
 * An 18-digit mainland ID must carry the right check character. Other documents (passport, 港澳台 permits)
 * are letters + digits and are accepted as they are; an all-digit value of another length is a typo.
 */
export function checkIdNumber(raw: string): IdNumberCheck {
  const value = raw.trim().toUpperCase();
  if (!value) return { ok: false, reason: '请填写证件号' };
  if (/^\d{17}[\dX]$/.test(value)) {
    if (idCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, reason: '证件号校验位不正确' };
    return { ok: true, normalized: value };
  }
  if (/^[\dX]+$/.test(value)) return { ok: false, reason: '证件号位数不对：身份证号应为 18 位' };
  if (/^[A-Z0-9()（）-]{6,20}$/.test(value) && /\d/.test(value)) return { ok: true, normalized: value };
  return { ok: false, reason: '证件号格式不正确' };
}

/** The stored masked form, as CHSI's payload carries it: first 4 and last 4 kept ("4430**********123X"). */
export function maskIdNumber(normalized: string): string {
  if (normalized.length <= 8) return normalized.slice(0, 2) + '*'.repeat(Math.max(normalized.length - 2, 0));
  return normalized.slice(0, 4) + MASK_STARS + normalized.slice(-4);
}

/** What screens, receipts and logs show: only the first 4, as the seed's form does ("4430**************"). */
export function idForDisplay(masked: string): string {
  return masked.slice(0, 4) + '*'.repeat(14);
}

/** A masked value usable for confirmation: first 4 + stars + last 4 visible. */
export function isMaskedIdNumber(value: string): boolean {
  return /^[0-9A-Z]{4}\*{4,14}[0-9A-Z]{4}$/i.test(value.trim());
}

/** Student typed the last 4 characters of the 证件号; compare with the masked value (X case-insensitive). */
export function last4Matches(masked: string, typed: string): boolean {
  const t = typed.trim().toUpperCase();
  if (!/^[0-9X]{4}$/.test(t)) return false;
  const tail = masked.trim().toUpperCase().slice(-4);
  return !tail.includes('*') && tail === t;
}

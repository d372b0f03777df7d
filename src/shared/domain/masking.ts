// Masking of personal data for screens, receipts and logs. Names are counted in code points, not UTF-16
// units, so rare characters outside the BMP (𠮷) stay whole.

export function codePoints(text: string): string[] {
  return Array.from(text);
}

export function codePointLength(text: string): number {
  return codePoints(text).length;
}

/** 黄志正 → 黄*正, 张三 → 张*, 欧阳娜娜 → 欧**娜. An already masked name stays as it is. */
export function maskName(name: string): string {
  const cps = codePoints(name.trim());
  if (cps.length === 0) return '';
  if (cps.length === 1) return '*';
  if (cps.length === 2) return `${cps[0]}*`;
  return cps[0] + '*'.repeat(cps.length - 2) + cps[cps.length - 1];
}

/**
 * The one rule for a student's name on a screen (签到, 拍摄, 收费, 订单, lists, the event-mode queue): masked, the
 * way the student's own 采集码 and the CHSI mini program show it (黄*正) — station screens face the queue. The full
 * name, when the student gave it, is kept for the receipt and the export; search still finds it.
 */
export function screenName(student: { name?: string | null; nameMasked?: string | null }): string {
  const masked = student.nameMasked?.trim();
  return boundStars(masked ? masked : maskName(student.name ?? ''));
}

/** At most this many stars in a row on a screen: a 50-character name masked whole (欧 + 48 stars + 测) pushed the
 * 拍摄 header and the class tables out of shape; the stars only say "hidden", the count says nothing useful. */
export const SCREEN_MAX_STARS = 6;

function boundStars(masked: string): string {
  return masked.replace(/\*{7,}/g, '*'.repeat(SCREEN_MAX_STARS));
}

/** Does a full name the student typed fit the masked name from the QR (same length, visible characters equal)? */
export function nameMatchesMask(full: string, masked: string): boolean {
  const f = codePoints(full.trim());
  const m = codePoints(masked.trim());
  if (f.length !== m.length || f.length === 0) return false;
  return m.every((c, i) => c === '*' || c === f[i]);
}

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string): string {
  const p = phone.trim();
  if (p.length < 7) return '*'.repeat(p.length);
  return `${p.slice(0, 3)}****${p.slice(-4)}`;
}

/** zhang.san@example.com → z***@example.com */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

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

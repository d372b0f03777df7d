/**
 * A certificate's SHA-256 (64 hex) as an operator reads it off the host's screen and compares or types it on the
 * joining laptop: upper case, groups of 4, two lines of 8 groups. Anything that is not 64 hex is shown as it is.
 */
export function fingerprintLines(hex: string): string[] {
  const h = hex.replace(/[:\s]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(h)) return [hex];
  const groups = h.match(/.{4}/g)!;
  return [groups.slice(0, 8).join(' '), groups.slice(8).join(' ')];
}

import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Loopback binds need no token; any other bind address requires one. */
export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || /^127\./.test(host);
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Token from `Authorization: Bearer`, the `x-studio-token` header, or `?token=` (for SSE/EventSource). */
export function requestToken(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const header = req.headers['x-studio-token'];
  if (typeof header === 'string') return header;
  const url = new URL(req.url ?? '/', 'http://x');
  return url.searchParams.get('token');
}

export function tokenMatches(expected: string, given: string | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

import { describe, expect, it } from 'vitest';
import { decideCaller, type CallerFacts, type OwnAddress } from '../../../src/main/host/caller-policy';

const loopback: OwnAddress = { bound: '127.0.0.1', port: 5710 };
const lan: OwnAddress = { bound: '0.0.0.0', port: 5710 };

function facts(over: Partial<CallerFacts> = {}): CallerFacts {
  return {
    route: 'api',
    host: '127.0.0.1:5710',
    origin: undefined,
    fetchSite: undefined,
    fetchMode: undefined,
    fetchDest: undefined,
    tokenValid: null,
    ...over,
  };
}

const reason = (f: CallerFacts, own = loopback) => {
  const d = decideCaller(f, own);
  return d.allow ? 'allow' : `${d.status} ${d.reason}`;
};

describe('decideCaller on a loopback bind', () => {
  it.each(['127.0.0.1:5710', 'localhost:5710', 'LOCALHOST:5710', '[::1]:5710'])('own Host %s is allowed', (host) => {
    expect(reason(facts({ host }))).toBe('allow');
  });

  it.each([
    ['a rebinding name', 'evil.example:5710'],
    ['no port (port 80)', '127.0.0.1'],
    ['another port', '127.0.0.1:5711'],
    ['a subdomain of localhost', 'evil.localhost:5710'],
    ['the LAN address', '192.168.1.20:5710'],
    ['garbage', '127.0.0.1:5710/x'],
    ['no Host at all', undefined],
  ])('%s → 421 foreign host', (_label, host) => {
    expect(reason(facts({ host }))).toBe('421 foreign_host');
  });

  it('refuses a foreign Host on every route, the UI included', () => {
    for (const route of ['api', 'events', 'receipt', 'media', 'live', 'ui'] as const) {
      expect(reason(facts({ route, host: 'evil.example:5710' }))).toBe('421 foreign_host');
    }
  });

  it('names the right address in Chinese and shortens an echoed header', () => {
    const d = decideCaller(facts({ host: `${'a'.repeat(500)}:5710` }), loopback);
    expect(d.allow).toBe(false);
    if (d.allow) return;
    expect(d.message).toContain('不是本工作站的地址');
    expect(d.message).toContain('http://127.0.0.1:5710');
    expect(d.message.length).toBeLessThan(200);
  });

  it('a bind on another 127.x address accepts that address and the loopback names', () => {
    const own = { bound: '127.0.0.2', port: 80 };
    expect(reason(facts({ host: '127.0.0.2' }), own)).toBe('allow');
    expect(reason(facts({ host: 'localhost' }), own)).toBe('allow');
    expect(reason(facts({ host: '127.0.0.3' }), own)).toBe('421 foreign_host');
  });

  it('an Origin must be the Host it was sent to', () => {
    expect(reason(facts({ origin: 'http://127.0.0.1:5710' }))).toBe('allow');
    expect(reason(facts({ host: 'localhost:5710', origin: 'http://localhost:5710' }))).toBe('allow');
    expect(reason(facts({ origin: 'http://evil.example' }))).toBe('403 foreign_origin');
    expect(reason(facts({ origin: 'http://localhost:5710' }))).toBe('403 foreign_origin');
    expect(reason(facts({ origin: 'http://127.0.0.1:5173' }))).toBe('403 foreign_origin');
    expect(reason(facts({ origin: 'null' }))).toBe('403 foreign_origin');
    expect(reason(facts({ origin: 'app://studio' }))).toBe('403 foreign_origin');
    expect(reason(facts({ origin: 'not a url' }))).toBe('403 foreign_origin');
  });

  it('Sec-Fetch-Site: same-origin, none and absent pass; cross-site and same-site are refused', () => {
    for (const route of ['api', 'events', 'receipt', 'media', 'live'] as const) {
      expect(reason(facts({ route, fetchSite: 'same-origin' }))).toBe('allow');
      expect(reason(facts({ route, fetchSite: 'none' }))).toBe('allow');
      expect(reason(facts({ route }))).toBe('allow');
      expect(reason(facts({ route, fetchSite: 'cross-site', fetchMode: 'no-cors', fetchDest: 'image' }))).toBe(
        '403 cross_site',
      );
      expect(reason(facts({ route, fetchSite: 'same-site' }))).toBe('403 cross_site');
      // a top-level navigation is still refused outside the UI (a receipt or photo opened by another site)
      expect(reason(facts({ route, fetchSite: 'cross-site', fetchMode: 'navigate', fetchDest: 'document' }))).toBe(
        '403 cross_site',
      );
    }
  });

  it('a link from another site may open the UI page, but not frame it or load its files', () => {
    const nav = { route: 'ui' as const, fetchSite: 'cross-site', fetchMode: 'navigate' };
    expect(reason(facts({ ...nav, fetchDest: 'document' }))).toBe('allow');
    expect(reason(facts({ ...nav, fetchDest: 'iframe' }))).toBe('403 cross_site');
    expect(reason(facts({ route: 'ui', fetchSite: 'cross-site', fetchMode: 'no-cors', fetchDest: 'script' }))).toBe(
      '403 cross_site',
    );
  });

  it('no token is asked for on loopback', () => {
    expect(reason(facts({ tokenValid: null }))).toBe('allow');
  });
});

describe('decideCaller on a LAN bind (token rule)', () => {
  it('accepts any Host, since the token is required', () => {
    expect(reason(facts({ host: '192.168.1.20:5710', tokenValid: true }), lan)).toBe('allow');
    expect(reason(facts({ host: 'studio.local:5710', tokenValid: true }), lan)).toBe('allow');
    expect(reason(facts({ host: 'evil.example:5710', tokenValid: false }), lan)).toBe('401 token');
  });

  it('requires the token everywhere but the UI page', () => {
    for (const route of ['api', 'events', 'receipt', 'media', 'live'] as const) {
      expect(reason(facts({ route, host: '192.168.1.20:5710', tokenValid: false }), lan)).toBe('401 token');
    }
    expect(reason(facts({ route: 'ui', host: '192.168.1.20:5710', tokenValid: false }), lan)).toBe('allow');
  });

  it('still refuses a foreign Origin and cross-site loads, even with the token', () => {
    const base = { host: '192.168.1.20:5710', tokenValid: true };
    expect(reason(facts({ ...base, origin: 'http://192.168.1.20:5710' }), lan)).toBe('allow');
    expect(reason(facts({ ...base, origin: 'http://evil.example' }), lan)).toBe('403 foreign_origin');
    expect(reason(facts({ ...base, origin: 'null' }), lan)).toBe('403 foreign_origin');
    expect(reason(facts({ ...base, route: 'live', fetchSite: 'cross-site' }), lan)).toBe('403 cross_site');
  });
});

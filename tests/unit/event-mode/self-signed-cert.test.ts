import { X509Certificate, createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeSelfSignedCert } from '../../../src/main/event-mode/self-signed-cert';

// The LAN listener's certificate is made with node:crypto alone (no openssl on a Windows laptop): Node's own X.509
// parser must read it, its signature must verify with its own key, and it must carry the names and dates given.

describe('makeSelfSignedCert', () => {
  it('is a valid self-signed X.509 v3 certificate with the addresses given', () => {
    const now = new Date('2026-12-02T10:00:00Z');
    const { cert, key } = makeSelfSignedCert({
      commonName: '登记台',
      ips: ['192.168.1.20', '127.0.0.1', 'fe80::1'],
      dnsNames: ['desk-laptop.local'],
      days: 30,
      now,
    });
    const x = new X509Certificate(cert);
    expect(x.subject).toContain('CN=登记台');
    expect(x.issuer).toBe(x.subject);
    expect(x.verify(x.publicKey)).toBe(true);
    expect(x.checkPrivateKey(createPrivateKey(key))).toBe(true);
    expect(x.ca).toBe(false);
    expect(x.subjectAltName).toBe('IP Address:192.168.1.20, IP Address:127.0.0.1, DNS:desk-laptop.local');
    expect(x.checkIP('192.168.1.20')).toBe('192.168.1.20');
    expect(x.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(new Date(x.validFrom).getTime()).toBe(now.getTime() - 86_400_000);
    expect(new Date(x.validTo).getTime()).toBe(now.getTime() + 30 * 86_400_000);
    expect(x.publicKey.asymmetricKeyDetails).toMatchObject({ namedCurve: 'prime256v1' });
  });

  it('a new key and serial each time; dates after 2049 as GeneralizedTime', () => {
    const a = new X509Certificate(makeSelfSignedCert({ commonName: 'a' }).cert);
    const b = new X509Certificate(makeSelfSignedCert({ commonName: 'a' }).cert);
    expect(a.fingerprint256).not.toBe(b.fingerprint256);
    expect(a.serialNumber).not.toBe(b.serialNumber);
    const late = new X509Certificate(
      makeSelfSignedCert({ commonName: 'late', now: new Date('2049-06-01T00:00:00Z') }).cert,
    );
    expect(new Date(late.validTo).getUTCFullYear()).toBe(2059);
  });
});

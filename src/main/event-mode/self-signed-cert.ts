import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { isIPv4 } from 'node:net';

// A self-signed certificate for the hosting station's LAN listener (活动组网 › 对局域网开放), made with node:crypto
// alone — no openssl on the operator's Windows laptop, no dependency. ECDSA P-256 / SHA-256, X.509 v3 with
// subjectAltName (the IPv4 addresses and names given), serverAuth. Joining stations never trust it by a CA: they pin
// its SHA-256 (shown with the pairing code), so the names are informational (the addresses may change later).

export interface SelfSignedOptions {
  commonName: string;
  ips?: readonly string[];
  dnsNames?: readonly string[];
  /** Validity in days from `now` (a day of slack before, for a clock slightly behind). */
  days?: number;
  now?: Date;
}

export function makeSelfSignedCert(opts: SelfSignedOptions): { cert: Buffer; key: Buffer } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const now = opts.now ?? new Date();
  const notBefore = new Date(now.getTime() - 86_400_000);
  const notAfter = new Date(now.getTime() + (opts.days ?? 3650) * 86_400_000);
  const ecdsaSha256 = seq(oid('1.2.840.10045.4.3.2'));
  const name = seq(
    set(seq(oid('2.5.4.3'), utf8(opts.commonName))),
    set(seq(oid('2.5.4.10'), utf8('Collection Studio'))),
  );
  const ips = (opts.ips ?? []).filter((ip) => isIPv4(ip));
  const dns = (opts.dnsNames ?? []).filter((d) => /^[A-Za-z0-9.-]{1,253}$/.test(d));
  const altNames = [
    ...ips.map((ip) => tlv(0x87, Buffer.from(ip.split('.').map(Number)))),
    ...dns.map((d) => tlv(0x82, Buffer.from(d, 'ascii'))),
  ];
  const critical = tlv(0x01, Buffer.from([0xff]));
  const extensions = [
    seq(oid('2.5.29.19'), critical, octets(seq())), // basicConstraints: not a CA
    seq(oid('2.5.29.15'), critical, octets(tlv(0x03, Buffer.from([0x07, 0x80])))), // keyUsage: digitalSignature
    seq(oid('2.5.29.37'), octets(seq(oid('1.3.6.1.5.5.7.3.1')))), // extKeyUsage: serverAuth
    ...(altNames.length ? [seq(oid('2.5.29.17'), octets(seq(...altNames)))] : []),
  ];
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f;
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))), // v3
    integer(serial),
    ecdsaSha256,
    name,
    seq(time(notBefore), time(notAfter)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    tlv(0xa3, seq(...extensions)),
  );
  const signature = sign('sha256', tbs, privateKey); // DER ECDSA-Sig-Value, as X.509 wants it
  const der = seq(tbs, ecdsaSha256, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const lines = der
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n');
  return {
    cert: Buffer.from(`-----BEGIN CERTIFICATE-----\n${lines}\n-----END CERTIFICATE-----\n`),
    key: Buffer.from(privateKey.export({ type: 'pkcs8', format: 'pem' })),
  };
}

// ---- DER ------------------------------------------------------------------------------------------------

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let x = n; x > 0; x >>= 8) bytes.unshift(x & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

const seq = (...parts: Buffer[]) => tlv(0x30, ...parts);
const set = (...parts: Buffer[]) => tlv(0x31, ...parts);
const octets = (b: Buffer) => tlv(0x04, b);
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a! + b!];
  for (const v of rest) {
    const enc = [v & 0x7f];
    for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128)) enc.unshift((x & 0x7f) | 0x80);
    out.push(...enc);
  }
  return tlv(0x06, Buffer.from(out));
}

/** A non-negative INTEGER from big-endian bytes (minimal, with a 0 byte where the top bit is set). */
function integer(bytes: Buffer): Buffer {
  let b = bytes;
  while (b.length > 1 && b[0] === 0 && !(b[1]! & 0x80)) b = b.subarray(1);
  if (b[0]! & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return tlv(0x02, b);
}

/** UTCTime before 2050, GeneralizedTime from then on (RFC 5280 4.1.2.5). */
function time(d: Date): Buffer {
  const compact = `${d.toISOString().slice(0, 19).replace(/[-:T]/g, '')}Z`; // YYYYMMDDHHMMSSZ
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(compact.slice(2))) : tlv(0x18, Buffer.from(compact));
}

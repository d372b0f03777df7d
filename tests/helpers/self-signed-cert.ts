import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * A self-signed P-256 certificate for 127.0.0.1 made by `openssl` at test time (two days valid), written as
 * `<dir>/<name>.crt` and `<dir>/<name>.key` — for the HTTPS tests of the central server and the LAN host.
 */
export function selfSignedCert(dir: string, name = 'cert', commonName = '127.0.0.1'): { cert: string; key: string } {
  const cert = path.join(dir, `${name}.crt`);
  const key = path.join(dir, `${name}.key`);
  const gen = spawnSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '2',
    '-subj',
    `/CN=${commonName}`,
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    key,
    '-out',
    cert,
  ]);
  if (gen.status !== 0) throw new Error(`openssl failed: ${String(gen.stderr)}`);
  return { cert, key };
}

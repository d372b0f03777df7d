import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// Salted hash of a 证件号 for matching (roster ↔ manual check-in) without keeping the plaintext.
// The per-station key lives in the data directory, outside the database, so a copied database alone
// cannot be matched against a list of ID numbers.

export const ID_KEY_FILE = 'station-id-key';

export interface IdHasher {
  hash(normalizedId: string): string;
}

export function loadIdHasher(dataDir: string): IdHasher {
  const file = path.join(dataDir, ID_KEY_FILE);
  let key: Buffer;
  if (existsSync(file)) {
    key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    if (key.length !== 32) throw new Error(`${file} 已损坏：应为 64 个十六进制字符`);
  } else {
    mkdirSync(dataDir, { recursive: true });
    key = randomBytes(32);
    // wx: two processes starting together never overwrite each other's key
    try {
      writeFileSync(file, key.toString('hex') + '\n', { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      return loadIdHasher(dataDir);
    }
    try {
      chmodSync(file, 0o600);
    } catch {
      // not supported on every file system (Windows): the data dir's own permissions still apply
    }
  }
  return {
    hash: (normalizedId) => createHmac('sha256', key).update(`id:${normalizedId}`).digest('hex'),
  };
}

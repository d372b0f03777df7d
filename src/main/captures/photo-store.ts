import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { mkdir, open, rename, stat } from 'node:fs/promises';
import path from 'node:path';

// Content-addressed photo files: <data>/photos/<first 2 hex>/<sha256>. A file is written to a temp name,
// fsynced, renamed into place and its directory fsynced before any database row may point at it.

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function sniffImageMime(bytes: Uint8Array): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
    return 'image/png';
  if (
    bytes.length >= 12 &&
    Buffer.from(bytes.subarray(0, 4)).toString('latin1') === 'RIFF' &&
    Buffer.from(bytes.subarray(8, 12)).toString('latin1') === 'WEBP'
  )
    return 'image/webp';
  return null;
}

async function fsyncDirAsync(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // directories cannot be opened for fsync on Windows; NTFS journals the rename itself
  }
}

function fsyncDir(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // directories cannot be opened for fsync on Windows; NTFS journals the rename itself
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

export class PhotoStore {
  readonly root: string;
  private readonly tmpDir: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'photos');
    this.tmpDir = path.join(this.root, 'tmp');
    mkdirSync(this.tmpDir, { recursive: true });
  }

  pathOf(sha: string): string {
    if (!SHA256_PATTERN.test(sha)) throw new Error(`not a sha256: ${sha.slice(0, 80)}`);
    return path.join(this.root, sha.slice(0, 2), sha);
  }

  /** Durably store the bytes; returns their sha256. Idempotent: the same content is stored once. */
  put(bytes: Uint8Array): string {
    const sha = sha256(bytes);
    const target = this.pathOf(sha);
    if (existsSync(target) && statSync(target).size === bytes.length) return sha;
    const dir = path.dirname(target);
    mkdirSync(dir, { recursive: true });
    const tmp = path.join(this.tmpDir, `${sha}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    const fd = openSync(tmp, 'wx');
    try {
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
    fsyncDir(dir);
    return sha;
  }

  /**
   * put() off the event loop: the same temp file, fsync, rename and directory fsync, on libuv's pool, so photo
   * production (vision workers, sharp) keeps running while a 24 MP original is made durable.
   */
  async putAsync(bytes: Uint8Array): Promise<string> {
    const sha = sha256(bytes);
    const target = this.pathOf(sha);
    const existing = await stat(target).catch(() => null);
    if (existing && existing.size === bytes.length) return sha;
    const dir = path.dirname(target);
    await mkdir(dir, { recursive: true });
    const tmp = path.join(this.tmpDir, `${sha}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    const fh = await open(tmp, 'wx');
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, target);
    await fsyncDirAsync(dir);
    return sha;
  }

  has(sha: string): boolean {
    return SHA256_PATTERN.test(sha) && existsSync(this.pathOf(sha));
  }

  read(sha: string): Buffer {
    return readFileSync(this.pathOf(sha));
  }

  /** Every stored file (sha → size), ignoring temp files. */
  list(): Map<string, number> {
    const out = new Map<string, number>();
    if (!existsSync(this.root)) return out;
    for (const sub of readdirSync(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(sub)) continue;
      for (const name of readdirSync(path.join(this.root, sub))) {
        if (SHA256_PATTERN.test(name) && name.startsWith(sub))
          out.set(name, statSync(path.join(this.root, sub, name)).size);
      }
    }
    return out;
  }

  /** Remove temp files a crash left behind (their content never became a stored photo). */
  clearTemp(): number {
    let n = 0;
    for (const name of readdirSync(this.tmpDir)) {
      rmSync(path.join(this.tmpDir, name), { force: true });
      n++;
    }
    return n;
  }
}

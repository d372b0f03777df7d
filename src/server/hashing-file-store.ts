import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import stream from 'node:stream';
import streamP from 'node:stream/promises';
import { FileConfigstore, FileStore } from '@tus/file-store';
import { ERRORS, type KvStore, type Upload } from '@tus/server';
import { SHA256_PATTERN } from '../shared/central';

// @tus/file-store's FileStore, with less work per request (the photo path is most of the server's CPU):
// - the sha256 of an upload is computed from the bytes as they are written, so the check on the last byte needs
//   no second read of the file. `write` is the library's own (a write stream at the offset, fed through a
//   counting transform) with the hash in that transform; a resumed upload (offset > 0) first hashes the bytes
//   already on disk. The digest is kept only for a write that ended without an error, and is taken only when it
//   covers the whole upload: anything else (a server restarted after the last byte, a write cut short) is hashed
//   from the file as before;
// - the upload's info (`<sha256>.json`: length, metadata) is written once and never changes, so it is also kept in
//   memory: a HEAD, a POST of a known photo and every PATCH read it without opening the file (each
//   fs.promises.readFile is four trips through the thread pool). The files stay the truth: written before the
//   answer as before, read on a miss (e.g. after a restart);
// - `create` makes the directory once, not on every upload.

export interface UploadDigest {
  /** Bytes the digest covers (the file's length after the write). */
  size: number;
  sha256: string;
}

/** Partial uploads whose station never came back leave a digest behind: bounded. */
const MAX_DIGESTS = 10_000;

/** The upload-info store (a FileConfigstore) with the info of recent uploads in memory. */
export class CachedConfigstore implements KvStore<Upload> {
  private readonly cache = new Map<string, Upload>();

  constructor(
    private readonly inner: KvStore<Upload>,
    private readonly max = MAX_DIGESTS,
  ) {}

  async get(key: string): Promise<Upload | undefined> {
    const hit = this.cache.get(key);
    if (hit) return { ...hit } as Upload;
    const value = await this.inner.get(key);
    if (value) this.remember(key, value);
    return value;
  }

  async set(key: string, value: Upload): Promise<void> {
    this.cache.delete(key);
    await this.inner.set(key, value);
    // what the file now holds, as a read of it would give it
    this.remember(key, JSON.parse(JSON.stringify(value)) as Upload);
  }

  async delete(key: string): Promise<void> {
    this.cache.delete(key);
    await this.inner.delete(key);
  }

  list(): Promise<string[]> {
    return this.inner.list ? this.inner.list() : Promise.resolve([]);
  }

  private remember(key: string, value: Upload): void {
    if (this.cache.size >= this.max) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, value);
  }
}

export class HashingFileStore extends FileStore {
  private readonly digests = new Map<string, UploadDigest>();
  private directoryReady = false;

  constructor(options: { directory: string }) {
    super({ directory: options.directory, configstore: new CachedConfigstore(new FileConfigstore(options.directory)) });
  }

  private pathOf(id: string): string {
    if (!SHA256_PATTERN.test(id)) throw ERRORS.FILE_NOT_FOUND;
    return path.join(this.directory, id);
  }

  /** The library's `create` (an empty file, then its info), without a mkdir per upload. */
  override async create(file: Upload): Promise<Upload> {
    const filePath = this.pathOf(file.id);
    if (!this.directoryReady) {
      await fs.promises.mkdir(this.directory, { recursive: true });
      this.directoryReady = true;
    }
    await fs.promises.writeFile(filePath, '');
    await this.configstore.set(file.id, file);
    file.storage = { type: 'file', path: filePath };
    return file;
  }

  override async write(readable: stream.Readable, id: string, offset: number): Promise<number> {
    const file = this.pathOf(id);
    this.digests.delete(id);
    const hash = createHash('sha256');
    if (offset > 0) await hashPrefix(hash, file, offset);
    const writeable = fs.createWriteStream(file, { flags: 'r+', start: offset });
    let received = 0;
    const transform = new stream.Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await streamP.pipeline(readable, transform, writeable);
    } catch {
      throw ERRORS.FILE_WRITE_ERROR;
    }
    if (this.digests.size >= MAX_DIGESTS) this.digests.clear();
    this.digests.set(id, { size: offset + received, sha256: hash.digest('hex') });
    return offset + received;
  }

  /** The sha256 of the upload's `size` bytes as written by this process, once (null when not known). */
  takeDigest(id: string, size: number): string | null {
    const d = this.digests.get(id);
    this.digests.delete(id);
    return d && d.size === size ? d.sha256 : null;
  }

  override async remove(id: string): Promise<void> {
    this.digests.delete(id);
    return super.remove(id);
  }
}

async function hashPrefix(hash: Hash, file: string, bytes: number): Promise<void> {
  for await (const chunk of fs.createReadStream(file, { start: 0, end: bytes - 1 })) hash.update(chunk as Buffer);
}

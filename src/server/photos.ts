import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { Server as TusServer } from '@tus/server';
import type { Upload } from '@tus/utils';
import type { Kysely } from 'kysely';
import { MAX_PHOTO_BYTES, SHA256_PATTERN, photoShaFromMetadata } from '../shared/central';
import type { CentralDatabase } from './db/schema';
import type { Clock } from './clock';
import { bearerToken, type TokenStore } from './tokens';
import type { WriteBatcher } from './db/write-batch';
import { HashingFileStore } from './hashing-file-store';
import type { S3PhotoStore } from './s3-photo-store';

// Photos by tus 1.0 (@tus/server + @tus/file-store, or @tus/s3-store with --s3-bucket). The upload id IS the photo's sha256, so the upload
// URL is /v1/photos/{sha256} and a station can always HEAD it first. Guards around the library:
// - a POST for a sha256 whose upload exists (partial or complete) never reaches tus's PostHandler —
//   with a naming function, @tus/server would create the file again and reset a finished upload to 0;
//   the answer points at the existing upload instead, serialised per sha256 so two racing POSTs cannot
//   both create;
// - on the last byte the sha256 of the stored bytes is checked — hashed as they were written (HashingFileStore),
//   else read back from the file (always read back from the object in S3): a mismatch deletes them and answers 460;
// - a photo counts as stored (table photos) only after that check — also when the server died between
//   the last byte and the check (a HEAD or POST of a full but unverified upload verifies it first).

export const PHOTOS_PATH = '/v1/photos';
export const CHECKSUM_MISMATCH_STATUS = 460;
export const CHECKSUM_MISMATCH_BODY = '照片内容与 sha256 不符，已删除，请重新上传\n';

export interface PhotoUploadsOptions {
  directory: string;
  /** Photos in S3-compatible storage instead of `directory` (made by openCentral, which loads the AWS SDK only then). */
  s3Store?: S3PhotoStore;
  db: Kysely<CentralDatabase>;
  /** Group commit of the `photos` rows (answered after the commit). */
  writes: WriteBatcher;
  tokens: TokenStore;
  now: Clock;
  maxBytes?: number;
  onEvent?: (event: { type: 'photo.stored' | 'photo.mismatch'; sha256: string; bytes: number }) => void;
}

type CreateAnswer =
  | { kind: 'existing'; offset: number; size: number; location: string }
  | { kind: 'length_conflict' }
  | { kind: 'create' };

export class PhotoUploads {
  readonly tus: TusServer;
  readonly store: HashingFileStore | S3PhotoStore;
  private readonly s3: S3PhotoStore | null;
  private readonly creating = new Map<string, Promise<unknown>>();
  /** Photos a POST under the per-sha256 lock has just found absent (the naming function need not ask again). */
  private readonly absent = new Set<string>();
  /** The station of each request handed to tus (its onUploadFinish needs no second token lookup). */
  private readonly stationOf = new WeakMap<IncomingMessage, number>();
  /** Photo bytes appended by PATCH requests since start (for resume tests and the benchmark). */
  bytesAppended = 0;

  constructor(private readonly options: PhotoUploadsOptions) {
    this.s3 = options.s3Store ?? null;
    this.store = this.s3 ?? new HashingFileStore({ directory: options.directory });
    this.tus = new TusServer({
      path: PHOTOS_PATH,
      datastore: this.store,
      relativeLocation: true,
      maxSize: options.maxBytes ?? MAX_PHOTO_BYTES,
      disableTerminationForFinishedUploads: true,
      namingFunction: async (_req, metadata) => {
        const sha = metadata?.sha256 ?? '';
        if (!SHA256_PATTERN.test(sha)) throw { status_code: 400, body: 'Upload-Metadata 缺少有效的 sha256\n' };
        // Second line of defence behind the POST guard: never create over an existing upload (asked again
        // unless the guard has just found it absent, under the same per-sha256 lock).
        if (!this.absent.delete(sha) && (await this.exists(sha)))
          throw { status_code: 409, body: '该照片的上传已存在\n' };
        return sha;
      },
      onUploadFinish: async (req, upload) => {
        const node = (req as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
        const known = node ? this.stationOf.get(node) : undefined;
        const stationId =
          known ??
          (await options.tokens.authenticate(bearerToken(req.headers.get('authorization'))))?.stationId ??
          null;
        await this.verify(upload, stationId);
        return {};
      },
    });
  }

  /** Path of a stored photo's bytes (complete or not) in the filesystem store. */
  filePath(sha256: string): string {
    return path.join(this.options.directory, sha256);
  }

  /** Where the photos are kept (start-up line). */
  describeStorage(): string {
    return this.s3 ? this.s3.describe() : this.options.directory;
  }

  /** Fails with a readable message when the photo storage cannot be used (S3: the bucket is not reachable). */
  async checkStorage(): Promise<void> {
    if (this.s3) await this.s3.checkBucket();
  }

  /** The bytes of an upload (complete or not on the filesystem; complete in S3). */
  async openPhoto(sha256: string): Promise<Readable> {
    if (this.s3) return this.s3.openPhoto(sha256);
    return createReadStream(this.filePath(sha256));
  }

  private async exists(sha256: string): Promise<boolean> {
    try {
      await this.store.getUpload(sha256);
      return true;
    } catch {
      return false;
    }
  }

  private async getUpload(sha256: string): Promise<Upload | null> {
    try {
      return await this.store.getUpload(sha256);
    } catch {
      return null;
    }
  }

  /** Hashes the complete bytes; records the photo or deletes the bytes (throws the tus 460 answer). */
  private async verify(upload: Upload, stationId: number | null): Promise<void> {
    const sha = upload.id;
    const actual = this.store.takeDigest(sha, upload.size ?? -1) ?? (await sha256OfStream(await this.openPhoto(sha)));
    if (actual !== sha) {
      await this.store.remove(sha).catch(() => undefined);
      this.options.onEvent?.({ type: 'photo.mismatch', sha256: sha, bytes: upload.size ?? 0 });
      throw { status_code: CHECKSUM_MISMATCH_STATUS, body: CHECKSUM_MISMATCH_BODY };
    }
    if (stationId === null) {
      // the uploader's token was revoked between its last PATCH's auth and now: keep the bytes, record later
      return;
    }
    const values = {
      sha256: sha,
      bytes: upload.size!,
      station_id: stationId,
      completed_at: this.options.now().toISOString(),
    };
    const r = await this.options.writes.run((tx) =>
      tx
        .insertInto('photos')
        .values(values)
        .onConflict((oc) => oc.column('sha256').doNothing())
        .executeTakeFirst(),
    );
    if (Number(r.numInsertedOrUpdatedRows ?? 0) > 0)
      this.options.onEvent?.({ type: 'photo.stored', sha256: sha, bytes: upload.size! });
  }

  /** A full upload that is not in `photos` (server stopped between the last byte and the check). */
  private async ensureVerified(upload: Upload, stationId: number): Promise<boolean> {
    if (upload.size === undefined || upload.offset !== upload.size) return true;
    const row = await this.options.db
      .selectFrom('photos')
      .select('sha256')
      .where('sha256', '=', upload.id)
      .executeTakeFirst();
    if (row) return true;
    try {
      await this.verify(upload, stationId);
      return true;
    } catch {
      return false; // mismatching bytes were deleted
    }
  }

  async isStored(sha256: string): Promise<boolean> {
    const row = await this.options.db
      .selectFrom('photos')
      .select('sha256')
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    return !!row;
  }

  /** Decides what a POST /v1/photos does, serialised per sha256 with `run`. */
  private async planCreate(sha256: string, length: number, stationId: number): Promise<CreateAnswer> {
    const upload = await this.getUpload(sha256);
    if (!upload) return { kind: 'create' };
    if (upload.size !== length) return { kind: 'length_conflict' };
    if (!(await this.ensureVerified(upload, stationId))) return { kind: 'create' };
    return { kind: 'existing', offset: upload.offset, size: upload.size, location: `${PHOTOS_PATH}/${sha256}` };
  }

  /**
   * POST /v1/photos. `reply(status, headers, body)` answers without tus; otherwise tus handles the request.
   * Returns once the request is answered.
   */
  async create(
    req: IncomingMessage,
    res: ServerResponse,
    stationId: number,
    reply: (status: number, headers: Record<string, string>, json?: unknown) => void,
  ): Promise<void> {
    const sha = photoShaFromMetadata(header(req, 'upload-metadata'));
    if (!sha) {
      reply(
        400,
        {},
        { error: { code: 'invalid_request', message: 'Upload-Metadata 缺少有效的 sha256', field: 'Upload-Metadata' } },
      );
      return;
    }
    const lengthHeader = header(req, 'upload-length');
    const length = lengthHeader !== undefined && /^\d{1,15}$/.test(lengthHeader) ? Number(lengthHeader) : NaN;
    if (!Number.isSafeInteger(length) || length < 1) {
      reply(
        400,
        {},
        { error: { code: 'invalid_request', message: '缺少有效的 Upload-Length', field: 'Upload-Length' } },
      );
      return;
    }
    await this.serialised(sha, async () => {
      const plan = await this.planCreate(sha, length, stationId);
      if (plan.kind === 'length_conflict') {
        reply(
          409,
          {},
          { error: { code: 'invalid_request', message: '该照片已有长度不同的上传', field: 'Upload-Length' } },
        );
      } else if (plan.kind === 'existing') {
        reply(201, {
          Location: plan.location,
          'Tus-Resumable': '1.0.0',
          'Upload-Offset': String(plan.offset),
          'Upload-Length': String(plan.size),
        });
      } else {
        this.absent.add(sha);
        this.stationOf.set(req, stationId);
        try {
          await this.tus.handle(req, res);
        } finally {
          this.absent.delete(sha);
        }
      }
    });
  }

  /** HEAD / PATCH / OPTIONS on /v1/photos/{sha256}: tus, after making sure a full upload was verified. */
  async resume(req: IncomingMessage, res: ServerResponse, sha256: string, stationId: number): Promise<void> {
    if (req.method === 'HEAD') {
      const upload = await this.getUpload(sha256);
      if (upload) await this.ensureVerified(upload, stationId);
    }
    const before = req.method === 'PATCH' ? ((await this.getUpload(sha256))?.offset ?? null) : null;
    this.stationOf.set(req, stationId);
    await this.tus.handle(req, res);
    if (before !== null) {
      const after = (await this.getUpload(sha256))?.offset;
      if (after !== undefined && after > before) this.bytesAppended += after - before;
    }
  }

  private async serialised(key: string, fn: () => Promise<void>): Promise<void> {
    const before = this.creating.get(key) ?? Promise.resolve();
    const run = before.then(fn, fn);
    const tail = run.catch(() => undefined);
    this.creating.set(key, tail);
    try {
      await run;
    } finally {
      if (this.creating.get(key) === tail) this.creating.delete(key);
    }
  }

  /** The bytes of a verified photo (review console), or null. */
  async photoBytes(sha256: string): Promise<Buffer | null> {
    if (!(await this.isStored(sha256))) return null;
    if (!this.s3) return fs.readFile(this.filePath(sha256));
    const chunks: Buffer[] = [];
    for await (const chunk of await this.openPhoto(sha256)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export async function sha256OfFile(file: string): Promise<string> {
  return sha256OfStream(createReadStream(file));
}

export async function sha256OfStream(bytes: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of bytes) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

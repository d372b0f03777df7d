import type { Readable } from 'node:stream';
import { S3Store } from '@tus/s3-store';
import { ERRORS } from '@tus/server';
import { SHA256_PATTERN } from '../shared/central';

// Photos in S3-compatible storage (`studio server --s3-bucket NAME [--s3-endpoint URL]`): @tus/s3-store's S3Store,
// one object per photo under its sha256 (`<sha256>`, plus tus's `<sha256>.info` and, while a PATCH ended short of
// a 5 MiB part, `<sha256>.part`). Credentials come from the AWS SDK's usual sources (AWS_ACCESS_KEY_ID /
// AWS_SECRET_ACCESS_KEY, AWS_REGION) unless given here. The sha256 check on the last byte reads the finished object
// back once (PhotoUploads.verify); `remove` also deletes a completed object (the library's aborts the multipart
// upload first and gives up when it is already completed, which is exactly the case of wrong bytes).

export interface S3PhotoConfig {
  bucket: string;
  /** S3-compatible endpoint (MinIO, Ceph, a cloud's S3 API); AWS S3 itself when absent. */
  endpoint?: string;
  /** Default AWS_REGION, else us-east-1 (what most S3-compatible servers accept). */
  region?: string;
  /** Path-style URLs (http://host/bucket/key); default: on when an endpoint is given. */
  forcePathStyle?: boolean;
  /** Default: the SDK's chain (environment, shared config). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export class S3PhotoStore extends S3Store {
  readonly config: S3PhotoConfig;

  constructor(config: S3PhotoConfig) {
    super({
      s3ClientConfig: {
        bucket: config.bucket,
        endpoint: config.endpoint,
        region: config.region ?? process.env.AWS_REGION ?? 'us-east-1',
        forcePathStyle: config.forcePathStyle ?? !!config.endpoint,
        ...(config.credentials ? { credentials: config.credentials } : {}),
      },
    });
    this.config = config;
  }

  /** Where the photos go, for the start-up line and logs (no credentials). */
  describe(): string {
    return `s3://${this.config.bucket}${this.config.endpoint ? ` (${this.config.endpoint})` : ''}`;
  }

  /** Throws a readable error when the bucket cannot be reached with these settings. */
  async checkBucket(): Promise<void> {
    try {
      await this.client.headBucket({ Bucket: this.bucket });
    } catch (err) {
      const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
      const status = e.$metadata?.httpStatusCode;
      throw new Error(
        `S3 存储桶不可用 (S3 bucket unavailable): ${this.describe()}: ${e.name ?? 'Error'}${status ? ` ${status}` : ''}${e.message && e.message !== e.name ? ` ${e.message}` : ''}`,
        { cause: err },
      );
    }
  }

  /** The complete photo's bytes. */
  async openPhoto(id: string): Promise<Readable> {
    if (!SHA256_PATTERN.test(id)) throw ERRORS.FILE_NOT_FOUND;
    return (await this.read(id)) as Readable;
  }

  /** Digest of the bytes as written: not kept for S3 (the check reads the object back). */
  takeDigest(_id: string, _size: number): string | null {
    return null;
  }

  override async remove(id: string): Promise<void> {
    if (!SHA256_PATTERN.test(id)) throw ERRORS.FILE_NOT_FOUND;
    try {
      const { 'upload-id': uploadId } = await this.getMetadata(id);
      if (uploadId)
        await this.client
          .abortMultipartUpload({ Bucket: this.bucket, Key: id, UploadId: uploadId })
          .catch(() => undefined);
    } catch {
      // no info object: delete whatever is left below
    }
    await this.client.deleteObjects({
      Bucket: this.bucket,
      Delete: { Objects: [{ Key: id }, { Key: this.infoKey(id) }, { Key: this.partKey(id, true) }] },
    });
    await this.clearCache(id);
  }
}

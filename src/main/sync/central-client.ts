import type http from 'node:http';
import { DefaultHttpStack, Upload, type DetailedError, type HttpRequest, type HttpStack } from 'tus-js-client';
import {
  CENTRAL_PATHS,
  OrderAccepted,
  OrderConflict,
  ReviewsPage,
  type OrderSnapshot,
  type ReviewsPage as ReviewsPageT,
} from '../../shared/central';
import { classifyNetworkError, classifyStatus, SyncError } from './sync-error';
import { createAgent, request, type HttpAnswer } from './transport';

// The station's side of the central API (docs/central-api.yaml): PUT an order snapshot, upload a photo by tus,
// pull reviews. Every failure comes out as a SyncError sorted into retry / park / auth.

export interface CentralClientOptions {
  serverUrl: string;
  token: string;
  fingerprint: string | null;
  timeoutMs?: number;
}

export type PutOrderResult = { kind: 'accepted'; revision: number } | { kind: 'stale'; storedRevision: number };

export interface PhotoUploadInput {
  sha256: string;
  bytes: Buffer;
  /** The upload URL stored from an earlier attempt (resume), or null. */
  storedUrl: string | null;
  /**
   * Never tried by this station (and recorded so before this call): created with its bytes in one POST, without
   * asking the server first. Otherwise the upload starts with HEAD.
   */
  fresh: boolean;
  /** Called as soon as the server told the upload's URL: store it before any byte is sent. */
  onUploadUrl: (url: string) => void;
  onProgress: (bytesSent: number, bytesTotal: number) => void;
}

export interface PhotoUploadResult {
  /** Bytes this attempt put on the wire (0 when the server already had the photo complete). */
  bytesSent: number;
}

export class CentralClient {
  readonly agent: http.Agent;
  private readonly timeoutMs: number;

  constructor(private readonly opts: CentralClientOptions) {
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.agent = createAgent({ serverUrl: opts.serverUrl, fingerprint: opts.fingerprint, timeoutMs: this.timeoutMs });
  }

  private url(p: string): string {
    return `${this.opts.serverUrl}${p}`;
  }

  private async send(method: string, p: string, what: string, body?: unknown): Promise<HttpAnswer> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${this.opts.token}`,
      Accept: 'application/json',
    };
    let payload: string | undefined;
    if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    try {
      return await request(this.agent, this.url(p), { method, headers, body: payload, timeoutMs: this.timeoutMs });
    } catch (err) {
      throw classifyNetworkError(err, what);
    }
  }

  /** Idempotent upsert; 409 (the server holds this or a newer revision) counts as delivered. */
  async putOrder(uuid: string, snapshot: OrderSnapshot, orderNo: string): Promise<PutOrderResult> {
    const what = `上传订单 ${orderNo}`;
    const res = await this.send('PUT', CENTRAL_PATHS.order(uuid), what, snapshot);
    if (res.status === 200 || res.status === 201) {
      const parsed = OrderAccepted.safeParse(parseJson(res.body));
      if (!parsed.success) throw new SyncError('retry', `${what}：服务器的应答格式不正确`, res.status);
      return { kind: 'accepted', revision: parsed.data.revision };
    }
    if (res.status === 409) {
      const parsed = OrderConflict.safeParse(parseJson(res.body));
      if (parsed.success) return { kind: 'stale', storedRevision: parsed.data.storedRevision };
    }
    throw classifyStatus(res.status, res.body, what);
  }

  async reviews(cursor: string, limit: number): Promise<ReviewsPageT> {
    const what = '获取审核结果';
    const q = `?cursor=${encodeURIComponent(cursor)}&limit=${limit}`;
    const res = await this.send('GET', `${CENTRAL_PATHS.reviews}${q}`, what);
    if (res.status !== 200) throw classifyStatus(res.status, res.body, what);
    const parsed = ReviewsPage.safeParse(parseJson(res.body));
    if (!parsed.success) throw new SyncError('retry', `${what}：服务器的应答格式不正确`, res.status);
    return parsed.data;
  }

  /**
   * tus 1.0 upload (tus-js-client). A fresh photo: one POST with the bytes (creation-with-upload). Any other starts
   * with HEAD on the stored URL — or on the photo's own URL /v1/photos/{sha256} — so a photo the server already
   * holds complete is never sent again and a partial one continues at the server's Upload-Offset; only when the
   * server does not know it does a POST (with the bytes) create it.
   */
  uploadPhoto(input: PhotoUploadInput, orderNo: string | null): Promise<PhotoUploadResult> {
    const what = `上传照片${orderNo ? `（订单 ${orderNo}）` : ''}`;
    let patchStart: number | null = null;
    return new Promise<PhotoUploadResult>((resolve, reject) => {
      const upload = new Upload(input.bytes, {
        endpoint: this.url(CENTRAL_PATHS.photos),
        uploadUrl: input.fresh ? null : (input.storedUrl ?? this.url(CENTRAL_PATHS.photo(input.sha256))),
        uploadDataDuringCreation: true,
        uploadSize: input.bytes.length,
        metadata: { sha256: input.sha256 },
        headers: { Authorization: `Bearer ${this.opts.token}` },
        httpStack: new TimedHttpStack(new DefaultHttpStack({ agent: this.agent }), this.timeoutMs),
        retryDelays: null, // the worker retries, with its own backoff
        storeFingerprintForResuming: false,
        // no URL storage (the upload URL lives in SQLite): the library's MD5 of the first 64 KB would go unused
        fingerprint: () => Promise.resolve(''),

        chunkSize: Infinity,
        onUploadUrlAvailable: () => {
          if (upload.url) input.onUploadUrl(upload.url);
        },
        onBeforeRequest: (req: HttpRequest) => {
          if (req.getMethod() === 'PATCH') patchStart = Number(req.getHeader('Upload-Offset'));
          // creation-with-upload: the POST carries the bytes from 0
          else if (req.getMethod() === 'POST' && req.getHeader('Content-Type') === 'application/offset+octet-stream')
            patchStart = 0;
        },
        onProgress: (sent, total) => input.onProgress(sent, total),
        onSuccess: () => resolve({ bytesSent: patchStart === null ? 0 : input.bytes.length - patchStart }),
        onError: (err) => reject(tusError(err, what)),
      });
      upload.start();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

function tusError(err: Error | DetailedError, what: string): SyncError {
  const detailed = err as DetailedError;
  const res = detailed.originalResponse;
  if (res) return classifyStatus(res.getStatus(), res.getBody() ?? '', what);
  return classifyNetworkError(detailed.causingError ?? err, what);
}

/** tus-js-client's Node stack with a hard timeout per request (its own has none). */
class TimedHttpStack implements HttpStack {
  constructor(
    private readonly inner: HttpStack,
    private readonly timeoutMs: number,
  ) {}

  createRequest(method: string, url: string): HttpRequest {
    const req = this.inner.createRequest(method, url);
    const send = req.send.bind(req);
    req.send = (body?: unknown) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          void req.abort();
          reject(Object.assign(new Error('请求超时'), { code: 'SYNC_TIMEOUT' }));
        }, this.timeoutMs);
        send(body as never).then(
          (res) => {
            clearTimeout(timer);
            resolve(res);
          },
          (err: unknown) => {
            clearTimeout(timer);
            reject(err instanceof Error ? err : new Error(String(err)));
          },
        );
      });
    return req;
  }

  getName(): string {
    return 'TimedNodeHttpStack';
  }
}

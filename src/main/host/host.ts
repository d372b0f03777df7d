import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError } from '../../shared/api-error';
import { isMethod, type PushEvent } from '../../shared/contract';
import type { Studio } from '../core/studio';
import { isLoopback, newToken, requestToken, tokenMatches } from './auth';
import { CONTENT_SECURITY_POLICY } from './csp';
import { serveStatic } from './static-files';
import { RECEIPT_ROUTE_PREFIX, serveReceiptPdf } from '../receipts/receipt-route';
import { LIVE_STREAM_PATH, serveLiveStream } from '../camera/live-stream';
import { isMediaPath, serveMedia } from '../captures/media';

export interface HostOptions {
  studio: Studio;
  /** Directory of the built renderer (index.html + assets). */
  rendererDir: string;
  host?: string;
  port?: number;
  /** Required for non-loopback binds; generated when omitted. */
  token?: string;
  maxBodyBytes?: number;
}

export interface RunningHost {
  url: string;
  port: number;
  host: string;
  /** Set when the host is reachable from other machines. */
  token: string | null;
  close(): Promise<void>;
}

const STATUS: Record<ApiError['code'], number> = {
  invalid_request: 400,
  unknown_method: 404,
  not_found: 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  unavailable: 503,
  internal: 500,
};

/** The local web host: the built UI, `POST /api/<method>`, and `GET /api/events` (server-sent events). */
export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const host = opts.host ?? '127.0.0.1';
  const token = isLoopback(host) ? null : (opts.token ?? newToken());
  const maxBody = opts.maxBodyBytes ?? 64 * 1024 * 1024;
  const sseClients = new Set<ServerResponse>();

  const unsubscribe = opts.studio.bus.subscribe((event: PushEvent) => {
    const frame = `event: ${event.name}\ndata: ${JSON.stringify(event.data)}\n\n`;
    for (const res of sseClients) res.write(frame);
  });
  const keepAlive = setInterval(() => {
    for (const res of sseClients) res.write(': keep-alive\n\n');
  }, 20_000);
  keepAlive.unref();

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      sendError(res, err instanceof ApiError ? err : new ApiError('internal', '内部错误'));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://host');
    const isApi = url.pathname.startsWith('/api/');
    if (isApi && token && !tokenMatches(token, requestToken(req))) {
      throw new ApiError('unauthorized', '需要访问令牌（启动时打印的 token）');
    }
    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') throw new ApiError('invalid_request', '请使用 GET 订阅事件');
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }
    if (url.pathname === LIVE_STREAM_PATH) {
      // Live view shows students' faces: same token rule as the API.
      if (token && !tokenMatches(token, requestToken(req))) throw new ApiError('unauthorized', '需要访问令牌');
      await serveLiveStream(opts.studio.camera, req, res);
      return;
    }
    if (isMediaPath(url.pathname)) {
      // students' photos: same token rule as the API
      if (token && !tokenMatches(token, requestToken(req))) throw new ApiError('unauthorized', '需要访问令牌');
      serveMedia(opts.studio.records.photoStore, url.pathname, res);
      return;
    }
    if (url.pathname.startsWith(RECEIPT_ROUTE_PREFIX) && req.method === 'GET') {
      // token already checked above (an /api/ path)
      await serveReceiptPdf(opts.studio, url, res);
      return;
    }
    if (isApi) {
      if (req.method !== 'POST') throw new ApiError('invalid_request', '接口只接受 POST 请求');
      const method = safeDecode(url.pathname.slice('/api/'.length));
      if (!isMethod(method)) throw new ApiError('unknown_method', `未知的接口：${method.slice(0, 80)}`);
      const payload = await readJson(req, maxBody);
      const result = await opts.studio.dispatch(method, payload, { transport: 'http' });
      sendJson(res, 200, result);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    serveStatic(opts.rendererDir, url.pathname, res, CONTENT_SECURITY_POLICY);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${shownHost}:${addr.port}`,
    port: addr.port,
    host,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(keepAlive);
        unsubscribe();
        for (const res of sseClients) res.end();
        sseClients.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes)
      throw new ApiError('invalid_request', `请求体过大（上限 ${Math.round(maxBytes / 1048576)} MB）`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  if (!type.includes('application/json'))
    throw new ApiError('invalid_request', '请求体须为 JSON（content-type: application/json）');
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new ApiError('invalid_request', '请求体不是有效的 JSON');
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

function sendError(res: ServerResponse, err: ApiError): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, STATUS[err.code], { error: err.toBody() });
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

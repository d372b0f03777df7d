import { X509Certificate } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { ApiError } from '../../shared/api-error';
import { isMethod, type PushEvent } from '../../shared/contract';
import type { Studio } from '../core/studio';
import { isLoopback, newToken, requestToken, tokenMatches } from './auth';
import { decideCaller, type CallerFacts, type HostRoute, type OwnAddress } from './caller-policy';
import { CONTENT_SECURITY_POLICY } from './csp';
import { FAVICON_PATH, serveFavicon } from './favicon';
import { serveStatic } from './static-files';
import { RECEIPT_ROUTE_PREFIX, serveReceiptPdf } from '../receipts/receipt-route';
import { defaultExportDir, EXPORT_ROUTE_PREFIX, serveExportFile } from '../export';
import { LIVE_STREAM_PATH, serveLiveStream } from '../camera/live-stream';
import { isMediaPath, serveMedia } from '../captures/media';
import { advertiseHost, LAN_ROUTE_PREFIX, serveLan } from '../event-mode';

export interface HostOptions {
  studio: Studio;
  /** Directory of the built renderer (index.html + assets). */
  rendererDir: string;
  host?: string;
  port?: number;
  /** Required for non-loopback binds; generated when omitted. */
  token?: string;
  maxBodyBytes?: number;
  /** Announce the host on the LAN (mDNS) for event mode; default: on for non-loopback binds. */
  advertise?: boolean;
  /**
   * Serve over HTTPS with this certificate (PEM) — the LAN routes of event mode included: the pairing code is shown
   * with the certificate's SHA-256, which the joining station pins (a self-signed certificate is enough).
   */
  https?: { cert: Buffer; key: Buffer };
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

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err: unknown) => {
      sendError(res, err instanceof ApiError ? err : new ApiError('internal', '内部错误'));
    });
  };
  const server = opts.https
    ? https.createServer({ cert: opts.https.cert, key: opts.https.key }, onRequest)
    : http.createServer(onRequest);
  const fingerprint = opts.https ? certFingerprint(opts.https.cert) : null;

  let own: OwnAddress | null = null; // known once listening; no request is handled before

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://host');
    const route = hostRoute(url.pathname);
    const decision = decideCaller(callerFacts(req, route, token), own!);
    if (!decision.allow) {
      refuse(res, route, decision.status, decision.message);
      return;
    }
    if (route === 'lan') {
      if (req.method !== 'POST') throw new ApiError('invalid_request', '接口只接受 POST 请求');
      const payload = await readJson(req, maxBody);
      const result = await serveLan(
        opts.studio.eventMode,
        opts.studio.dispatch,
        url.pathname,
        requestToken(req),
        payload,
      );
      sendJson(res, 200, result);
      return;
    }
    const isApi = route === 'api' || route === 'events' || route === 'receipt';
    if (route === 'events') {
      if (req.method !== 'GET') throw new ApiError('invalid_request', '请使用 GET 订阅事件');
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      // the camera as it is now, first: a change pushed while this stream was connecting is not missed (拍摄 follows
      // a camera chosen by another client from the moment it subscribes)
      res.write(`event: camera.status\ndata: ${JSON.stringify(opts.studio.camera.status())}\n\n`);
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }
    if (route === 'live') {
      await serveLiveStream(opts.studio.camera, req, res);
      return;
    }
    if (route === 'media') {
      serveMedia(opts.studio.records.photoStore, url.pathname, res);
      return;
    }
    if (route === 'download') {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        throw new ApiError('invalid_request', '导出文件只能下载（GET）');
      serveExportFile(defaultExportDir(opts.studio.dataDir), url.pathname, res);
      return;
    }
    if (route === 'receipt' && req.method === 'GET') {
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
    if (url.pathname === FAVICON_PATH) {
      serveFavicon(res);
      return;
    }
    serveStatic(opts.rendererDir, url.pathname, res, CONTENT_SECURITY_POLICY);
  }

  // Idle keep-alive sockets stay open longer than Node's 5 s: a client (here: a test in the same process whose
  // event loop was busy rendering a PDF) reusing a socket the host is just closing gets ECONNRESET. Closing the
  // host still ends them at once (closeAllConnections).
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  own = { bound: host, port: addr.port };
  opts.studio.eventMode.host.setListening({ port: addr.port, bound: host, fingerprint });
  const stopAdvertising =
    (opts.advertise ?? !isLoopback(host))
      ? await advertiseHost(opts.studio.eventMode.stationName(), addr.port, () => {}, {
          https: fingerprint !== null,
        }).catch(() => async () => {})
      : async () => {};
  const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `${fingerprint ? 'https' : 'http'}://${shownHost}:${addr.port}`,
    port: addr.port,
    host,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        opts.studio.eventMode.host.setListening(null);
        void stopAdvertising();
        clearInterval(keepAlive);
        unsubscribe();
        for (const res of sseClients) res.end();
        sseClients.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The SHA-256 of a PEM certificate (the first of a chain), 64 lowercase hex: what a joining station pins. */
export function certFingerprint(pem: Buffer): string {
  return new X509Certificate(pem).fingerprint256.replace(/:/g, '').toLowerCase();
}

/** Which part of the host a URL path belongs to (decides the token and cross-site rules). */
function hostRoute(pathname: string): HostRoute {
  if (pathname.startsWith(LAN_ROUTE_PREFIX)) return 'lan';
  if (pathname === '/api/events') return 'events';
  if (pathname.startsWith(RECEIPT_ROUTE_PREFIX)) return 'receipt';
  if (pathname.startsWith(EXPORT_ROUTE_PREFIX)) return 'download';
  if (pathname.startsWith('/api/')) return 'api';
  if (pathname === LIVE_STREAM_PATH) return 'live';
  if (isMediaPath(pathname)) return 'media';
  return 'ui';
}

function callerFacts(req: IncomingMessage, route: HostRoute, token: string | null): CallerFacts {
  const one = (name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v.join(',') : v;
  };
  return {
    route,
    host: one('host'),
    origin: one('origin'),
    fetchSite: one('sec-fetch-site'),
    fetchMode: one('sec-fetch-mode'),
    fetchDest: one('sec-fetch-dest'),
    // the LAN routes check the pairing code / station token themselves (event mode)
    tokenValid: token === null || route === 'lan' ? null : tokenMatches(token, requestToken(req)),
  };
}

/** A refusal: the API's JSON error body on /api/*, plain Chinese text elsewhere (media, live view, UI). */
function refuse(res: ServerResponse, route: HostRoute, status: 401 | 403 | 421, message: string): void {
  const api = route === 'api' || route === 'events' || route === 'receipt' || route === 'download' || route === 'lan';
  const body = api
    ? JSON.stringify({ error: { code: status === 401 ? 'unauthorized' : 'forbidden', message } })
    : message;
  res.writeHead(status, {
    'content-type': api ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
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

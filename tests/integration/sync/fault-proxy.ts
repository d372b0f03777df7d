import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { photoShaFromMetadata } from '../../../src/shared/central';

// A loopback HTTP proxy in front of the central server that misbehaves on purpose: answers 500, swallows a
// request (the client times out), or cuts the connection in the middle of a photo upload. It counts the photo
// bytes it forwarded to the server (PATCH bodies, and POST bodies of tus creation-with-upload), so a test can tell
// what was really sent.

export interface FaultPlan {
  /** For each request: what to do (decided by the test, e.g. a seeded random). */
  decide(req: {
    method: string;
    url: string;
    n: number;
    /** The request carries photo bytes (a tus PATCH, or a POST with creation-with-upload). */
    photoBody: boolean;
    /** The photo a tus request concerns ('' for others). */
    sha256: string;
  }): 'pass' | 'error500' | 'hang' | { cutAfterBytes: number } | { stallAfterBytes: number };
}

export interface FaultProxy {
  url: string;
  port: number;
  /** Photo body bytes (PATCH, creation-with-upload POST) forwarded to the server. */
  patchBytes: number;
  /** Every request with photo bytes: method, path, the photo's sha256, the offset it started at (0 for a POST)
   * and the body bytes forwarded. */
  patches: { method: string; url: string; sha256: string; offset: number; bytes: number }[];
  requests: number;
  faults: number;
  setTarget(port: number): void;
  /** The network goes away: open connections are cut, new ones reset, until `restore()`. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function faultProxy(targetPort: number, plan: FaultPlan): Promise<FaultProxy> {
  let target = targetPort;
  const sockets = new Set<Socket>();
  const state = { patchBytes: 0, requests: 0, faults: 0 };
  const patches: FaultProxy['patches'] = [];
  const server = http.createServer((req, res) => {
    const n = state.requests++;
    const photoBody =
      (req.method === 'PATCH' || req.method === 'POST') &&
      req.headers['content-type'] === 'application/offset+octet-stream';
    const sha256 =
      req.method === 'POST' && req.url === '/v1/photos'
        ? (photoShaFromMetadata(String(req.headers['upload-metadata'] ?? '')) ?? '')
        : (/^\/v1\/photos\/([0-9a-f]{64})$/.exec(req.url ?? '')?.[1] ?? '');
    const action = plan.decide({ method: req.method ?? 'GET', url: req.url ?? '/', n, photoBody, sha256 });
    if (action === 'error500') {
      state.faults++;
      req.resume();
      req.on('end', () => {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'internal', message: '测试：服务器内部错误' } }));
      });
      return;
    }
    if (action === 'hang') {
      state.faults++;
      req.resume(); // never answered: the client's timeout must fire
      return;
    }
    const cutAfter = typeof action === 'object' && 'cutAfterBytes' in action ? action.cutAfterBytes : null;
    const stallAfter = typeof action === 'object' && 'stallAfterBytes' in action ? action.stallAfterBytes : null;
    if (cutAfter !== null || stallAfter !== null) state.faults++;
    const patch = photoBody
      ? {
          method: req.method ?? '',
          url: req.url ?? '',
          sha256:
            req.method === 'POST'
              ? (photoShaFromMetadata(String(req.headers['upload-metadata'] ?? '')) ?? '')
              : (req.url ?? '').split('/').at(-1)!,
          offset: req.method === 'POST' ? 0 : Number(req.headers['upload-offset'] ?? -1),
          bytes: 0,
        }
      : null;
    if (patch) patches.push(patch);
    const up = http.request({
      host: '127.0.0.1',
      port: target,
      method: req.method,
      path: req.url,
      headers: req.headers,
    });
    up.on('response', (ur) => {
      res.writeHead(ur.statusCode ?? 502, ur.headers);
      ur.pipe(res);
    });
    up.on('error', () => {
      req.socket.destroy();
    });
    let sent = 0;
    req.on('data', (chunk: Buffer) => {
      let part = chunk;
      const limit = cutAfter ?? stallAfter;
      if (limit !== null && sent + part.length > limit) part = part.subarray(0, Math.max(0, limit - sent));
      sent += part.length;
      if (patch) {
        state.patchBytes += part.length;
        patch.bytes += part.length;
      }
      if (part.length) up.write(part);
      if (stallAfter !== null && sent >= stallAfter) req.pause(); // the rest never arrives
      if (cutAfter !== null && sent >= cutAfter) {
        // the network goes away mid-upload: both sides see the connection drop
        req.socket.destroy();
        setTimeout(() => up.destroy(), 50);
      }
    });
    req.on('end', () => up.end());
  });
  let isCut = false;
  server.on('connection', (s) => {
    if (isCut) {
      s.destroy();
      return;
    }
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get patchBytes() {
      return state.patchBytes;
    },
    patches,
    get requests() {
      return state.requests;
    },
    get faults() {
      return state.faults;
    },
    setTarget(p) {
      target = p;
    },
    cut() {
      isCut = true;
      for (const s of sockets) s.destroy();
    },
    restore() {
      isCut = false;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

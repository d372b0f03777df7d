import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';

// The one HTTP(S) client transport of the main process, with certificate pinning: a keep-alive agent, and for HTTPS
// with a pinned SHA-256 certificate fingerprint an agent that hands a socket to HTTP only after the peer's
// certificate matched the pin — nothing (not even the token or the headers) is written to a peer that does not
// match. Used by the sync with the central server (src/main/sync/transport.ts) and by a station joined to an event
// host on the LAN (src/main/event-mode/lan-client.ts). The pin replaces CA validation (a collection office's or a
// campus laptop's self-signed certificate), never adds to it.

/** The peer's certificate is not the pinned one; `code` is what callers sort on. */
export class PinMismatchError extends Error {
  readonly code = 'CERT_PIN_MISMATCH';
  constructor(
    readonly expected: string,
    readonly actual: string | null,
  ) {
    super(
      `服务器证书指纹与设置的不符（应为 ${expected.slice(0, 16)}…，实际 ${actual ? actual.slice(0, 16) + '…' : '无证书'}），已拒绝连接`,
    );
  }
}

/** `AB:CD:…` (node's fingerprint256) → lower-case hex without colons. */
export function fingerprintHex(nodeFingerprint: string | undefined): string | null {
  return nodeFingerprint ? nodeFingerprint.replace(/:/g, '').toLowerCase() : null;
}

type ConnectCallback = (err: Error | null, socket?: Duplex) => void;

/** An https.Agent whose sockets are handed to HTTP only once the peer's certificate has this SHA-256 (hex). */
export function pinnedAgent(pin: string, opts: https.AgentOptions): https.Agent {
  const agent = new https.Agent(opts);
  // replaces https.Agent's own createConnection: node's agent waits for the callback when none is returned
  (agent as unknown as { createConnection: unknown }).createConnection = (
    options: tls.ConnectionOptions,
    callback: ConnectCallback,
  ): undefined => {
    const socket = tls.connect({ ...options, rejectUnauthorized: false });
    let done = false;
    const finish = (err: Error | null) => {
      if (done) return;
      done = true;
      if (err) {
        socket.destroy();
        callback(err);
      } else callback(null, socket);
    };
    socket.once('secureConnect', () => {
      const actual = fingerprintHex(socket.getPeerCertificate()?.fingerprint256);
      finish(actual === pin ? null : new PinMismatchError(pin, actual));
    });
    socket.once('error', (err) => finish(err));
    return undefined;
  };
  return agent;
}

/**
 * The agent for a base URL: https with a pin → pinned; https without → the system's CA check; http → plain.
 * Keep-alive (free sockets are unref'd: they do not hold the process open).
 */
export function createAgent(opts: { serverUrl: string; fingerprint: string | null }): http.Agent {
  const common = { keepAlive: true, maxSockets: 32 };
  if (opts.serverUrl.startsWith('https:')) {
    return opts.fingerprint ? pinnedAgent(opts.fingerprint, common) : new https.Agent(common);
  }
  return new http.Agent(common);
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** The error code of a request that ran past its timeout (sync-error.ts sorts on it). */
export const REQUEST_TIMEOUT_CODE = 'SYNC_TIMEOUT';

/** One request with a hard timeout (covering connect, upload and the whole answer). */
export function request(
  agent: http.Agent,
  url: string,
  init: { method: string; headers: Record<string, string>; body?: Buffer | string; timeoutMs: number },
): Promise<HttpAnswer> {
  const mod = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(url, { method: init.method, headers: init.headers, agent });
    const timer = setTimeout(() => {
      const err = Object.assign(new Error('请求超时'), { code: REQUEST_TIMEOUT_CODE });
      req.destroy(err);
    }, init.timeoutMs);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(init.body);
  });
}

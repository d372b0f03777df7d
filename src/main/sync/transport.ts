import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';

// The station's HTTP(S) connection to the central server: one keep-alive agent, and for HTTPS with a pinned
// SHA-256 certificate fingerprint an agent that hands a socket to HTTP only after the server's certificate matched
// the pin (nothing — not even the token — is written to a server that does not match).

export class PinMismatchError extends Error {
  readonly code = 'CERT_PIN_MISMATCH';
  constructor(expected: string, actual: string | null) {
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

function pinnedAgent(pin: string, opts: https.AgentOptions): https.Agent {
  const agent = new https.Agent(opts);
  // replaces https.Agent's own createConnection: node's agent waits for the callback when none is returned
  (agent as unknown as { createConnection: unknown }).createConnection = (
    options: tls.ConnectionOptions,
    callback: ConnectCallback,
  ): undefined => {
    // the pin replaces CA validation (a collection office's self-signed certificate), never adds to it
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

export interface TransportOptions {
  serverUrl: string;
  /** Pinned certificate fingerprint (hex), HTTPS only. */
  fingerprint: string | null;
  /** Per-request timeout: no answer within it = a network error (retried). */
  timeoutMs: number;
}

export function createAgent(opts: TransportOptions): http.Agent {
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
      const err = Object.assign(new Error('请求超时'), { code: 'SYNC_TIMEOUT' });
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

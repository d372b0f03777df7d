import type http from 'node:http';
import { createAgent as createPinnedAgent } from '../kernel/pinned-https';

// The station's HTTP(S) connection to the central server: one keep-alive agent, and for HTTPS with a pinned SHA-256
// certificate fingerprint the kernel's pinned agent (src/main/kernel/pinned-https.ts, shared with event mode's LAN
// client): a socket goes to HTTP only after the server's certificate matched the pin.

export { fingerprintHex, PinMismatchError, request, type HttpAnswer } from '../kernel/pinned-https';

export interface TransportOptions {
  serverUrl: string;
  /** Pinned certificate fingerprint (hex), HTTPS only. */
  fingerprint: string | null;
  /** Per-request timeout: no answer within it = a network error (retried). */
  timeoutMs: number;
}

export function createAgent(opts: TransportOptions): http.Agent {
  return createPinnedAgent(opts);
}

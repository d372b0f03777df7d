import { randomUUID, createHash } from 'node:crypto';
import type { OrderSnapshot } from '../../../src/shared/central';
import { validator } from './harness';

// Order snapshots for the tests, built from the document's own PUT example.

type Json = Record<string, unknown>;
const example = (
  (validator.doc.paths['/v1/orders/{uuid}']!.put as Json).requestBody as { content: Record<string, Json> }
).content['application/json']!.example as OrderSnapshot;

export function snapshot(overrides: Partial<OrderSnapshot> = {}): OrderSnapshot {
  return { ...structuredClone(example), ...overrides };
}

export function newUuid(): string {
  return randomUUID();
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Deterministic pseudo-random bytes (a stand-in photo of n bytes). */
export function photoBytes(n: number, seed = 1): Buffer {
  const out = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** A snapshot whose final photo is these bytes. */
export function withPhoto(s: OrderSnapshot, bytes: Uint8Array): OrderSnapshot {
  return { ...s, finalPhoto: { ...s.finalPhoto!, sha256: sha256(bytes), bytes: bytes.length } };
}

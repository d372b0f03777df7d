// The ports every feature module implements or uses, below both the features and the composition root
// (core/): the handler types of the API and, beside them, the push bus (push-bus.ts).

import type { Method, ParsedReq, Res } from '../../shared/contract';

export interface CallContext {
  /** Which transport the call came through. */
  transport: 'ipc' | 'http' | 'cli';
  /** A station paired over the LAN (event mode, src/main/event-mode): set when the call came with its token. */
  station?: { id: string; no: number; name: string };
}

export type Handler<M extends Method> = (request: ParsedReq<M>, ctx: CallContext) => Res<M> | Promise<Res<M>>;

export type Handlers = { [M in Method]: Handler<M> };

/** Validate, run and check one call (src/main/core/dispatch.ts builds it over the handler map). */
export type Dispatch = (method: string, payload: unknown, ctx: CallContext) => Promise<unknown>;

/** A domain module's share of the API. */
export type HandlerGroup<M extends Method> = { [K in M]: Handler<K> };

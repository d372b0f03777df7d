import type { Method, ParsedReq, Res } from '../../shared/contract';

export interface CallContext {
  /** Which transport the call came through. */
  transport: 'ipc' | 'http' | 'cli';
}

export type Handler<M extends Method> = (request: ParsedReq<M>, ctx: CallContext) => Res<M> | Promise<Res<M>>;

export type Handlers = { [M in Method]: Handler<M> };

/** A domain module's share of the API. */
export type HandlerGroup<M extends Method> = { [K in M]: Handler<K> };

import { ApiError, apiErrorFromZod } from '../../shared/api-error';
import { contract, isMethod, type Method, type Res } from '../../shared/contract';
import type { CallContext, Dispatch, Handlers } from '../kernel/handlers';

export type { Dispatch } from '../kernel/handlers';

/**
 * Validate a request that crossed a boundary, run its handler, validate the response.
 * Every failure becomes an ApiError; nothing here throws anything else.
 */
export function createDispatch(handlers: Handlers, log: (msg: string, err?: unknown) => void): Dispatch {
  return async (method, payload, ctx) => {
    if (!isMethod(method)) throw new ApiError('unknown_method', `未知的接口：${String(method).slice(0, 80)}`);
    const spec = contract[method];
    const parsed = spec.request.safeParse(payload ?? {});
    if (!parsed.success) throw apiErrorFromZod(parsed.error);
    try {
      const handler = handlers[method] as (req: unknown, ctx: CallContext) => unknown;
      const result = await handler(parsed.data, ctx);
      const checked = spec.response.safeParse(result);
      if (!checked.success) {
        log(`response of ${method} violates the contract`, checked.error);
        throw new ApiError('internal', '内部错误：返回数据不符合接口约定');
      }
      return checked.data as Res<Method>;
    } catch (err) {
      if (err instanceof ApiError) throw err;
      log(`handler ${method} failed`, err);
      throw new ApiError('internal', `内部错误：${err instanceof Error ? err.message : String(err)}`);
    }
  };
}

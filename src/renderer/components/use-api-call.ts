import { useCallback, useEffect, useRef, useState } from 'react';
import type { Method, Req, Res } from '../../shared/contract';
import { useClient } from '../api/context';
import { problemOf, type Problem } from './problem';

export { problemFromFields, problemOf, type Problem } from './problem';

export type CallState<T> =
  | { status: 'idle'; value: null; problem: null }
  | { status: 'running'; value: null; problem: null }
  | { status: 'done'; value: T; problem: null }
  | { status: 'failed'; value: null; problem: Problem };

const IDLE = { status: 'idle', value: null, problem: null } as const;

/**
 * One API method's call state. A new call clears the previous result and problem at once (a stale result is
 * never shown after an error), and an answer that arrives after a newer call or a reset() is dropped.
 */
export function useApiCall<M extends Method>(
  method: M,
): {
  state: CallState<Res<M>>;
  busy: boolean;
  /** Resolves to the result, or null when the call failed (the problem is in `state`) or was superseded. */
  run: (request: Req<M>) => Promise<Res<M> | null>;
  reset: () => void;
  /** Show a problem found before calling (e.g. the form's own checks). */
  fail: (problem: Problem) => void;
} {
  const client = useClient();
  const [state, setState] = useState<CallState<Res<M>>>(IDLE);
  const seq = useRef(0);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(
    async (request: Req<M>) => {
      const mine = ++seq.current;
      setState({ status: 'running', value: null, problem: null });
      try {
        const value = await client.call(method, request);
        if (mine !== seq.current || !mounted.current) return null;
        setState({ status: 'done', value, problem: null });
        return value;
      } catch (err) {
        if (mine !== seq.current || !mounted.current) return null;
        setState({ status: 'failed', value: null, problem: problemOf(err) });
        return null;
      }
    },
    [client, method],
  );
  const reset = useCallback(() => {
    seq.current++;
    setState(IDLE);
  }, []);
  const fail = useCallback((problem: Problem) => {
    seq.current++;
    setState({ status: 'failed', value: null, problem });
  }, []);
  return { state, busy: state.status === 'running', run, reset, fail };
}

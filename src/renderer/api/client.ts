import { ApiError, isApiErrorBody } from '../../shared/api-error';
import { pushEvents, type Method, type PushEvent, type Req, type Res, type StudioClient } from '../../shared/contract';
import type { StudioBridge } from '../../shared/bridge';

declare global {
  interface Window {
    studio?: StudioBridge;
  }
}

type IpcReply = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Desktop window: calls go through the preload bridge. */
export function ipcClient(bridge: StudioBridge): StudioClient {
  return {
    async call<M extends Method>(method: M, request: Req<M>) {
      const reply = (await bridge.invoke(method, request)) as IpcReply;
      if (reply.ok) return reply.value as Res<M>;
      throw isApiErrorBody(reply.error) ? ApiError.fromBody(reply.error) : new ApiError('internal', '未知错误');
    },
    subscribe: (listener) => bridge.onPush(listener),
  };
}

/** Browser served by the web host: POST /api/<method> and server-sent events. */
export function httpClient(base = '', token: string | null = null): StudioClient {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  return {
    async call<M extends Method>(method: M, request: Req<M>) {
      let res: Response;
      try {
        res = await fetch(`${base}/api/${method}`, { method: 'POST', headers, body: JSON.stringify(request) });
      } catch {
        throw new ApiError('unavailable', '无法连接工作站服务，请确认主程序仍在运行');
      }
      const body = (await res.json().catch(() => null)) as unknown;
      if (res.ok) return body as Res<M>;
      const err = (body as { error?: unknown } | null)?.error;
      throw isApiErrorBody(err) ? ApiError.fromBody(err) : new ApiError('internal', `服务返回错误 ${res.status}`);
    },
    subscribe(listener) {
      const source = new EventSource(`${base}/api/events${token ? `?token=${encodeURIComponent(token)}` : ''}`);
      const names = Object.keys(pushEvents) as PushEvent['name'][];
      const handlers = names.map((name) => {
        const h = (e: MessageEvent<string>) => listener({ name, data: JSON.parse(e.data) } as PushEvent);
        source.addEventListener(name, h);
        return h;
      });
      return () => {
        names.forEach((name, i) => source.removeEventListener(name, handlers[i]!));
        source.close();
      };
    },
  };
}

function tokenFromLocation(): string | null {
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) sessionStorage.setItem('studio-token', fromUrl);
  return fromUrl ?? sessionStorage.getItem('studio-token');
}

/** A link to the station's web host (live view, downloads) with the access token when the UI was opened with one. */
export function withAccessToken(href: string): string {
  const token = sessionStorage.getItem('studio-token');
  return token ? `${href}${href.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}` : href;
}

/** The renderer never knows which transport it uses. */
export function createClient(): StudioClient {
  return window.studio ? ipcClient(window.studio) : httpClient('', tokenFromLocation());
}

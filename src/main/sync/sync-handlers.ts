import type { HandlerGroup, Handler } from '../kernel/handlers';
import type { SyncService } from './sync-service';
import { testCentralConnection } from './connection-test';

export function syncHandlers(
  sync: SyncService,
): HandlerGroup<'sync.configure' | 'sync.status' | 'sync.retryParked' | 'sync.testConnection'> {
  return {
    'sync.configure': (req) => sync.configure(req),
    'sync.status': () => sync.status(),
    // a token or fingerprint left out is the stored one when the address is the stored server's (as sync.configure)
    'sync.testConnection': (req) => {
      const stored = sync.config();
      const serverUrl = req.serverUrl.trim().replace(/\/+$/, '');
      const same = stored?.serverUrl === serverUrl;
      const token = req.token || (same ? stored.token : '');
      if (!token)
        return {
          ok: false,
          problem: 'credentials',
          message: '账号或密钥错误：请填写工作站令牌（由中心服务器管理员创建）',
        };
      const fingerprint =
        req.fingerprint !== undefined ? req.fingerprint || null : same ? (stored.fingerprint ?? null) : null;
      return testCentralConnection({ serverUrl, token, fingerprint });
    },
    'sync.retryParked': () => {
      const requeued = sync.retryParked();
      return { requeued, status: sync.status() };
    },
  };
}

/** orders.review with a central server configured: refused (the centre reviews); without one: 本机审核 as before. */
export function guardLocalReview(sync: SyncService, review: Handler<'orders.review'>): Handler<'orders.review'> {
  return (req, ctx) => {
    sync.assertLocalReview();
    return review(req, ctx);
  };
}

import type { HandlerGroup, Handler } from '../kernel/handlers';
import type { SyncService } from './sync-service';

export function syncHandlers(sync: SyncService): HandlerGroup<'sync.configure' | 'sync.status' | 'sync.retryParked'> {
  return {
    'sync.configure': (req) => sync.configure(req),
    'sync.status': () => sync.status(),
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

import { ApiError } from '../../shared/api-error';
import type { HandlerGroup } from '../kernel/handlers';
import type { PaymentRepo } from '../payments';
import type { PhotoRepo } from '../captures';
import { toPhotoView } from '../captures';
import { toOrderView } from './order-row';
import type { OrderService } from './order-service';

export function orderHandlers(
  orders: OrderService,
  photos: PhotoRepo,
  payments: PaymentRepo,
): HandlerGroup<'orders.list' | 'orders.get' | 'orders.review' | 'orders.complete' | 'orders.updateShipping'> {
  return {
    'orders.list': (req) => {
      const { rows, total } = orders.repo.list(req);
      return { orders: rows.map(toOrderView), total };
    },
    'orders.get': (req) => {
      const row = orders.repo.get(req.orderId);
      if (!row) throw new ApiError('not_found', '订单不存在', 'orderId');
      return {
        order: toOrderView(row),
        photos: photos.listByOrder(row.id).map(toPhotoView),
        payments: payments.listByOrder(row.id).map((p) => payments.toView(p)),
        history: orders.repo.history(row.id),
      };
    },
    'orders.review': (req) => orders.apply(req.orderId, req.decision, req.operator, req.reason),
    'orders.complete': (req) => orders.apply(req.orderId, 'complete', req.operator),
    'orders.updateShipping': (req) =>
      orders.updateShipping(req.orderId, req.shippingRegion, req.shippingAddress, req.operator),
  };
}

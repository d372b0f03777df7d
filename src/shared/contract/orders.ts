import { z } from 'zod';
import { Id, Operator } from './fields';
import { OrderState, OrderView, PaymentView, PhotoView, TransitionView } from './views';
import { LIMITS } from '../domain/validators';

export const ordersContract = {
  'orders.list': {
    request: z.strictObject({
      eventId: Id.optional(),
      state: OrderState.optional(),
      /** 学号 / 采集码 / 订单号 (prefix) or 姓名 (substring). */
      query: z.string().trim().max(64, { error: '搜索内容过长' }).default(''),
      limit: z.number().int().min(1).max(1000).default(50),
      offset: z.number().int().min(0).default(0),
    }),
    response: z.object({ orders: z.array(OrderView), total: z.number().int() }),
  },
  'orders.get': {
    request: z.strictObject({ orderId: Id }),
    response: z.object({
      order: OrderView,
      photos: z.array(PhotoView),
      payments: z.array(PaymentView),
      history: z.array(TransitionView),
    }),
  },
  'orders.review': {
    request: z.strictObject({
      orderId: Id,
      decision: z.enum(['approve', 'reject'], { error: '审核结果应为 approve 或 reject' }),
      reason: z
        .string()
        .trim()
        .max(LIMITS.reason, { error: `驳回原因不能超过 ${LIMITS.reason} 个字` })
        .default(''),
      operator: Operator,
    }),
    response: OrderView,
  },
  'orders.complete': {
    request: z.strictObject({ orderId: Id, operator: Operator }),
    response: OrderView,
  },
  'orders.updateShipping': {
    request: z.strictObject({
      orderId: Id,
      shippingRegion: z.string().trim().max(LIMITS.shippingRegion, { error: '所在地区过长' }),
      shippingAddress: z.string().trim().max(LIMITS.shippingAddress, { error: '详细地址过长' }),
      operator: Operator,
    }),
    response: OrderView,
  },
} as const;

export const ordersPush = {
  'order.updated': OrderView,
} as const;

import type { HandlerGroup } from '../kernel/handlers';
import type { PaymentService } from './payment-service';

export function paymentHandlers(
  payments: PaymentService,
): HandlerGroup<'payments.record' | 'payments.void' | 'payments.list' | 'payments.reconcile' | 'payments.classes'> {
  return {
    'payments.record': (req) => payments.record(req),
    'payments.void': (req) => payments.cancel(req.paymentId, req.kind, req.reason, req.operator),
    'payments.list': (req) => ({ payments: payments.list(req.eventId) }),
    'payments.reconcile': (req) => payments.reconcile(req.eventId, req.day),
    'payments.classes': (req) => ({ classes: payments.classes(req.eventId) }),
  };
}

// Payments, voids/refunds and reconciliation.
// The folder's public face: other folders (and core/) import from here.
export { paymentHandlers } from './payment-handlers';
export { PaymentRepo, type PaymentRow } from './payment-repo';
export { PaymentService } from './payment-service';

// Orders with their audit trail and state machine.
// The folder's public face: other folders (and core/) import from here.
export { orderHandlers } from './order-handlers';
export { OrderRepo } from './order-repo';
export { toOrderView, type OrderRow, type OrderRowWithFacts } from './order-row';
export { OrderService } from './order-service';

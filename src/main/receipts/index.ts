// Receipts: rendering (PDF, HTML print, QR), the printer port, issued copies, the PDF route.
// The folder's public face: other folders (and core/) import from here.
export { PaymentLookup, paymentLabel } from './payment-lookup';
export type { Printer, ReceiptPrintJob } from './printer';
export { receiptHandlers } from './receipt-handlers';
export { ReceiptPrintRepo } from './receipt-prints';
export { RECEIPT_ROUTE_PREFIX, serveReceiptPdf } from './receipt-route';
export { ReceiptService } from './receipt-service';

import type { HandlerGroup } from '../kernel/handlers';
import type { ReceiptService } from './receipt-service';

export function receiptHandlers(
  receipts: ReceiptService,
): HandlerGroup<
  | 'receipts.issue'
  | 'receipts.pdf'
  | 'receipts.history'
  | 'receipts.settings'
  | 'receipts.configure'
  | 'receipts.testPrint'
> {
  return {
    'receipts.issue': (req) => receipts.issue(req),
    'receipts.pdf': async (req) => {
      const r = await receipts.pdf(req);
      return { fileName: r.fileName, copy: r.copy, paper: r.paper, pdfBase64: r.pdf.toString('base64') };
    },
    'receipts.history': (req) => ({
      prints: receipts.history(req.orderId).map((p) => ({
        copy: p.copy,
        paymentId: p.paymentId,
        paper: p.paper,
        printer: p.printer,
        operator: p.operator,
        issuedAt: p.issuedAt,
      })),
    }),
    'receipts.settings': () => receipts.settings(),
    'receipts.configure': (req) => receipts.configure(req),
    'receipts.testPrint': (req) => receipts.testPrint(req),
  };
}

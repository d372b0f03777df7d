import type { ServerResponse } from 'node:http';
import { ApiError } from '../../shared/api-error';
import type { Res } from '../../shared/contract';
import type { Dispatch } from '../kernel/handlers';

// GET /api/receipts/<orderId>.pdf[?copy=N][&paper=58mm|80mm|A4]: an issued receipt copy as a PDF file, for
// browsers (print from the PDF viewer) and scripts. Read-only: issuing a copy is POST /api/receipts.issue.

export const RECEIPT_ROUTE_PREFIX = '/api/receipts/';

export async function serveReceiptPdf(studio: { dispatch: Dispatch }, url: URL, res: ServerResponse): Promise<void> {
  const m = /^\/api\/receipts\/([^/]+)\.pdf$/.exec(url.pathname);
  if (!m) throw new ApiError('not_found', '收据地址应为 /api/receipts/<订单编号>.pdf');
  let orderId: string;
  try {
    orderId = decodeURIComponent(m[1]!);
  } catch {
    throw new ApiError('invalid_request', '订单编号无效', 'orderId');
  }
  const request: Record<string, unknown> = { orderId };
  const copy = url.searchParams.get('copy');
  if (copy !== null) request.copy = /^\d{1,6}$/.test(copy) ? Number(copy) : copy;
  const paper = url.searchParams.get('paper');
  if (paper !== null) request.paper = paper;
  const r = (await studio.dispatch('receipts.pdf', request, { transport: 'http' })) as Res<'receipts.pdf'>;
  const pdf = Buffer.from(r.pdfBase64, 'base64');
  res.writeHead(200, {
    'content-type': 'application/pdf',
    'content-length': pdf.length,
    'content-disposition': `inline; filename="receipt.pdf"; filename*=UTF-8''${encodeURIComponent(r.fileName)}`,
    'cache-control': 'no-store',
  });
  res.end(pdf);
}

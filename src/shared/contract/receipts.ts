import { z } from 'zod';
import { PAPER_SIZES } from '../receipt/receipt-data';
import { Id, Operator } from './fields';
import { Empty } from './app';

// Receipts: issue a copy (silent print in the desktop window where a printer is configured), fetch any issued
// copy as PDF — as base64 here, or as a file from the web host at GET /api/receipts/<orderId>.pdf?copy=N&paper=P.

export const PaperSize = z.enum(PAPER_SIZES as unknown as ['58mm', '80mm', 'A4'], {
  error: '纸张应为 58mm、80mm 或 A4',
});

const ReceiptSettings = z.object({
  paper: PaperSize,
  /** System printer name for silent printing; empty = the system default printer. */
  printer: z.string(),
  /** True only in the desktop window (Electron); elsewhere receipts are PDFs. */
  silentPrintAvailable: z.boolean(),
});

const Copy = z.number({ error: '份次应为数字' }).int({ error: '份次应为整数' }).min(1, { error: '份次从 1 开始' });

export const receiptsContract = {
  'receipts.issue': {
    request: z.strictObject({ orderId: Id, paper: PaperSize.optional(), operator: Operator }),
    response: z.object({
      orderId: z.string(),
      orderNo: z.string(),
      copy: z.number().int(),
      reprint: z.boolean(),
      paper: PaperSize,
      printed: z.boolean(),
      printer: z.string().nullable(),
      fileName: z.string(),
      pdfUrl: z.string(),
    }),
  },
  'receipts.pdf': {
    request: z.strictObject({ orderId: Id, paper: PaperSize.optional(), copy: Copy.optional() }),
    response: z.object({ fileName: z.string(), copy: z.number().int(), paper: PaperSize, pdfBase64: z.string() }),
  },
  'receipts.history': {
    request: z.strictObject({ orderId: Id }),
    response: z.object({
      prints: z.array(
        z.object({
          copy: z.number().int(),
          paymentId: z.string(),
          paper: PaperSize,
          printer: z.string().nullable(),
          operator: z.string(),
          issuedAt: z.string(),
        }),
      ),
    }),
  },
  'receipts.settings': { request: Empty, response: ReceiptSettings },
  'receipts.configure': {
    request: z.strictObject({
      paper: PaperSize.optional(),
      printer: z.string().trim().max(200, { error: '打印机名称过长' }).optional(),
    }),
    response: ReceiptSettings,
  },
  /** 设置's 测试打印: a sample receipt to the configured printer (desktop window) and always as PDF; nothing recorded. */
  'receipts.testPrint': {
    request: z.strictObject({ paper: PaperSize.optional() }),
    response: z.object({
      printed: z.boolean(),
      printer: z.string().nullable(),
      paper: PaperSize,
      fileName: z.string(),
      pdfBase64: z.string(),
    }),
  },
} as const;

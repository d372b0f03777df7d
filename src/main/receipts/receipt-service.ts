import { ApiError } from '../../shared/api-error';
import { maskName } from '../../shared/domain/masking';
import { PAPER_SIZES, type PaperSize, type ReceiptData } from '../../shared/receipt/receipt-data';
import { paperGeometry, receiptBlocks, RECEIPT_TITLE } from '../../shared/receipt/receipt-layout';
import type { EventRepo } from '../events';
import type { OrderRepo } from '../orders';
import type { StationSettings } from '../station';
import { ptToMicrons, type Printer } from './printer';
import { receiptHtml } from './receipt-html';
import { renderReceiptPdf } from './receipt-pdf';
import { PrintFontError, resolvePrintFont } from '../fonts';
import { paymentLabel, type ActivePayment, type PaymentLookup } from './payment-lookup';
import type { ReceiptPrintRepo, ReceiptPrintRow } from './receipt-prints';

// Receipts for paid orders: issue (record the copy, print silently where the desktop has a printer configured),
// render any issued copy again as PDF (the web host serves it), reprints marked 重打.

export const RECEIPT_SETTING_PAPER = 'receipt_paper';
export const RECEIPT_SETTING_PRINTER = 'receipt_printer';
export const RECEIPT_SETTING_FONT = 'receipt_font';
export const DEFAULT_PAPER: PaperSize = '80mm';

export interface ReceiptDeps {
  events: EventRepo;
  orders: OrderRepo;
  payments: PaymentLookup;
  prints: ReceiptPrintRepo;
  settings: StationSettings;
  /** Present only in the desktop window; plain Node produces PDFs. */
  printer: Printer | null;
  env: NodeJS.ProcessEnv;
  now: () => Date;
}

export interface ReceiptSettings {
  paper: PaperSize;
  printer: string;
  silentPrintAvailable: boolean;
}

export interface IssuedReceipt {
  orderId: string;
  orderNo: string;
  copy: number;
  reprint: boolean;
  paper: PaperSize;
  printed: boolean;
  printer: string | null;
  fileName: string;
  pdfUrl: string;
}

export class ReceiptService {
  constructor(private readonly deps: ReceiptDeps) {}

  settings(): ReceiptSettings {
    const paper = this.deps.settings.get(RECEIPT_SETTING_PAPER);
    return {
      paper: (PAPER_SIZES as readonly string[]).includes(paper ?? '') ? (paper as PaperSize) : DEFAULT_PAPER,
      printer: this.deps.settings.get(RECEIPT_SETTING_PRINTER) ?? '',
      silentPrintAvailable: this.deps.printer !== null,
    };
  }

  configure(input: { paper?: PaperSize; printer?: string }): ReceiptSettings {
    if (input.paper) this.deps.settings.set(RECEIPT_SETTING_PAPER, input.paper);
    if (input.printer !== undefined) this.deps.settings.set(RECEIPT_SETTING_PRINTER, input.printer.trim());
    return this.settings();
  }

  private orderAndPayment(orderId: string) {
    const order = this.deps.orders.get(orderId);
    if (!order) throw new ApiError('not_found', '订单不存在', 'orderId');
    const payment = this.deps.payments.activeForOrder(orderId);
    if (!payment) throw new ApiError('conflict', `订单 ${order.order_no} 尚未付款（或付款已作废），不能开具收据`);
    return { order, payment };
  }

  private data(orderId: string, payment: ActivePayment, print: ReceiptPrintRow): ReceiptData {
    const order = this.deps.orders.get(orderId)!;
    const event = this.deps.events.get(order.event_id);
    return {
      schoolName: order.school_name,
      schoolCode: order.school_code,
      eventDate: event?.date ?? '',
      orderNo: order.order_no,
      // name_masked is what the student's 采集码 carried; masking again is a no-op there and a guard elsewhere
      maskedName: order.name_masked.includes('*') ? order.name_masked : maskName(order.name_masked),
      amountFen: payment.amountFen,
      methodLabel: paymentLabel(payment),
      transactionRef: payment.reference,
      paidAt: payment.createdAt,
      stationName: event?.stationName ?? '',
      operator: payment.operator,
      copy: print.copy,
      issuedAt: print.issuedAt,
    };
  }

  private async render(data: ReceiptData, paper: PaperSize) {
    let font;
    try {
      font = resolvePrintFont({
        env: this.deps.env,
        override: this.deps.settings.get(RECEIPT_SETTING_FONT) ?? undefined,
      });
    } catch (err) {
      if (err instanceof PrintFontError) throw new ApiError('unavailable', err.message);
      throw err;
    }
    const blocks = receiptBlocks(data);
    const g = paperGeometry(paper);
    const title = `${RECEIPT_TITLE} ${data.orderNo}${data.copy > 1 ? ' 重打' : ''}`;
    const rendered = await renderReceiptPdf(blocks, g, font, { title, createdAt: new Date(data.issuedAt) });
    return { ...rendered, blocks, g, title, font };
  }

  static fileName(orderNo: string, copy: number, paper: PaperSize): string {
    return `收据-${orderNo}${copy > 1 ? `-重打${copy - 1}` : ''}-${paper}.pdf`;
  }

  /** Issue the next copy: copy 1 is the original, later copies are reprints (重打). */
  async issue(input: { orderId: string; paper?: PaperSize; operator: string }): Promise<IssuedReceipt> {
    const { order, payment } = this.orderAndPayment(input.orderId);
    const cfg = this.settings();
    const paper = input.paper ?? cfg.paper;
    const pending: ReceiptPrintRow = {
      id: 0,
      orderId: order.id,
      paymentId: payment.id,
      copy: this.deps.prints.nextCopy(order.id, payment.id),
      paper,
      printer: null,
      operator: input.operator,
      issuedAt: this.deps.now().toISOString(),
    };
    const data = this.data(order.id, payment, pending);
    // rendering first: a missing font or bad data fails before anything is recorded
    const r = await this.render(data, paper);
    let printed = false;
    if (this.deps.printer) {
      try {
        await this.deps.printer.print({
          title: r.title,
          html: receiptHtml(r.blocks, r.g, r.title, r.font),
          widthMicrons: ptToMicrons(r.pageWidth),
          heightMicrons: ptToMicrons(r.pageHeight),
          deviceName: cfg.printer,
        });
        printed = true;
      } catch (err) {
        throw new ApiError('unavailable', `收据打印失败：${(err as Error).message}（可改用 PDF）`);
      }
    }
    const row = this.deps.prints.insert({ ...pending, printer: printed ? cfg.printer || '默认打印机' : null });
    return {
      orderId: order.id,
      orderNo: order.order_no,
      copy: row.copy,
      reprint: row.copy > 1,
      paper,
      printed,
      printer: row.printer,
      fileName: ReceiptService.fileName(order.order_no, row.copy, paper),
      pdfUrl: `/api/receipts/${encodeURIComponent(order.id)}.pdf?copy=${row.copy}&paper=${paper}`,
    };
  }

  /**
   * 设置's 测试打印: a sample receipt (no order, no payment, nothing recorded) through the configured printer when
   * there is one, and always as PDF — checks the printer, the paper and the font before the first student.
   */
  async testPrint(input: { paper?: PaperSize }) {
    const cfg = this.settings();
    const paper = input.paper ?? cfg.paper;
    const at = this.deps.now().toISOString();
    const r = await this.render(
      {
        schoolName: '测试打印（不是收据）',
        schoolCode: '00000',
        eventDate: at.slice(0, 10),
        orderNo: `${this.deps.settings.stationCode()}-TEST`,
        maskedName: '测*试',
        amountFen: 0,
        methodLabel: '测试',
        transactionRef: null,
        paidAt: at,
        stationName: '',
        operator: '测试',
        copy: 1,
        issuedAt: at,
      },
      paper,
    );
    let printed = false;
    if (this.deps.printer) {
      try {
        await this.deps.printer.print({
          title: r.title,
          html: receiptHtml(r.blocks, r.g, r.title, r.font),
          widthMicrons: ptToMicrons(r.pageWidth),
          heightMicrons: ptToMicrons(r.pageHeight),
          deviceName: cfg.printer,
        });
        printed = true;
      } catch (err) {
        throw new ApiError('unavailable', `测试打印失败：${(err as Error).message}`);
      }
    }
    return {
      printed,
      printer: printed ? cfg.printer || '默认打印机' : null,
      paper,
      fileName: `测试页-${paper}.pdf`,
      pdfBase64: r.pdf.toString('base64'),
    };
  }

  /** The PDF of an issued copy (the latest when copy is omitted); rendering again changes nothing. */
  async pdf(input: { orderId: string; paper?: PaperSize; copy?: number }) {
    const { order, payment } = this.orderAndPayment(input.orderId);
    const print = this.deps.prints.find(order.id, payment.id, input.copy);
    if (!print) {
      throw new ApiError(
        input.copy === undefined ? 'conflict' : 'not_found',
        input.copy === undefined ? '该订单尚未开具收据，请先开具' : `没有第 ${input.copy} 份收据`,
        input.copy === undefined ? 'orderId' : 'copy',
      );
    }
    const paper = input.paper ?? print.paper;
    const r = await this.render(this.data(order.id, payment, print), paper);
    return {
      fileName: ReceiptService.fileName(order.order_no, print.copy, paper),
      copy: print.copy,
      paper,
      pdf: r.pdf,
    };
  }

  history(orderId: string): ReceiptPrintRow[] {
    if (!this.deps.orders.get(orderId)) throw new ApiError('not_found', '订单不存在', 'orderId');
    return this.deps.prints.listByOrder(orderId);
  }
}

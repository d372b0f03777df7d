import {
  formatReceiptTime,
  formatYuan,
  looksMasked,
  orderQrPayload,
  type PaperSize,
  type ReceiptData,
} from './receipt-data';

// Paper-independent content of a receipt plus per-paper geometry: both renderers (PDF and HTML) draw
// exactly these blocks, so what is tested here is what gets printed.

export type ReceiptBlock =
  | { kind: 'title'; text: string }
  | { kind: 'subtitle'; text: string }
  | { kind: 'reprint'; text: string }
  | { kind: 'rule' }
  | { kind: 'row'; label: string; value: string; emphasis?: boolean }
  | { kind: 'qr'; payload: string; caption: string }
  | { kind: 'note'; text: string };

export const RECEIPT_TITLE = '图像信息采集收费凭证';

export class ReceiptDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReceiptDataError';
  }
}

export function receiptBlocks(data: ReceiptData, timeZone?: string): ReceiptBlock[] {
  if (!looksMasked(data.maskedName)) throw new ReceiptDataError('收据只能打印脱敏后的姓名');
  if (!data.orderNo.trim()) throw new ReceiptDataError('缺少订单号，无法生成收据');
  if (!Number.isInteger(data.copy) || data.copy < 1) throw new ReceiptDataError('收据份次无效');
  const blocks: ReceiptBlock[] = [];
  if (data.copy > 1) blocks.push({ kind: 'reprint', text: `重打（第 ${data.copy - 1} 次补打）` });
  blocks.push({ kind: 'title', text: RECEIPT_TITLE });
  blocks.push({ kind: 'subtitle', text: `${data.schoolName}（${data.schoolCode}）` });
  blocks.push({ kind: 'subtitle', text: `集中采集 ${data.eventDate}` });
  blocks.push({ kind: 'rule' });
  blocks.push({ kind: 'row', label: '订单号', value: data.orderNo });
  blocks.push({ kind: 'row', label: '姓名', value: data.maskedName });
  blocks.push({ kind: 'row', label: '金额', value: formatYuan(data.amountFen), emphasis: true });
  blocks.push({ kind: 'row', label: '支付方式', value: data.methodLabel });
  if (data.transactionRef) blocks.push({ kind: 'row', label: '交易单号', value: data.transactionRef });
  blocks.push({ kind: 'row', label: '收款时间', value: formatReceiptTime(data.paidAt, timeZone) });
  if (data.stationName) blocks.push({ kind: 'row', label: '工作站', value: data.stationName });
  if (data.operator) blocks.push({ kind: 'row', label: '收款员', value: data.operator });
  blocks.push({ kind: 'rule' });
  blocks.push({ kind: 'qr', payload: orderQrPayload(data.orderNo), caption: '扫码查询订单' });
  blocks.push({ kind: 'note', text: `开具时间 ${formatReceiptTime(data.issuedAt, timeZone)}` });
  blocks.push({ kind: 'note', text: '请妥善保管本凭证，凭订单号查询采集进度' });
  return blocks;
}

export interface PaperGeometry {
  paper: PaperSize;
  /** Page width in PDF points (1 pt = 1/72 in). */
  pageWidth: number;
  /** Fixed page height for A4; null for roll paper, where the height follows the content. */
  pageHeight: number | null;
  /** Left/right margin so the content stays inside the printer's printable width. */
  marginX: number;
  marginY: number;
  fontSize: number;
  titleSize: number;
  qrSize: number;
}

export const mmToPt = (mm: number): number => (mm * 72) / 25.4;

// 58 mm rolls print ~48 mm, 80 mm rolls ~72 mm: the page is the paper width, the margins take up the rest.
const GEOMETRY: Record<PaperSize, PaperGeometry> = {
  '58mm': {
    paper: '58mm',
    pageWidth: mmToPt(58),
    pageHeight: null,
    marginX: mmToPt(5),
    marginY: mmToPt(3),
    fontSize: 8,
    titleSize: 10.5,
    qrSize: mmToPt(28),
  },
  '80mm': {
    paper: '80mm',
    pageWidth: mmToPt(80),
    pageHeight: null,
    marginX: mmToPt(4),
    marginY: mmToPt(4),
    fontSize: 9.5,
    titleSize: 13,
    qrSize: mmToPt(34),
  },
  A4: {
    paper: 'A4',
    pageWidth: 595.28,
    pageHeight: 841.89,
    marginX: mmToPt(25),
    marginY: mmToPt(25),
    fontSize: 12,
    titleSize: 20,
    qrSize: mmToPt(40),
  },
};

export function paperGeometry(paper: PaperSize): PaperGeometry {
  return GEOMETRY[paper];
}

export function contentWidth(g: PaperGeometry): number {
  return g.pageWidth - 2 * g.marginX;
}

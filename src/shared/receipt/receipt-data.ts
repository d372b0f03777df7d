import { formatFen } from '../domain/event';
import { businessTime, STATION_TIME_ZONE } from '../domain/business-time';

// What a receipt shows, as plain data: built from an order + payment by src/main/receipts, rendered to
// PDF (pdfkit) or HTML (silent print) by src/main/print. Only masked identity data ever gets here.

export type PaperSize = '58mm' | '80mm' | 'A4';
export const PAPER_SIZES: readonly PaperSize[] = ['58mm', '80mm', 'A4'];

export interface ReceiptData {
  schoolName: string;
  schoolCode: string;
  eventDate: string;
  orderNo: string;
  /** Masked as on the CHSI 采集码 (黄*正); a plaintext name is refused by receiptLayout. */
  maskedName: string;
  amountFen: number;
  /** Chinese label: 现金 / 微信支付 / 支付宝 / 班级统一缴费 / 学校统一支付 */
  methodLabel: string;
  transactionRef: string | null;
  /** ISO time of the payment. */
  paidAt: string;
  stationName: string;
  operator: string;
  /** 1 for the first print; 2, 3… for reprints (重打). */
  copy: number;
  /** ISO time this copy was issued. */
  issuedAt: string;
}

/**
 * The order-lookup QR on every receipt carries `CSORDER1|<order no>`: a versioned prefix so a scanner at the
 * desk can tell an order QR from a student's 采集码 QR, and no personal data at all.
 */
export const ORDER_QR_PREFIX = 'CSORDER1|';

export function orderQrPayload(orderNo: string): string {
  return `${ORDER_QR_PREFIX}${orderNo}`;
}

/** The order number in a scanned receipt QR, or null when the text is not one. */
export function parseOrderQrPayload(text: string): string | null {
  const t = text.trim();
  if (!t.startsWith(ORDER_QR_PREFIX)) return null;
  const orderNo = t.slice(ORDER_QR_PREFIX.length);
  return /^[A-Za-z0-9-]{1,40}$/.test(orderNo) ? orderNo : null;
}

/** 1500 → "¥15.00" */
export function formatYuan(fen: number): string {
  return `¥${formatFen(fen)}`;
}

/** ISO instant → "2026-06-01 09:32" in the station's time zone (China by default): the one business clock. */
export function formatReceiptTime(iso: string, timeZone = STATION_TIME_ZONE): string {
  return businessTime(iso, timeZone);
}

/** A name is treated as masked when it hides at least one character (黄*正, 王*) or is a single character. */
export function looksMasked(name: string): boolean {
  const chars = Array.from(name.trim());
  return chars.length <= 1 || chars.includes('*');
}

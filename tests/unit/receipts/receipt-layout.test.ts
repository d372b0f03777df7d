import { describe, expect, it } from 'vitest';
import {
  ReceiptDataError,
  contentWidth,
  mmToPt,
  paperGeometry,
  receiptBlocks,
  type ReceiptBlock,
} from '../../../src/shared/receipt/receipt-layout';
import {
  formatReceiptTime,
  orderQrPayload,
  parseOrderQrPayload,
  type ReceiptData,
} from '../../../src/shared/receipt/receipt-data';

const base: ReceiptData = {
  schoolName: '山东师范大学',
  schoolCode: '10445',
  eventDate: '2026-06-01',
  orderNo: '260601-0007',
  maskedName: '黄*正',
  amountFen: 1500,
  methodLabel: '微信支付',
  transactionRef: '4200002026060112345678',
  paidAt: '2026-06-01T01:32:00.000Z',
  stationName: '一号工作站',
  operator: '张老师',
  copy: 1,
  issuedAt: '2026-06-01T01:33:00.000Z',
};

const rows = (blocks: ReceiptBlock[]) =>
  Object.fromEntries(blocks.flatMap((b) => (b.kind === 'row' ? [[b.label, b.value]] : [])));

describe('receipt content: what every paper size prints', () => {
  it('shows event, order number, masked name, ¥15.00, method + reference, time, station and a lookup QR', () => {
    const blocks = receiptBlocks(base);
    expect(rows(blocks)).toEqual({
      订单号: '260601-0007',
      姓名: '黄*正',
      金额: '¥15.00',
      支付方式: '微信支付',
      交易单号: '4200002026060112345678',
      收款时间: '2026-06-01 09:32',
      工作站: '一号工作站',
      收款员: '张老师',
    });
    expect(blocks).toContainEqual({ kind: 'subtitle', text: '山东师范大学（10445）' });
    expect(blocks.find((b) => b.kind === 'qr')).toMatchObject({ payload: 'CSORDER1|260601-0007' });
    expect(blocks.some((b) => b.kind === 'reprint')).toBe(false);
  });

  it('a reprint carries the 重打 marker first; cash without reference has no 交易单号 row', () => {
    const blocks = receiptBlocks({ ...base, copy: 3, methodLabel: '现金', transactionRef: null });
    expect(blocks[0]).toEqual({ kind: 'reprint', text: '重打（第 2 次补打）' });
    expect(rows(blocks)['交易单号']).toBeUndefined();
  });

  it('refuses a plaintext name, an empty order number and a bad copy number', () => {
    expect(() => receiptBlocks({ ...base, maskedName: '黄志正' })).toThrow(ReceiptDataError);
    expect(() => receiptBlocks({ ...base, orderNo: ' ' })).toThrow(/订单号/);
    expect(() => receiptBlocks({ ...base, copy: 0 })).toThrow(ReceiptDataError);
    expect(() => receiptBlocks({ ...base, maskedName: '𠮷*' })).not.toThrow();
  });

  it('the QR payload round-trips and rejects other QR texts (e.g. a student 采集码)', () => {
    expect(parseOrderQrPayload(orderQrPayload('260601-0007'))).toBe('260601-0007');
    expect(parseOrderQrPayload('c8bade99b9b2edca')).toBeNull();
    expect(parseOrderQrPayload('CSORDER1|')).toBeNull();
    expect(parseOrderQrPayload("CSORDER1|1' OR 1=1")).toBeNull();
  });

  it('paper geometry: 58 mm keeps ~48 mm printable, 80 mm ~72 mm, A4 is 595×842 pt', () => {
    const g58 = paperGeometry('58mm');
    const g80 = paperGeometry('80mm');
    const a4 = paperGeometry('A4');
    expect(g58.pageWidth).toBeCloseTo(164.41, 1);
    expect(contentWidth(g58)).toBeCloseTo(mmToPt(48), 1);
    expect(g80.pageWidth).toBeCloseTo(226.77, 1);
    expect(contentWidth(g80)).toBeCloseTo(mmToPt(72), 1);
    expect(g58.pageHeight).toBeNull();
    expect([a4.pageWidth, a4.pageHeight]).toEqual([595.28, 841.89]);
    for (const g of [g58, g80, a4]) expect(g.qrSize).toBeLessThanOrEqual(contentWidth(g));
  });

  it('times print in China time by default whatever the machine zone is', () => {
    expect(formatReceiptTime('2026-06-01T16:05:00Z')).toBe('2026-06-02 00:05');
    expect(formatReceiptTime('2026-06-01T16:05:00Z', 'UTC')).toBe('2026-06-01 16:05');
  });
});

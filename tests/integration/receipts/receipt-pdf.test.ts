import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { paperGeometry, receiptBlocks } from '../../../src/shared/receipt/receipt-layout';
import type { PaperSize, ReceiptData } from '../../../src/shared/receipt/receipt-data';
import { renderReceiptPdf } from '../../../src/main/receipts/receipt-pdf';
import { resolvePrintFont } from '../../../src/main/fonts';
import { receiptHtml } from '../../../src/main/receipts/receipt-html';
import { decodeQrInPng, pdfPageSize, pdfText, pdfToPng } from '../../helpers/pdf-tools';
import { keepScreenshot } from '../../helpers/screenshots';
import { tempDir } from '../../helpers/temp-dir';

const tmp = tempDir('studio-receipt-');
afterAll(() => tmp.cleanup());

const data: ReceiptData = {
  schoolName: '山东师范大学',
  schoolCode: '10445',
  eventDate: '2026-06-01',
  orderNo: 'S1-260601-0007',
  maskedName: '𠮷*䶮',
  amountFen: 1500,
  methodLabel: '微信支付',
  transactionRef: '4200002026060112345678901234',
  paidAt: '2026-06-01T01:32:00.000Z',
  stationName: '一号工作站（图书馆门厅）',
  operator: '张老师',
  copy: 1,
  issuedAt: '2026-06-01T01:33:00.000Z',
};

const expected: Record<PaperSize, { width: number; height?: number }> = {
  '58mm': { width: 164.41 },
  '80mm': { width: 226.77 },
  A4: { width: 595.28, height: 841.89 },
};

async function render(paper: PaperSize, d: ReceiptData, name: string) {
  const font = resolvePrintFont();
  const r = await renderReceiptPdf(receiptBlocks(d), paperGeometry(paper), font, {
    title: `收据 ${d.orderNo}`,
    createdAt: new Date(d.issuedAt),
  });
  const file = path.join(tmp.dir, `${name}.pdf`);
  writeFileSync(file, r.pdf);
  return { file, ...r };
}

describe('receipt PDFs: right paper size, Chinese text extractable, QR readable', () => {
  it.each(['58mm', '80mm', 'A4'] as const)('%s receipt', async (paper) => {
    const r = await render(paper, data, `receipt-${paper}`);
    const size = pdfPageSize(r.file);
    expect(size.pages).toBe(1);
    expect(size.width).toBeCloseTo(expected[paper].width, 0);
    if (expected[paper].height) expect(size.height).toBeCloseTo(expected[paper].height!, 0);
    else {
      // roll paper: as tall as the content, not a fixed page
      expect(size.height).toBeGreaterThan(200);
      expect(size.height).toBeLessThan(700);
    }

    const text = pdfText(r.file).replace(/\s+/g, '');
    for (const s of [
      '图像信息采集收费凭证',
      '山东师范大学',
      'S1-260601-0007',
      '𠮷*䶮',
      '¥15.00',
      '微信支付',
      '一号工作站',
    ]) {
      expect(text).toContain(s);
    }
    expect(text).toContain('2026-06-0109:32'); // 01:32 UTC printed in China time
    expect(text).not.toContain('重打');

    const png = pdfToPng(r.file, path.join(tmp.dir, `receipt-${paper}`));
    expect(await decodeQrInPng(png)).toBe('CSORDER1|S1-260601-0007');
    keepScreenshot(png, `receipt-${paper}`);
  });

  it('a reprint says 重打 and keeps the same QR', async () => {
    const r = await render('58mm', { ...data, copy: 2, methodLabel: '现金', transactionRef: null }, 'reprint-58mm');
    const text = pdfText(r.file).replace(/\s+/g, '');
    expect(text).toContain('重打');
    expect(text).toContain('现金');
    expect(text).not.toContain('交易单号');
    const png = pdfToPng(r.file, path.join(tmp.dir, 'reprint-58mm'));
    expect(await decodeQrInPng(png)).toBe('CSORDER1|S1-260601-0007');
    keepScreenshot(png, 'receipt-58mm-reprint');
  });

  it('long values wrap inside the printable width instead of running off the paper', async () => {
    const long = { ...data, stationName: '图书馆一楼东侧门厅临时采集点'.repeat(3), transactionRef: '9'.repeat(64) };
    const short = await render('58mm', data, 'short');
    const wrapped = await render('58mm', long, 'long');
    expect(wrapped.pageHeight).toBeGreaterThan(short.pageHeight);
    expect(pdfPageSize(wrapped.file).width).toBeCloseTo(164.41, 0);
  });

  it('the HTML used for silent printing carries the same content, page width and font', () => {
    const font = resolvePrintFont();
    const html = receiptHtml(receiptBlocks({ ...data, copy: 2 }), paperGeometry('80mm'), 't', font);
    expect(html).toContain('size: 226.77');
    expect(html).toContain('重打');
    expect(html).toContain('𠮷*䶮');
    expect(html).toContain('<svg');
    expect(html).not.toContain('<script');
    expect(html).toContain(`url("${pathToFileURL(font.file).href}")`);
    expect(html).toMatch(/font: [\d.]+pt\/1\.35 "Studio Print", "Source Han Sans SC"/);
    const evil = receiptHtml(
      receiptBlocks({ ...data, stationName: '<img src=x onerror=alert(1)>' }),
      paperGeometry('A4'),
      't',
      font,
    );
    expect(evil).not.toContain('<img');
  });
});

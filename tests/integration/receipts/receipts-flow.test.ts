import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../../src/main/core/studio';
import { rendererDir } from '../../../src/main/kernel/paths';
import { startHost, type RunningHost } from '../../../src/main/host/host';
import type { Printer, ReceiptPrintJob } from '../../../src/main/receipts/printer';
import { PLAIN_ID, seedEvent, type SeededStudent } from '../../helpers/documents-fixture';
import { findPlaintext } from '../../helpers/privacy-scan';
import { decodeQrInPng, pdfPageSize, pdfText, pdfToPng } from '../../helpers/pdf-tools';
import { tempDir } from '../../helpers/temp-dir';

const t = tempDir('studio-receipts-');
const ctx = { transport: 'cli' as const };
let s: Studio;
let host: RunningHost;
let st: Record<string, SeededStudent>;

beforeAll(async () => {
  s = createStudio({ dataDir: path.join(t.dir, 'plain'), log: () => {} });
  ({ students: st } = await seedEvent(s));
  host = await startHost({ studio: s, rendererDir: rendererDir() });
});
afterAll(async () => {
  await host.close();
  s.close();
  t.cleanup();
});

async function fetchPdf(url: string, name: string): Promise<string> {
  const res = await fetch(`${host.url}${url}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  const file = path.join(t.dir, `${name}.pdf`);
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return file;
}

describe('receipts under plain Node: issue, PDF from the web host, reprint', () => {
  it('issues copy 1 (no printer: printed=false) and serves it as a PDF with the masked name and the QR', async () => {
    const r = (await s.dispatch(
      'receipts.issue',
      { orderId: st.huang!.orderId, paper: '58mm', operator: '张老师' },
      ctx,
    )) as {
      copy: number;
      reprint: boolean;
      printed: boolean;
      pdfUrl: string;
    };
    expect(r).toMatchObject({ copy: 1, reprint: false, printed: false });
    const file = await fetchPdf(r.pdfUrl, 'huang-1');
    expect(pdfPageSize(file).width).toBeCloseTo(164.41, 0);
    const text = pdfText(file).replace(/\s+/g, '');
    expect(text).toContain('黄*正');
    expect(text).toContain('微信支付');
    expect(text).toContain('4200002026060112345678');
    expect(text).toContain('一号工作站');
    expect(text).not.toContain('黄志正');
    expect(text).not.toContain('重打');
    expect(await decodeQrInPng(pdfToPng(file, path.join(t.dir, 'huang-1')))).toBe(`CSORDER1|${st.huang!.orderNo}`);
  });

  it('the second issue is a reprint marked 重打; copy 1 still renders without it', async () => {
    const r = (await s.dispatch('receipts.issue', { orderId: st.huang!.orderId, operator: '李老师' }, ctx)) as {
      copy: number;
      reprint: boolean;
      paper: string;
      pdfUrl: string;
    };
    expect(r).toMatchObject({ copy: 2, reprint: true, paper: '80mm' });
    expect(pdfText(await fetchPdf(r.pdfUrl, 'huang-2'))).toContain('重打');
    const first = await fetchPdf(`/api/receipts/${st.huang!.orderId}.pdf?copy=1&paper=A4`, 'huang-1-a4');
    expect(pdfPageSize(first).height).toBeCloseTo(841.89, 0);
    expect(pdfText(first)).not.toContain('重打');
    const history = (await s.dispatch('receipts.history', { orderId: st.huang!.orderId }, ctx)) as {
      prints: { copy: number; operator: string }[];
    };
    expect(history.prints.map((p) => [p.copy, p.operator])).toEqual([
      [1, '张老师'],
      [2, '李老师'],
    ]);
  });

  it('class payment: the receipt says 班级统一缴费 and this student’s ¥15.00', async () => {
    await s.dispatch('receipts.issue', { orderId: st.twin!.orderId, paper: 'A4', operator: '张老师' }, ctx);
    const r = (await s.dispatch('receipts.pdf', { orderId: st.twin!.orderId }, ctx)) as {
      pdfBase64: string;
      fileName: string;
    };
    const file = path.join(t.dir, 'twin.pdf');
    writeFileSync(file, Buffer.from(r.pdfBase64, 'base64'));
    const text = pdfText(file).replace(/\s+/g, '');
    expect(text).toContain('班级统一缴费（支付宝）');
    expect(text).toContain('¥15.00');
    expect(r.fileName).toBe(`收据-${st.twin!.orderNo}-A4.pdf`);
  });

  it('the manual check-in’s plaintext 证件号 appears in no receipt', async () => {
    const r = (await s.dispatch(
      'receipts.issue',
      { orderId: st.rare!.orderId, paper: '80mm', operator: '张老师' },
      ctx,
    )) as {
      pdfUrl: string;
    };
    const file = await fetchPdf(r.pdfUrl, 'rare');
    expect(pdfText(file).replace(/\s+/g, '')).toContain('𠮷*');
    expect(await findPlaintext([file], [PLAIN_ID, '𠮷䶮'])).toEqual([]);
    expect(pdfText(file)).not.toContain(PLAIN_ID);
  });

  it('unpaid orders, unknown orders, un-issued copies and bad paper get clear answers and record nothing', async () => {
    await expect(
      s.dispatch('receipts.issue', { orderId: st.unpaid!.orderId, operator: '张老师' }, ctx),
    ).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('尚未付款') });
    await expect(s.dispatch('receipts.issue', { orderId: 'nope', operator: '张老师' }, ctx)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      s.dispatch('receipts.issue', { orderId: st.huang!.orderId, paper: '76mm', operator: '张老师' }, ctx),
    ).rejects.toMatchObject({ code: 'invalid_request', field: 'paper' });
    const res = await fetch(`${host.url}/api/receipts/${st.huang!.orderId}.pdf?copy=9`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('第 9 份');
    const notYet = await fetch(`${host.url}/api/receipts/${st.failed!.orderId}.pdf`);
    expect(notYet.status).toBe(409);
    const history = (await s.dispatch('receipts.history', { orderId: st.unpaid!.orderId }, ctx)) as {
      prints: unknown[];
    };
    expect(history.prints).toEqual([]);
  });

  it('a STUDIO_RECEIPT_FONT that does not exist is a clear 503 and records no copy', async () => {
    const before = ((await s.dispatch('receipts.history', { orderId: st.rare!.orderId }, ctx)) as { prints: unknown[] })
      .prints.length;
    process.env.STUDIO_RECEIPT_FONT = path.join(t.dir, 'no-such-font.ttf');
    try {
      await expect(
        s.dispatch('receipts.issue', { orderId: st.rare!.orderId, operator: '张老师' }, ctx),
      ).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('STUDIO_RECEIPT_FONT') });
    } finally {
      delete process.env.STUDIO_RECEIPT_FONT;
    }
    const after = (await s.dispatch('receipts.history', { orderId: st.rare!.orderId }, ctx)) as { prints: unknown[] };
    expect(after.prints).toHaveLength(before);
  });

  it('paper and printer settings persist in the station settings', async () => {
    expect(await s.dispatch('receipts.configure', { paper: '58mm', printer: 'XP-58' }, ctx)).toEqual({
      paper: '58mm',
      printer: 'XP-58',
      silentPrintAvailable: false,
    });
    expect(await s.dispatch('receipts.settings', {}, ctx)).toMatchObject({ paper: '58mm', printer: 'XP-58' });
  });
});

describe('receipts in the desktop window: silent print through the Printer interface', () => {
  it('prints the HTML receipt on the configured device with the receipt page size; a failed print records nothing', async () => {
    const jobs: ReceiptPrintJob[] = [];
    let fail = false;
    const printer: Printer = {
      print: async (job) => {
        if (fail) throw new Error('打印机缺纸');
        jobs.push(job);
      },
    };
    const d = createStudio({ dataDir: path.join(t.dir, 'desktop'), log: () => {}, printer });
    try {
      const { students } = await seedEvent(d);
      await d.dispatch('receipts.configure', { paper: '58mm', printer: 'XP-58' }, ctx);
      const r = await d.dispatch('receipts.issue', { orderId: students.huang!.orderId, operator: '张老师' }, ctx);
      expect(r).toMatchObject({ printed: true, printer: 'XP-58', copy: 1 });
      expect(jobs).toHaveLength(1);
      expect(jobs[0]!.deviceName).toBe('XP-58');
      expect(jobs[0]!.widthMicrons).toBe(58_000);
      expect(jobs[0]!.heightMicrons).toBeGreaterThan(80_000);
      expect(jobs[0]!.html).toContain(students.huang!.orderNo);
      expect(jobs[0]!.html).toContain('黄*正');

      fail = true;
      await expect(
        d.dispatch('receipts.issue', { orderId: students.huang!.orderId, operator: '张老师' }, ctx),
      ).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('打印机缺纸') });
      const h = (await d.dispatch('receipts.history', { orderId: students.huang!.orderId }, ctx)) as {
        prints: unknown[];
      };
      expect(h.prints).toHaveLength(1);
    } finally {
      d.close();
    }
  });
});

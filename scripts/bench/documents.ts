// npm run bench:documents — receipt PDF rendering per paper size, and the export ZIP writer's throughput on
// synthetic 40 KB "photos" (the size of a 480×640 ID photo). Figures go to docs/BENCHMARKS.md.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { paperGeometry, receiptBlocks } from '../../src/shared/receipt/receipt-layout';
import type { ReceiptData } from '../../src/shared/receipt/receipt-data';
import { renderReceiptPdf } from '../../src/main/receipts/receipt-pdf';
import { resolvePrintFont } from '../../src/main/fonts';
import { writeZip, type ZipEntry } from '../../src/main/export/zip-writer';

const data: ReceiptData = {
  schoolName: '山东师范大学',
  schoolCode: '10445',
  eventDate: '2026-06-01',
  orderNo: 'S1-20260601-0007',
  maskedName: '黄*正',
  amountFen: 1500,
  methodLabel: '微信支付',
  transactionRef: '4200002026060112345678',
  paidAt: '2026-06-01T01:32:00Z',
  stationName: '一号工作站',
  operator: '张老师',
  copy: 1,
  issuedAt: '2026-06-01T01:33:00Z',
};

async function main() {
  const font = resolvePrintFont();
  console.log(`receipt font: ${font.file}#${font.postscriptName ?? ''}`);
  for (const paper of ['58mm', '80mm', 'A4'] as const) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 21; i++) {
      const t0 = performance.now();
      const r = await renderReceiptPdf(receiptBlocks({ ...data, copy: (i % 2) + 1 }), paperGeometry(paper), font, {
        title: 'bench',
        createdAt: new Date(),
      });
      times.push(performance.now() - t0);
      bytes = r.pdf.length;
    }
    const first = times.shift()!;
    times.sort((a, b) => a - b);
    console.log(
      `receipt ${paper.padEnd(4)}: first ${first.toFixed(0)} ms (font load), then median ${times[10]!.toFixed(1)} ms, ` +
        `p95 ${times[Math.floor(times.length * 0.95)]!.toFixed(1)} ms, ${(bytes / 1024).toFixed(0)} KB`,
    );
  }

  const dir = mkdtempSync(path.join(os.tmpdir(), 'studio-bench-zip-'));
  try {
    const n = Number(process.env.BENCH_PHOTOS ?? 2000);
    const entries: ZipEntry[] = [];
    for (let i = 0; i < n; i++) {
      const buf = randomBytes(40 * 1024);
      const file = path.join(dir, `p${i}`);
      writeFileSync(file, buf);
      entries.push({
        name: `照片/${i}.jpg`,
        file,
        size: buf.length,
        sha256: createHash('sha256').update(buf).digest('hex'),
      });
    }
    const t0 = performance.now();
    let events = 0;
    const r = await writeZip(path.join(dir, 'out.zip'), entries, () => events++);
    const ms = performance.now() - t0;
    const mb = r.bytes / 1048576;
    console.log(
      `export zip: ${n} photos × 40 KB (sha256-checked) → ${mb.toFixed(1)} MB in ${(ms / 1000).toFixed(2)} s ` +
        `= ${(mb / (ms / 1000)).toFixed(0)} MB/s, ${(n / (ms / 1000)).toFixed(0)} photos/s, ${events} progress events, ` +
        `rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();

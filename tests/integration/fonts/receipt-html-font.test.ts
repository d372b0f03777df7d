import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { afterAll, expect, it } from 'vitest';
import { chromiumPath } from '../../../scripts/system-deps.mjs';
import { resolvePrintFont } from '../../../src/main/fonts';
import { receiptHtml } from '../../../src/main/receipts/receipt-html';
import { paperGeometry, receiptBlocks } from '../../../src/shared/receipt/receipt-layout';
import { tempDir } from '../../helpers/temp-dir';

// The HTML the desktop window prints silently is loaded from a file (src/main/electron/receipt-printer.ts), so
// Chromium loads the bundled print font from its @font-face and sets the Chinese text in it — whatever CJK fonts
// the system has.

const tmp = tempDir('studio-receipt-html-');
afterAll(() => tmp.cleanup());

it('Chromium sets the printed receipt HTML in the bundled font', async () => {
  const html = receiptHtml(
    receiptBlocks({
      schoolName: '山东师范大学',
      schoolCode: '10445',
      eventDate: '2026-06-01',
      orderNo: 'S1-260601-0007',
      maskedName: '黄*正',
      amountFen: 1500,
      methodLabel: '现金',
      transactionRef: null,
      paidAt: '2026-06-01T01:32:00.000Z',
      stationName: '一号工作站',
      operator: '张老师',
      copy: 1,
      issuedAt: '2026-06-01T01:33:00.000Z',
    }),
    paperGeometry('58mm'),
    '收据',
    resolvePrintFont({ env: {} }),
  );
  const file = path.join(tmp.dir, 'receipt.html');
  writeFileSync(file, html);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href);
    // page-side code as strings: this tsconfig has no DOM types
    const faces = await page.evaluate(
      'document.fonts.ready.then(() => [...document.fonts].map((f) => ({ family: f.family, status: f.status })))',
    );
    expect(faces).toEqual([{ family: 'Studio Print', status: 'loaded' }]);
    expect(await page.evaluate(`document.fonts.check('12px "Studio Print"', '黄*正')`)).toBe(true);
  } finally {
    await browser.close();
  }
});

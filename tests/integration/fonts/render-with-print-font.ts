// Child process of print-font-without-system-fonts.test.ts: renders a receipt PDF and a captioned print sheet in
// whatever font environment it was started with (fontconfig reads FONTCONFIG_FILE when sharp first loads).
//   node --import tsx render-with-print-font.ts OUT_DIR
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { resolvePrintFont } from '../../../src/main/fonts';
import { renderSheet } from '../../../src/main/production/layout-sheet';
import { renderReceiptPdf } from '../../../src/main/receipts/receipt-pdf';
import { assignCells } from '../../../src/shared/photo/sheet-layout';
import { findPrintProfile, sixInchSheet } from '../../../src/shared/spec';
import { paperGeometry, receiptBlocks } from '../../../src/shared/receipt/receipt-layout';

const out = process.argv[2]!;
const font = resolvePrintFont();
const receipt = await renderReceiptPdf(
  receiptBlocks({
    schoolName: '山东师范大学',
    schoolCode: '10445',
    eventDate: '2026-06-01',
    orderNo: 'S1-260601-0007',
    maskedName: '黄*正',
    amountFen: 1500,
    methodLabel: '微信支付',
    transactionRef: '4200002026060112345678901234',
    paidAt: '2026-06-01T01:32:00.000Z',
    stationName: '一号工作站',
    operator: '张老师',
    copy: 1,
    issuedAt: '2026-06-01T01:33:00.000Z',
  }),
  paperGeometry('58mm'),
  font,
  { title: '收据 S1-260601-0007', createdAt: new Date('2026-06-01T01:33:00.000Z') },
);
writeFileSync(path.join(out, 'receipt.pdf'), receipt.pdf);

const photo = await sharp({ create: { width: 480, height: 640, channels: 3, background: '#28BEFA' } })
  .jpeg()
  .toBuffer();
const sheet = await renderSheet([photo, photo], {
  print: findPrintProfile('2inch')!,
  sheet: sixInchSheet,
  captions: ['黄正', '山东'],
  format: 'png',
});
writeFileSync(path.join(out, 'sheet.png'), sheet.data);
writeFileSync(
  path.join(out, 'result.json'),
  JSON.stringify({
    font,
    // the first cell of each photo: where '黄正' and where '山东' were printed
    captions: [0, 1].map((who) => {
      const owner = assignCells(sheet.layout.cells.length, 2);
      return sheet.layout.cells[owner.indexOf(who)]!.caption;
    }),
  }),
);

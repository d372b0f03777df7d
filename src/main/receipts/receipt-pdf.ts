import PDFDocument from 'pdfkit';
import { contentWidth, type PaperGeometry, type ReceiptBlock } from '../../shared/receipt/receipt-layout';
import { darkRuns, qrMatrix } from './qr-matrix';
import { fontBytes, type PrintFont } from '../fonts';

// Receipt PDF with pdfkit. Roll paper has no fixed height, so the blocks are laid out twice with the same
// code: once on a scratch document to measure, then on a page exactly as tall as the content.

export interface ReceiptPdfOptions {
  title: string;
  /** Fixed creation date keeps the PDF of one receipt copy stable. */
  createdAt: Date;
}

const FONT = 'receipt-cjk';

type Doc = PDFKit.PDFDocument;

function newDoc(width: number, height: number, opts: ReceiptPdfOptions, font: PrintFont): Doc {
  const doc = new PDFDocument({
    size: [width, height],
    margin: 0,
    autoFirstPage: true,
    info: { Title: opts.title, Creator: 'Collection Studio', CreationDate: opts.createdAt },
  });
  doc.registerFont(FONT, fontBytes(font), font.postscriptName ?? '');
  doc.font(FONT);
  return doc;
}

/** Lays out (and when `draw`, draws) the blocks from y = marginY; returns the y below the last block. */
function layout(doc: Doc, blocks: ReceiptBlock[], g: PaperGeometry, draw: boolean): number {
  const width = contentWidth(g);
  const x0 = g.marginX;
  let y = g.marginY;
  const gap = g.fontSize * 0.45;
  const text = (s: string, size: number, x: number, w: number, align: 'left' | 'center' | 'right' = 'left') => {
    doc.fontSize(size);
    const h = doc.heightOfString(s, { width: w, align, lineGap: size * 0.15 });
    if (draw) doc.fillColor('black').text(s, x, y, { width: w, align, lineGap: size * 0.15 });
    return h;
  };
  const labelWidth = g.fontSize * 5.4; // five CJK characters + the colon

  for (const block of blocks) {
    switch (block.kind) {
      case 'reprint': {
        doc.fontSize(g.titleSize);
        const h = doc.heightOfString(block.text, { width }) + g.fontSize * 0.6;
        if (draw) {
          doc.rect(x0, y, width, h).fill('black');
          doc
            .fillColor('white')
            .text(block.text, x0, y + g.fontSize * 0.3, { width, align: 'center' })
            .fillColor('black');
        }
        y += h + gap;
        break;
      }
      case 'title':
        y += text(block.text, g.titleSize, x0, width, 'center') + gap * 0.5;
        break;
      case 'subtitle':
        y += text(block.text, g.fontSize, x0, width, 'center') + gap * 0.3;
        break;
      case 'rule':
        y += gap * 0.6;
        if (draw) {
          doc
            .moveTo(x0, y)
            .lineTo(x0 + width, y)
            .lineWidth(0.6)
            .dash(2, { space: 1.5 })
            .stroke('black')
            .undash();
        }
        y += gap * 1.2;
        break;
      case 'row': {
        // a bigger value (金额) sits on the label's baseline
        const size = block.emphasis ? g.fontSize * 1.35 : g.fontSize;
        const startY = y;
        const hv = text(block.value, size, x0 + labelWidth, width - labelWidth);
        y = startY + (size - g.fontSize) * 0.9;
        const hl = text(`${block.label}：`, g.fontSize, x0, labelWidth);
        y = startY + Math.max(hl + (size - g.fontSize) * 0.9, hv) + gap * 0.6;
        break;
      }
      case 'qr': {
        const matrix = qrMatrix(block.payload);
        const n = matrix.length;
        const size = Math.min(g.qrSize, width);
        const m = size / n;
        const qx = x0 + (width - size) / 2;
        y += Math.max(gap, 2 * m); // part of the QR quiet zone; the paper around it is blank
        if (draw) {
          for (const run of darkRuns(matrix)) doc.rect(qx + run.col * m, y + run.row * m, run.length * m, m);
          doc.fill('black');
        }
        y += size + Math.max(gap, 2 * m);
        y += text(block.caption, g.fontSize, x0, width, 'center') + gap;
        break;
      }
      case 'note':
        y += text(block.text, g.fontSize * 0.85, x0, width, 'center') + gap * 0.3;
        break;
    }
  }
  return y;
}

function toBuffer(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

export interface RenderedReceipt {
  pdf: Buffer;
  pageWidth: number;
  pageHeight: number;
}

export async function renderReceiptPdf(
  blocks: ReceiptBlock[],
  g: PaperGeometry,
  font: PrintFont,
  opts: ReceiptPdfOptions,
): Promise<RenderedReceipt> {
  let height = g.pageHeight;
  if (height === null) {
    const scratch = newDoc(g.pageWidth, 2000, opts, font);
    height = Math.ceil(layout(scratch, blocks, g, false) + g.marginY);
    scratch.end();
  }
  const doc = newDoc(g.pageWidth, height, opts, font);
  layout(doc, blocks, g, true);
  return { pdf: await toBuffer(doc), pageWidth: g.pageWidth, pageHeight: height };
}

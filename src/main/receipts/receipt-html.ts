import { contentWidth, type PaperGeometry, type ReceiptBlock } from '../../shared/receipt/receipt-layout';
import { printFontCss, type PrintFont } from '../fonts';
import { darkRuns, qrMatrix } from './qr-matrix';

// The same receipt blocks as HTML, for the desktop window's silent print: Chromium prints HTML reliably to
// any installed printer, whereas a PDF loaded in a hidden window prints blank on several platforms. The text is set
// in the same print font as the PDF (@font-face on its file: URL, so the page is loaded from a file).

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function qrSvg(payload: string, sizePt: number): string {
  const matrix = qrMatrix(payload);
  const n = matrix.length;
  const rects = darkRuns(matrix)
    .map((r) => `<rect x="${r.col}" y="${r.row}" width="${r.length}" height="1"/>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n} ${n}" width="${sizePt}pt" height="${sizePt}pt" shape-rendering="crispEdges">${rects}</svg>`;
}

function blockHtml(b: ReceiptBlock, g: PaperGeometry): string {
  switch (b.kind) {
    case 'reprint':
      return `<div class="reprint">${esc(b.text)}</div>`;
    case 'title':
      return `<h1>${esc(b.text)}</h1>`;
    case 'subtitle':
      return `<div class="sub">${esc(b.text)}</div>`;
    case 'rule':
      return '<hr>';
    case 'row':
      return `<div class="row${b.emphasis ? ' em' : ''}"><span class="l">${esc(b.label)}：</span><span class="v">${esc(b.value)}</span></div>`;
    case 'qr':
      return `<div class="qr">${qrSvg(b.payload, Math.min(g.qrSize, contentWidth(g)))}<div>${esc(b.caption)}</div></div>`;
    case 'note':
      return `<div class="note">${esc(b.text)}</div>`;
  }
}

export function receiptHtml(blocks: ReceiptBlock[], g: PaperGeometry, title: string, font: PrintFont): string {
  const f = g.fontSize;
  const { fontFace, fontFamily } = printFontCss(font);
  const css = `${fontFace}
@page { size: ${g.pageWidth}pt ${g.pageHeight === null ? 'auto' : `${g.pageHeight}pt`}; margin: 0; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { width: ${contentWidth(g)}pt; padding: ${g.marginY}pt ${g.marginX}pt;
  font: ${f}pt/1.35 ${fontFamily}; }
h1 { font-size: ${g.titleSize}pt; font-weight: normal; text-align: center; margin: 0 0 ${f * 0.3}pt; }
.sub, .note, .qr { text-align: center; }
.note { font-size: ${f * 0.85}pt; }
.reprint { background: #000; color: #fff; text-align: center; font-size: ${g.titleSize}pt; padding: ${f * 0.3}pt 0;
  margin-bottom: ${f * 0.4}pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
hr { border: 0; border-top: 0.6pt dashed #000; margin: ${f * 0.4}pt 0; }
.row { display: flex; margin: ${f * 0.25}pt 0; }
.row .l { flex: 0 0 ${f * 5.4}pt; }
.row .v { flex: 1; word-break: break-all; }
.row.em .v { font-size: ${f * 1.35}pt; }
.qr svg { display: block; margin: ${f * 0.6}pt auto ${f * 0.3}pt; }`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${css}</style></head><body>${blocks
    .map((b) => blockHtml(b, g))
    .join('\n')}</body></html>`;
}

import { mmToPx, type PrintProfile, type SheetSpec } from '../spec/print-profile';

// Where each print, its caption strip and its cut marks go on a sheet of photo paper (pixels at the sheet's dpi).

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Line {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface SheetLayout {
  width: number;
  height: number;
  orientation: 'landscape' | 'portrait';
  cells: { photo: Rect; caption: Rect | null }[];
  cutMarks: Line[];
}

/** Cut-mark length (mm): short ticks in the gaps, never over a print. */
const MARK_MM = 1.5;

export function planSheet(print: PrintProfile, sheet: SheetSpec, captions: boolean): SheetLayout {
  if (print.dpi !== sheet.dpi) throw new Error(`打印尺寸与相纸分辨率不一致：${print.dpi} / ${sheet.dpi} dpi`);
  const land = grid(print, sheet, captions, sheet.widthMm, sheet.heightMm);
  const port = grid(print, sheet, captions, sheet.heightMm, sheet.widthMm);
  const useLand = land.cols * land.rows >= port.cols * port.rows;
  const g = useLand ? land : port;
  const dpi = sheet.dpi;
  const width = mmToPx(useLand ? sheet.widthMm : sheet.heightMm, dpi);
  const height = mmToPx(useLand ? sheet.heightMm : sheet.widthMm, dpi);
  if (g.cols * g.rows === 0) throw new Error(`${print.name} 放不进 ${sheet.name}`);
  const pw = mmToPx(print.widthMm, dpi);
  const ph = mmToPx(print.heightMm, dpi);
  const gap = mmToPx(sheet.gapMm, dpi);
  const cap = captions ? mmToPx(sheet.captionMm, dpi) : 0;
  const blockW = g.cols * pw + (g.cols - 1) * gap;
  const blockH = g.rows * (ph + cap) + (g.rows - 1) * gap;
  const x0 = Math.floor((width - blockW) / 2);
  const y0 = Math.floor((height - blockH) / 2);
  const mark = mmToPx(MARK_MM, dpi);
  const cells: SheetLayout['cells'] = [];
  const cutMarks: Line[] = [];
  for (let r = 0; r < g.rows; r++) {
    for (let c = 0; c < g.cols; c++) {
      const x = x0 + c * (pw + gap);
      const y = y0 + r * (ph + cap + gap);
      cells.push({
        photo: { x, y, width: pw, height: ph },
        caption: cap ? { x, y: y + ph, width: pw, height: cap } : null,
      });
      // Cut along the outer edge of print + caption: ticks pointing outwards from each corner.
      const bottom = y + ph + cap;
      for (const [cx, cy] of [
        [x, y],
        [x + pw, y],
        [x, bottom],
        [x + pw, bottom],
      ] as const) {
        const dx = cx === x ? -1 : 1;
        const dy = cy === y ? -1 : 1;
        cutMarks.push({ x1: cx + dx, y1: cy, x2: cx + dx * mark, y2: cy });
        cutMarks.push({ x1: cx, y1: cy + dy, x2: cx, y2: cy + dy * mark });
      }
    }
  }
  return { width, height, orientation: useLand ? 'landscape' : 'portrait', cells, cutMarks };
}

function grid(print: PrintProfile, sheet: SheetSpec, captions: boolean, wMm: number, hMm: number) {
  const usableW = wMm - 2 * sheet.marginMm;
  const usableH = hMm - 2 * sheet.marginMm;
  const cellH = print.heightMm + (captions ? sheet.captionMm : 0);
  const cols = Math.max(0, Math.floor((usableW + sheet.gapMm) / (print.widthMm + sheet.gapMm)));
  const rows = Math.max(0, Math.floor((usableH + sheet.gapMm) / (cellH + sheet.gapMm)));
  return { cols, rows };
}

/** Fill `template` placeholders like `{姓名} {学号}` from `fields`; unknown placeholders are left visible. */
export function formatCaption(template: string, fields: Record<string, string>): string {
  return template.replace(/\{([^{}]+)\}/g, (whole, key: string) => fields[key.trim()] ?? whole).trim();
}

/** Which photo goes in each cell: contiguous equal shares, in order (one photo fills the sheet). */
export function assignCells(cellCount: number, photoCount: number): number[] {
  if (photoCount < 1) throw new Error('至少需要一张照片');
  if (photoCount > cellCount) throw new Error(`一张相纸最多放 ${cellCount} 张，当前 ${photoCount} 张`);
  return Array.from({ length: cellCount }, (_, i) => Math.floor((i * photoCount) / cellCount));
}

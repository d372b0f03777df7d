import ExcelJS from 'exceljs';

// The manifest as an Excel workbook: every cell is text, so 学号 852021102012 and 采集码 stay exact instead of
// turning into 8.52E+11 the way a number column would.

export async function manifestXlsx(
  sheetName: string,
  header: readonly string[],
  rows: readonly (readonly string[])[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Collection Studio';
  const ws = wb.addWorksheet(sheetName.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || '导出清单', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  ws.columns = header.map((h) => ({
    header: h,
    width: Math.min(40, Math.max(8, h.length * 2 + 2)),
    style: { numFmt: '@' },
  }));
  for (const r of rows) ws.addRow([...r]);
  ws.getRow(1).font = { bold: true };
  const buf = await wb.xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer);
}

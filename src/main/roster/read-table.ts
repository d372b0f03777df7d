import ExcelJS from 'exceljs';
import { ApiError } from '../../shared/api-error';
import { guessSeparator, parseCsv } from '../../shared/domain/csv';
import { decodeRosterText } from './decode-text';

export interface TableRow {
  /** 1-based line in the file (CSV) or row number in the sheet (XLSX); the header is line 1. */
  line: number;
  cells: string[];
}

const MAX_ROWS = 50_000;

/** Read a roster file (CSV in UTF-8/GBK, or XLSX) into rows of text cells. */
export async function readTable(fileName: string, bytes: Buffer): Promise<TableRow[]> {
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  if (/\.xlsx$/i.test(fileName) || isZip) return readXlsx(bytes);
  if (/\.xls$/i.test(fileName)) throw new ApiError('invalid_request', '不支持旧版 .xls 文件：请另存为 .xlsx 或 CSV');
  const { text } = decodeRosterText(bytes);
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  const records = parseCsv(text, guessSeparator(firstLine));
  if (records.length > MAX_ROWS + 1) throw new ApiError('invalid_request', `名单过大：最多 ${MAX_ROWS} 行`);
  return records.map((r) => ({ line: r.line, cells: r.fields }));
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  }
  return String(value as unknown);
}

async function readXlsx(bytes: Buffer): Promise<TableRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ApiError('invalid_request', 'XLSX 文件已损坏或不是 Excel 文件，无法读取');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw new ApiError('invalid_request', 'XLSX 文件中没有工作表');
  if (sheet.rowCount > MAX_ROWS + 1) throw new ApiError('invalid_request', `名单过大：最多 ${MAX_ROWS} 行`);
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    rows.push({ line: rowNumber, cells });
  });
  return rows;
}

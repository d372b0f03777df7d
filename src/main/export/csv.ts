// CSV for Excel users in China: UTF-8 with a BOM (without it Excel reads the file as GBK and garbles Chinese),
// CRLF line ends, RFC 4180 quoting, and formula-looking cells neutralised so a crafted 专业 cannot run in Excel.

export const UTF8_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  let v = value;
  if (FORMULA_START.test(v) && !/^-?\d+(\.\d+)?$/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [header, ...rows].map((cells) => cells.map(csvCell).join(','));
  return UTF8_BOM + lines.join('\r\n') + '\r\n';
}

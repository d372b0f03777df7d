import { describe, expect, it } from 'vitest';
import { UTF8_BOM, csvCell, toCsv } from '../../../src/main/export/csv';
import { parseCsv } from '../../../src/shared/domain/csv';

describe('manifest CSV: opens in Excel with Chinese intact and round-trips exactly', () => {
  it('starts with a UTF-8 BOM and uses CRLF', () => {
    const csv = toCsv(['姓名', '学号'], [['黄*正', '852021102012']]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.slice(1)).toBe('姓名,学号\r\n黄*正,852021102012\r\n');
  });

  it('quotes commas, quotes, line breaks and edge spaces', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell(' padded ')).toBe('" padded "');
    expect(csvCell('plain')).toBe('plain');
  });

  it('neutralises formula-looking text but leaves negative numbers alone', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+86')).toBe("'+86");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-15.00')).toBe('-15.00');
  });

  it('a parser reads back every field, including rare characters and SQL metacharacters', () => {
    const rows = [
      ['𠮷*䶮', "x'; DROP TABLE orders;--", 'a,"b"\r\nc'],
      ['', ' ', '教育传媒'],
    ];
    const csv = toCsv(['a', 'b', 'c'], rows);
    const parsed = parseCsv(csv.slice(1)).map((r) => r.fields);
    expect(parsed).toEqual([['a', 'b', 'c'], ...rows]);
  });
});

import QRCode from 'qrcode';

/** The QR symbol as rows of booleans (true = dark), error correction M: enough for a crumpled thermal slip. */
export function qrMatrix(payload: string): boolean[][] {
  const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const rows: boolean[][] = [];
  for (let r = 0; r < modules.size; r++) {
    const row: boolean[] = [];
    for (let c = 0; c < modules.size; c++) row.push(modules.data[r * modules.size + c] === 1);
    rows.push(row);
  }
  return rows;
}

/** Horizontal runs of dark modules per row, so a renderer draws a few rectangles instead of hundreds. */
export function darkRuns(matrix: boolean[][]): { row: number; col: number; length: number }[] {
  const runs: { row: number; col: number; length: number }[] = [];
  matrix.forEach((cells, row) => {
    let start = -1;
    cells.forEach((dark, col) => {
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push({ row, col: start, length: col - start });
        start = -1;
      }
    });
    if (start >= 0) runs.push({ row, col: start, length: cells.length - start });
  });
  return runs;
}

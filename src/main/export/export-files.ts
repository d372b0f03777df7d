import { existsSync } from 'node:fs';
import path from 'node:path';
import { sanitizeFileName } from '../../shared/export/naming-rule';

// Output file names of one export: `<学校编码>-<活动日期>-照片.zip` beside its manifests; an existing export is
// never replaced, the next free suffix (-2, -3…) is used instead.

export interface ExportFiles {
  zip: string;
  csv: string;
  xlsx: string;
  /** Base name shared by the three, also the folder-less prefix used inside the ZIP. */
  base: string;
}

export function exportFiles(outDir: string, schoolCode: string, eventDate: string): ExportFiles {
  const stem = sanitizeFileName(`${schoolCode}-${eventDate}`);
  for (let n = 1; n < 10_000; n++) {
    const base = n === 1 ? stem : `${stem}-${n}`;
    const files = {
      base,
      zip: path.join(outDir, `${base}-照片.zip`),
      csv: path.join(outDir, `${base}-清单.csv`),
      xlsx: path.join(outDir, `${base}-清单.xlsx`),
    };
    if (![files.zip, files.csv, files.xlsx].some((f) => existsSync(f))) return files;
  }
  throw new Error('导出目录中同名文件过多，请换一个目录');
}

/** The station's own export folder (`<data>/exports`): where exports go unless another folder is given. */
export function defaultExportDir(dataDir: string): string {
  return path.join(dataDir, 'exports');
}

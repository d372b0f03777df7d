import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { ApiError } from '../../shared/api-error';
import { EXPORT_ROUTE_PREFIX } from '../../shared/export/download';

// GET /api/exports/<file name>: an export written to the station's own `<data>/exports` folder (the ZIP and its
// 清单 CSV/XLSX), as a download for an operator whose browser is on another machine. Read-only; only plain file
// names of that one folder, never a path.

export { EXPORT_ROUTE_PREFIX };

const CONTENT_TYPES: Record<string, string> = {
  '.zip': 'application/zip',
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The file an export download URL names inside `exportsDir`, or an ApiError (pure apart from the stat). */
export function exportDownloadFile(exportsDir: string, pathname: string): { file: string; name: string; type: string } {
  let name: string;
  try {
    name = decodeURIComponent(pathname.slice(EXPORT_ROUTE_PREFIX.length));
  } catch {
    throw new ApiError('invalid_request', '导出文件名无效');
  }
  const type = CONTENT_TYPES[path.extname(name).toLowerCase()];
  if (!name || name !== path.basename(name) || /[\\/]/.test(name) || name.startsWith('.') || !type) {
    throw new ApiError('not_found', '导出文件地址应为 /api/exports/<文件名>.zip|.csv|.xlsx');
  }
  const file = path.join(exportsDir, name);
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
  } catch {
    throw new ApiError('not_found', `没有这个导出文件：${name}（请先在“导出”页开始导出）`);
  }
  return { file, name, type };
}

export function serveExportFile(exportsDir: string, pathname: string, res: ServerResponse): void {
  const { file, name, type } = exportDownloadFile(exportsDir, pathname);
  res.writeHead(200, {
    'content-type': type,
    'content-length': statSync(file).size,
    'content-disposition': `attachment; filename="export${path.extname(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    'cache-control': 'no-store',
  });
  createReadStream(file).pipe(res);
}

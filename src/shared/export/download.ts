// Where the station's web host offers an export it wrote for download (src/main/export/export-route.ts).

export const EXPORT_ROUTE_PREFIX = '/api/exports/';

/** The download path of an export file (by its base name; a Windows or POSIX full path is cut to the name). */
export function exportDownloadPath(filePath: string): string {
  const name = filePath.split(/[\\/]/).pop() ?? '';
  return EXPORT_ROUTE_PREFIX + encodeURIComponent(name);
}

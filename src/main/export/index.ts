// The export for the school / central office and the reconciliation sheet.
// The folder's public face: other folders (and core/) import from here.
export { exportHandlers } from './export-handlers';
export { ExportService } from './export-service';
export { reconciliationCsv, reconciliationFileName, type ReconciliationReport } from './reconciliation-csv';
export type { ZipProgress } from './zip-writer';
export { EXPORT_ROUTE_PREFIX, serveExportFile } from './export-route';
export { defaultExportDir } from './export-files';

import path from 'node:path';
import { ApiError } from '../../shared/api-error';
import type { HandlerGroup } from '../kernel/handlers';
import type { PushBus } from '../kernel/push-bus';
import { defaultExportDir } from './export-files';
import type { ExportService } from './export-service';

const problemView = (p: { key: string; kind: 'missing_field' | 'collision'; message: string }) => ({
  orderNo: p.key,
  kind: p.kind,
  message: p.message,
});

export function exportHandlers(
  exports: ExportService,
  bus: PushBus,
  dataDir: string,
  reconciliationCsv: (eventId: string, day?: string) => { fileName: string; csv: string },
): HandlerGroup<'exports.preview' | 'exports.run' | 'exports.reconciliationCsv'> {
  return {
    'exports.preview': (req) => {
      const plan = exports.plan(req.eventId, req.nameRule);
      return {
        nameRule: plan.nameRule,
        files: plan.rows.map((r) => ({ orderNo: r.row.orderNo, fileName: r.fileName })),
        problems: plan.problems.map(problemView),
        excluded: plan.excluded,
      };
    },
    'exports.reconciliationCsv': (req) => reconciliationCsv(req.eventId, req.day),
    'exports.run': async (req) => {
      if (req.outDir && !path.isAbsolute(req.outDir)) {
        throw new ApiError('invalid_request', '导出目录须为绝对路径', 'outDir');
      }
      const outDir = req.outDir || defaultExportDir(dataDir);
      const result = await exports.run({
        eventId: req.eventId,
        nameRule: req.nameRule,
        outDir,
        onProgress: (p) => {
          // at most ~100 pushes per export, whatever the number of photos
          const step = Math.max(1, Math.floor(p.entriesTotal / 100));
          if (p.entriesDone % step !== 0 && p.entriesDone !== p.entriesTotal) return;
          bus.emit({ name: 'export.progress', data: { jobId: req.jobId, eventId: req.eventId, ...p } });
        },
      });
      return { ...result, problems: result.problems.map(problemView) };
    },
  };
}

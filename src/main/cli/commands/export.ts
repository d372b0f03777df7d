import path from 'node:path';
import { parse, UsageError } from '../args';
import type { CliIO, Command } from '../command';
import { createStudio } from '../../core/studio';
import { defaultDataDir } from '../../core/data-dir';
import { DEFAULT_NAME_RULE } from '../../../shared/export/naming-rule';
import type { ZipProgress } from '../../export/zip-writer';

// `studio export`: the ZIP for the school / central office. Exit code 0 when every exportable order was
// exported, 3 when the naming rule left some out (listed on stderr), 1/2 on errors and bad usage.

function progressBar(io: CliIO): ((p: ZipProgress) => void) | undefined {
  if (!io.stderr.isTTY) return undefined;
  return (p) => {
    const frac = p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : 1;
    const width = 30;
    const filled = Math.round(frac * width);
    io.stderr.write(
      `\r导出中 [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(frac * 100)).padStart(3)}% ` +
        `${p.entriesDone}/${p.entriesTotal}`,
    );
    if (p.entriesDone === p.entriesTotal) io.stderr.write('\n');
  };
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'export final photos + manifest (CSV, XLSX) of an event as one ZIP',
  usage: "studio export --event ID --out DIR [--name-rule '{学号}.jpg'] [--json] [--data DIR]",
  async run(argv, io) {
    const { values } = parse(argv, {
      event: { type: 'string' },
      out: { type: 'string' },
      'name-rule': { type: 'string' },
      json: { type: 'boolean' },
      data: { type: 'string' },
    });
    if (!values.event) throw new UsageError('--event is required (the event id, see `studio event list`)');
    if (!values.out) throw new UsageError('--out is required (the folder to write the ZIP to)');
    const dataDir = values.data ? path.resolve(values.data) : defaultDataDir(io.env);
    const studio = createStudio({ dataDir, log: () => {} });
    try {
      const r = await studio.documents.exports.run({
        eventId: values.event,
        outDir: path.resolve(values.out),
        nameRule: values['name-rule'] ?? DEFAULT_NAME_RULE,
        onProgress: values.json ? undefined : progressBar(io),
      });
      if (values.json) {
        io.stdout.write(
          `${JSON.stringify({ ...r, problems: r.problems.map((p) => ({ orderNo: p.key, kind: p.kind, message: p.message })) }, null, 2)}\n`,
        );
      } else {
        io.stdout.write(
          `已导出 ${r.exported} 张照片\n  ZIP: ${r.zipPath}\n  清单: ${r.csvPath}\n        ${r.xlsxPath}\n`,
        );
        if (r.excluded.length > 0) io.stdout.write(`未导出（尚不可导出）的订单 ${r.excluded.length} 个\n`);
      }
      for (const p of r.problems) io.stderr.write(`未导出 ${p.key}：${p.message}\n`);
      return r.problems.length > 0 ? 3 : 0;
    } finally {
      studio.close();
    }
  },
};

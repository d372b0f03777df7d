import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, UsageError } from '../args';
import type { Command } from '../command';
import { dataDirFrom, printJson, subcommand, withStudio } from './records-cli';

export const rosterCommand: Command = {
  name: 'roster',
  summary: 'import a school roster (CSV in UTF-8/GBK, or XLSX) for offline lookup',
  usage: 'studio roster import FILE --event ID [--json] [--data DIR]',
  async run(argv, io) {
    const [, rest] = subcommand(argv, ['import']);
    const { values, positionals } = parse(
      rest,
      { event: { type: 'string' }, json: { type: 'boolean' }, data: { type: 'string' } },
      true,
    );
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError('请指定一个名单文件');
    if (!values.event) throw new UsageError('--event ID is required');
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      io.stderr.write(`无法读取文件：${file}\n`);
      return 1;
    }
    return withStudio(dataDirFrom(values.data, io), io, async (studio) => {
      const result = await studio.records.roster.importFile(values.event!, path.basename(file), bytes);
      if (values.json) printJson(io, { imported: result.imported, rejected: result.rejected });
      else {
        io.stdout.write(
          `已导入 ${result.imported} 行（新增 ${result.inserted}，更新 ${result.updated}），拒绝 ${result.rejected.length} 行\n`,
        );
        for (const r of result.rejected) io.stdout.write(`  第 ${r.line} 行：${r.reason}\n`);
      }
      return 0;
    });
  },
};

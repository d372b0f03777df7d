import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError, parse } from '../args';
import type { Command } from '../command';
import { findPrintProfile, printProfiles, sixInchSheet } from '../../../shared/spec';
import { renderSheet } from '../../production/layout-sheet';

const USAGE = 'studio layout <photo...> --out FILE --profile 2inch|1inch [--caption TEXT...]';

export const layoutCommand: Command = {
  name: 'layout',
  summary: 'lay final photos out on a 6-inch print sheet (300 dpi) with cut marks and optional captions',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parse(
      argv,
      { out: { type: 'string' }, profile: { type: 'string' }, caption: { type: 'string', multiple: true } },
      true,
    );
    if (positionals.length === 0) throw new UsageError('请至少指定一张照片');
    if (!values.out) throw new UsageError('请用 --out FILE 指定输出文件（.jpg 或 .png）');
    const print = findPrintProfile(values.profile ?? '2inch');
    if (!print)
      throw new UsageError(`未知的打印尺寸 "${values.profile}"（可选：${printProfiles.map((p) => p.id).join('、')}）`);
    const ext = path.extname(values.out).toLowerCase();
    if (!['.jpg', '.jpeg', '.png'].includes(ext)) throw new UsageError('输出文件应为 .jpg 或 .png');
    const captions = values.caption ?? null;
    if (captions && captions.length !== positionals.length)
      throw new UsageError(`--caption 的数量（${captions.length}）应与照片数量（${positionals.length}）一致`);
    const photos: Buffer[] = [];
    for (const f of positionals) {
      try {
        photos.push(await readFile(f));
      } catch {
        io.stderr.write(`studio layout: 无法读取 ${f}\n`);
        return 1;
      }
    }
    let sheet;
    try {
      sheet = await renderSheet(photos, {
        print,
        sheet: sixInchSheet,
        captions,
        format: ext === '.png' ? 'png' : 'jpeg',
        env: io.env,
      });
    } catch (err) {
      io.stderr.write(`studio layout: ${(err as Error).message}\n`);
      return 1;
    }
    await writeFile(values.out, sheet.data);
    io.stdout.write(
      `${values.out}: ${sixInchSheet.name} ${sheet.layout.width}×${sheet.layout.height} px @ ${sixInchSheet.dpi} dpi，${print.name} × ${sheet.layout.cells.length}\n`,
    );
    return 0;
  },
};

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError, parse } from '../args';
import type { CliIO, Command } from '../command';
import { DEFAULT_PROFILE_ID, findProfile } from '../../../shared/spec';
import { unknownProfileMessage } from '../../kernel/request-fields';
import { createVision } from '../../vision/vision-service';
import { PhotoRefusedError, producePhoto, type PhotoAnalyzer } from '../../production';

const USAGE = 'studio photo <image...> --out DIR [--profile NAME] [--json]';

export interface PhotoLine {
  file: string;
  out: string | null;
  passed: boolean;
  reasons: { code: string; message: string }[];
  ms: number;
}

/** Produce final photos for a batch; a bad input is reported and the batch goes on. */
export async function producePhotos(
  files: string[],
  outDir: string,
  profileId: string,
  vision: PhotoAnalyzer,
  onLine: (line: PhotoLine, index: number) => void,
): Promise<PhotoLine[]> {
  await mkdir(outDir, { recursive: true });
  const used = new Set<string>();
  const lines: PhotoLine[] = [];
  for (const [i, file] of files.entries()) {
    const t0 = performance.now();
    let line: PhotoLine;
    try {
      const source = await readFile(file);
      const p = await producePhoto(source, profileId, vision);
      const out = uniqueName(outDir, path.parse(file).name, used);
      await writeFile(out, p.jpeg);
      line = { file, out, passed: p.passed, reasons: p.reasons, ms: p.ms };
    } catch (err) {
      const reason =
        err instanceof PhotoRefusedError
          ? err.refusal
          : {
              code: 'read_failed',
              message: `无法读取：${(err as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (err as Error).message}`,
            };
      line = { file, out: null, passed: false, reasons: [reason], ms: Math.round(performance.now() - t0) };
    }
    lines.push(line);
    onLine(line, i);
  }
  return lines;
}

function uniqueName(dir: string, base: string, used: Set<string>): string {
  let name = `${base}.jpg`;
  for (let n = 2; used.has(name); n++) name = `${base}-${n}.jpg`;
  used.add(name);
  return path.join(dir, name);
}

function progress(io: CliIO, done: number, total: number): void {
  const width = 24;
  const filled = Math.round((done / total) * width);
  io.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
}

export const photoCommand: Command = {
  name: 'photo',
  summary: 'produce final photos (480×640 JPG on #28BEFA) with their 初审 verdict',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parse(
      argv,
      { out: { type: 'string' }, profile: { type: 'string' }, json: { type: 'boolean' } },
      true,
    );
    if (positionals.length === 0) throw new UsageError('请至少指定一个照片文件');
    if (!values.out) throw new UsageError('请用 --out DIR 指定输出目录');
    const profileId = values.profile ?? DEFAULT_PROFILE_ID;
    if (!findProfile(profileId)) throw new UsageError(unknownProfileMessage(profileId));
    const tty = !values.json && io.stderr.isTTY === true;
    const vision = createVision();
    try {
      const lines = await producePhotos(positionals, path.resolve(values.out), profileId, vision, (line, i) => {
        if (values.json) {
          io.stdout.write(JSON.stringify(line) + '\n');
          return;
        }
        if (tty) io.stderr.write('\r\x1b[K');
        const verdict = line.out ? (line.passed ? '初审通过' : '初审未通过') : '无法制作';
        io.stdout.write(
          `${line.out ? '✓' : '✗'} ${line.file}${line.out ? ` → ${line.out}` : ''}  ${verdict}  ${line.ms} ms\n`,
        );
        for (const r of line.reasons) io.stdout.write(`    ${r.code}: ${r.message}\n`);
        if (tty) progress(io, i + 1, positionals.length);
      });
      if (tty) io.stderr.write('\n');
      const produced = lines.filter((l) => l.out).length;
      if (!values.json)
        io.stdout.write(
          `共 ${lines.length} 张：制作 ${produced} 张，初审通过 ${lines.filter((l) => l.passed).length} 张，无法制作 ${lines.length - produced} 张\n`,
        );
      return produced > 0 ? 0 : 1;
    } finally {
      await vision.close();
    }
  },
};

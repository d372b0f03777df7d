import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse } from '../args';
import type { Command } from '../command';
import { DEFAULT_BACKDROP, DEFAULT_PROFILE_ID, findProfile, isBackdropMode } from '../../../shared/spec';
import { unknownProfileMessage } from '../../kernel/request-fields';
import { runChecks, verdictOf } from '../../../shared/checks/run-checks';
import { createVision } from '../../vision/vision-service';
import { ImageDecodeError } from '../../vision/decode-image';

const SUPPORTED = new Set(['.jpg', '.jpeg', '.png', '.webp']);

/** Why a file cannot be analysed (Chinese, for the operator), or null when it can be read. */
async function readProblem(file: string): Promise<{ bytes?: Buffer; problem?: string }> {
  const ext = path.extname(file).toLowerCase();
  try {
    const st = await stat(file);
    if (!st.isFile()) return { problem: '不是文件' };
    if (st.size === 0) return { problem: '文件为空' };
  } catch {
    return { problem: '文件不存在' };
  }
  if (!SUPPORTED.has(ext)) return { problem: `不支持的文件类型 ${ext || '（无扩展名）'}（支持 JPEG/PNG/WebP）` };
  return { bytes: await readFile(file) };
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'run the photo compliance checks on image files (JPEG/PNG/WebP)',
  usage: 'studio check <image...> [--json] [--profile ID] [--backdrop replace|blue]',
  async run(argv, io) {
    const { values, positionals } = parse(
      argv,
      { json: { type: 'boolean' }, profile: { type: 'string' }, backdrop: { type: 'string' } },
      true,
    );
    if (positionals.length === 0) {
      io.stderr.write(`studio check: 请至少指定一个图像文件\nUsage: ${checkCommand.usage}\n`);
      return 2;
    }
    // replace (default): any plain backdrop, replaced in production; blue: a blue cloth, colour checked strictly.
    const backdrop = values.backdrop ?? DEFAULT_BACKDROP;
    if (!isBackdropMode(backdrop)) {
      io.stderr.write(`studio check: 未知的背景模式 "${backdrop}"（应为 replace 或 blue）\n`);
      return 2;
    }
    const profile = findProfile(values.profile ?? DEFAULT_PROFILE_ID);
    if (!profile) {
      io.stderr.write(`studio check: ${unknownProfileMessage(values.profile ?? DEFAULT_PROFILE_ID)}\n`);
      return 2;
    }
    const vision = createVision();
    let failures = 0;
    try {
      for (const file of positionals) {
        const { bytes, problem } = await readProblem(file);
        let error = problem;
        if (bytes) {
          try {
            const { analysis, image } = await vision.inspect(bytes);
            const checks = runChecks(analysis, image, profile, undefined, { backdrop });
            const verdict = verdictOf(checks);
            if (values.json) {
              const line = {
                file,
                verdict,
                checks: checks.map(({ id, status, value, threshold, message }) => ({
                  id,
                  status,
                  value,
                  threshold,
                  message,
                })),
              };
              io.stdout.write(JSON.stringify(line) + '\n');
            } else {
              io.stdout.write(`${file}: ${verdict === 'pass' ? '通过 pass' : '不通过 fail'}\n`);
              for (const c of checks)
                if (c.status !== 'pass')
                  io.stdout.write(
                    `  ${c.status === 'fail' ? '✗' : c.status === 'unmeasured' ? '–' : '!'} ${c.id}${c.vendorName ? `（${c.vendorName}）` : ''}: ${c.message}\n`,
                  );
            }
            continue;
          } catch (err) {
            if (!(err instanceof ImageDecodeError)) throw err;
            error = err.message;
          }
        }
        failures++;
        io.stderr.write(`studio check: ${file}: ${error}\n`);
      }
    } finally {
      await vision.close();
    }
    return failures > 0 ? 1 : 0;
  },
};

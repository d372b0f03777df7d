import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { businessTime } from '../../../shared/domain/business-time';
import { UsageError, intOption, parse } from '../args';
import type { CliIO, Command } from '../command';
import { CameraError, HotFolderWatcher, cameraDrivers, findSource, surveyCameras } from '../../camera';

const USAGE =
  'studio camera list [--json] [--folder DIR] | capture --source ID --out FILE [--folder DIR] | watch --folder DIR';

/**
 * The CLI never shares the station's hot-folder journal: trying a folder here must not make the station think
 * the shots were already taken. A throwaway journal per run (its first look is the baseline: only new shots count).
 */
async function scratchState(): Promise<{ dir: string; done: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'studio-camera-cli-'));
  return { dir, done: () => rm(dir, { recursive: true, force: true }) };
}

function drivers(io: CliIO, folder: string | undefined, stateDir: string) {
  // --folder wins over STUDIO_HOT_FOLDER; the replay camera stays listed (STUDIO_CAMERA=replay is for the app)
  const env = { ...io.env, STUDIO_CAMERA: undefined };
  return cameraDrivers({ env, dataDir: stateDir, hotFolder: () => folder ?? null });
}

async function list(argv: string[], io: CliIO): Promise<number> {
  const { values } = parse(argv, { json: { type: 'boolean' }, folder: { type: 'string' } });
  const state = await scratchState();
  try {
    const lines = await surveyCameras(drivers(io, values.folder, state.dir));
    if (values.json) io.stdout.write(`${JSON.stringify(lines, null, 2)}\n`);
    else
      for (const l of lines)
        io.stdout.write(
          `${l.available ? '可用  ' : '不可用'}  ${l.id.padEnd(28)} ${l.label}${l.reason ? `：${l.reason}` : ''}\n`,
        );
    return 0;
  } finally {
    await state.done();
  }
}

async function capture(argv: string[], io: CliIO): Promise<number> {
  const { values } = parse(argv, {
    source: { type: 'string' },
    out: { type: 'string' },
    folder: { type: 'string' },
    timeout: { type: 'string' },
  });
  if (!values.source) throw new UsageError('请用 --source ID 指定相机（见 studio camera list）');
  if (!values.out) throw new UsageError('请用 --out FILE 指定输出文件');
  const timeoutS = intOption(values.timeout, 'timeout', 1, 3600) ?? 120;
  const state = await scratchState();
  try {
    const folder = values.folder ?? (values.source.startsWith('hotfolder:') ? values.source.slice(10) : undefined);
    const found = await findSource(drivers(io, folder, state.dir), values.source);
    if (typeof found === 'string') {
      io.stderr.write(`studio camera: ${found}\n`);
      return 1;
    }
    const cam = found.driver.open(found.device);
    try {
      if (found.device.kind === 'hotfolder') io.stderr.write(`等待拍摄：请在相机上按下快门（${found.device.port}）…\n`);
      const jpeg = await Promise.race([
        cam.capture(),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new CameraError('failed', '等待拍摄超时')), timeoutS * 1000).unref(),
        ),
      ]);
      await writeFile(values.out, jpeg);
      const meta = await sharp(jpeg).metadata();
      io.stdout.write(
        `${JSON.stringify({ source: found.device.id, out: path.resolve(values.out), width: meta.width, height: meta.height, bytes: jpeg.length })}\n`,
      );
      return 0;
    } finally {
      await cam.close();
    }
  } catch (err) {
    if (err instanceof CameraError) {
      io.stderr.write(`studio camera: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await state.done();
  }
}

async function watchFolder(argv: string[], io: CliIO): Promise<number> {
  const { values } = parse(argv, { folder: { type: 'string' }, json: { type: 'boolean' } });
  if (!values.folder) throw new UsageError('请用 --folder DIR 指定联机软件保存照片的文件夹');
  const state = await scratchState();
  const watcher = new HotFolderWatcher({
    folder: values.folder,
    journalFile: path.join(state.dir, 'journal.jsonl'),
    onShot: async (shot) => {
      const meta = await sharp(shot.jpeg).metadata();
      const at = businessTime(new Date().toISOString());
      const line = {
        name: shot.name,
        width: meta.width,
        height: meta.height,
        bytes: shot.jpeg.length,
        sha256: shot.sha256,
        at,
      };
      io.stdout.write(
        values.json
          ? `${JSON.stringify(line)}\n`
          : `${at}  ${shot.name}  ${meta.width}×${meta.height}  ${shot.jpeg.length} 字节\n`,
      );
      return { outcome: 'capture' };
    },
    log: (msg) => io.stderr.write(`${msg}\n`),
  });
  try {
    await watcher.start();
  } catch (err) {
    io.stderr.write(`studio camera: 无法打开文件夹 ${values.folder}：${(err as Error).message}\n`);
    await state.done();
    return 1;
  }
  io.stderr.write(
    `正在监视 ${path.resolve(values.folder)}（只报告新拍的 JPEG，按 Ctrl-C 结束；不会把照片记入工作站）\n`,
  );
  await io.untilSignal();
  await watcher.stop();
  await state.done();
  return 0;
}

export const cameraCommand: Command = {
  name: 'camera',
  summary: 'list cameras (every kind, with why one is unavailable), capture a still, try a hot folder',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === 'list') return list(rest, io);
    if (sub === 'capture') return capture(rest, io);
    if (sub === 'watch') return watchFolder(rest, io);
    throw new UsageError(sub ? `未知的子命令 ${sub}` : '请指定子命令 list、capture 或 watch');
  },
};

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Camera, CameraDevice, CameraDriver, FrameListener } from './camera';
import { CAMERA_MESSAGES, CameraError } from './camera-error';
import { decodeBmp } from './bmp';
import { LiveTicker } from './live-ticker';
import { LIVE_HEIGHT } from './replay-camera';
import { runProcess } from './run-process';

// Webcam stills on macOS and Windows, the way node-webcam takes them: imagesnap on macOS, CommandCam on Windows
// (Linux keeps fswebcam-camera.ts, which is node-webcam's fswebcam path with the resolution it asks for). The
// node-webcam package itself is not a dependency: its install script downloads CommandCam.exe from GitHub on
// Windows and (its /win/ test matches "darwin") on macOS, and fails without that network; and it runs the tools
// through a shell with unquoted paths. The same command lines are run here with argument lists instead.

export type StillsTool = 'imagesnap' | 'commandcam';

export interface WebcamStillsOptions {
  /** Which tool: imagesnap on macOS, CommandCam on Windows (the default follows the platform). */
  tool?: StillsTool;
  /** The executable (default `imagesnap` / `CommandCam`, found on PATH; STUDIO_COMMANDCAM may point at it). */
  bin?: string;
  /** Seconds the webcam is given to settle its exposure before the still (node-webcam's `delay`, at least 1). */
  delaySeconds?: number;
  timeoutMs?: number;
}

function toolOf(opts: WebcamStillsOptions): StillsTool {
  return opts.tool ?? (process.platform === 'win32' ? 'commandcam' : 'imagesnap');
}

function binOf(opts: WebcamStillsOptions): string {
  if (opts.bin) return opts.bin;
  return toolOf(opts) === 'commandcam' ? process.env.STUDIO_COMMANDCAM || 'CommandCam' : 'imagesnap';
}

/** `imagesnap -l`: "Video Devices:" then one device per line (newer versions: "=> Name" or "…[Name]…"). */
export function parseImagesnapList(out: string): string[] {
  return out
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !/^video devices:?$/i.test(l) && !/^no video devices/i.test(l))
    .map((l) => (/\[(.+?)\]/.exec(l)?.[1] ?? l.replace(/^=>\s*/, '')).trim())
    .filter(Boolean);
}

/** `CommandCam /devlist`: "Available capture devices:" then "1. Name" lines (on stderr or stdout). */
export function parseCommandCamList(out: string): string[] {
  if (/no video devices found/i.test(out)) return [];
  return out
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !/^available capture devices:?$/i.test(l) && !/^commandcam|^copyright|^https?:/i.test(l))
    .map((l) => l.replace(/^\d+[.:)]\s*/, '').trim())
    .filter(Boolean);
}

/** One webcam seen through imagesnap (macOS) or CommandCam (Windows). Live view: a still about once a second. */
export class WebcamStillsCamera implements Camera {
  private readonly ticker = new LiveTicker();
  private shooting: Promise<Buffer> | null = null;

  constructor(
    readonly device: CameraDevice,
    private readonly opts: WebcamStillsOptions = {},
  ) {}

  /** The webcam's own full-resolution still, as JPEG. */
  async capture(): Promise<Buffer> {
    // the device opens for one tool at a time: a live-view still in progress is waited for, not doubled
    while (this.shooting) await this.shooting.catch(() => undefined);
    const run = this.grab();
    this.shooting = run;
    try {
      return await run;
    } finally {
      this.shooting = null;
    }
  }

  private async grab(): Promise<Buffer> {
    const tool = toolOf(this.opts);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'studio-webcam-'));
    const delay = Math.max(1, this.opts.delaySeconds ?? 1);
    const file = path.join(dir, tool === 'commandcam' ? 'shot.bmp' : 'shot.jpg');
    const args =
      tool === 'commandcam'
        ? ['/delay', String(delay * 1000), '/devnum', this.device.port, '/filename', file]
        : ['-w', String(delay), '-d', this.device.port, '-q', file];
    try {
      const r = await runProcess(binOf(this.opts), args, { timeoutMs: this.opts.timeoutMs ?? 30_000 });
      const bytes = await readFile(file).catch(() => null);
      if (r.code !== 0 || !bytes || bytes.length === 0) throw stillsError(`${r.stderr}\n${r.stdout.toString()}`);
      // imagesnap writes a JPEG: kept as taken (no second lossy encode); anything else is converted
      if (tool === 'imagesnap')
        return bytes[0] === 0xff && bytes[1] === 0xd8 ? bytes : await sharp(bytes).jpeg({ quality: 92 }).toBuffer();
      const bmp = decodeBmp(bytes);
      if (!bmp) throw new CameraError('failed', `${CAMERA_MESSAGES.failed}（摄像头）：无法读取 CommandCam 的照片`);
      return await sharp(bmp.rgb, { raw: { width: bmp.width, height: bmp.height, channels: 3 } })
        .jpeg({ quality: 92 })
        .toBuffer();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async startLive(onFrame: FrameListener, opts: { fps: number; onError: (err: Error) => void }): Promise<void> {
    this.ticker.start(
      Math.min(opts.fps, 1),
      async () => {
        const still = await this.capture();
        const at = Date.now();
        onFrame(await sharp(still).resize({ height: LIVE_HEIGHT }).jpeg({ quality: 80 }).toBuffer(), at);
      },
      opts.onError,
    );
  }

  async stopLive(): Promise<void> {
    this.ticker.stop();
  }

  async close(): Promise<void> {
    this.ticker.stop();
    await this.shooting?.catch(() => undefined);
  }
}

function stillsError(output: string): CameraError {
  if (/no video devices|not found|no such device|could not find/i.test(output))
    return new CameraError('disconnected', '摄像头已断开或不存在：请插好 USB 摄像头后点“刷新设备”');
  if (/busy|in use|access is denied|0x80070005/i.test(output)) return new CameraError('busy', CAMERA_MESSAGES.busy);
  const line =
    output
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .at(-1) ?? '';
  return new CameraError('failed', `${CAMERA_MESSAGES.failed}（摄像头）${line ? `：${line.slice(0, 160)}` : ''}`);
}

/** Webcams on macOS (imagesnap) and Windows (CommandCam): the device list and their stills. */
export class WebcamStillsDriver implements CameraDriver {
  readonly kind = 'webcam' as const;
  private lastProblem: string | null = null;

  constructor(private readonly opts: WebcamStillsOptions = {}) {}

  async list(): Promise<CameraDevice[]> {
    const tool = toolOf(this.opts);
    const args = tool === 'commandcam' ? ['/devlist'] : ['-l'];
    let names: string[];
    try {
      const r = await runProcess(binOf(this.opts), args, { timeoutMs: 15_000 });
      const out = `${r.stdout.toString()}\n${r.stderr}`;
      names = tool === 'commandcam' ? parseCommandCamList(out) : parseImagesnapList(out);
      this.lastProblem = null;
    } catch (err) {
      this.lastProblem = err instanceof CameraError && err.code === 'not_installed' ? notInstalled(tool) : String(err);
      return [];
    }
    return names.map((name, i) => ({
      id: `webcam:${tool}:${tool === 'commandcam' ? i + 1 : name}`,
      kind: 'webcam' as const,
      label: name,
      // CommandCam picks devices by number (/devnum, from 1); imagesnap by name (-d)
      port: tool === 'commandcam' ? String(i + 1) : name,
    }));
  }

  open(device: CameraDevice): WebcamStillsCamera {
    return new WebcamStillsCamera(device, this.opts);
  }

  async whyNone(): Promise<string> {
    if (this.lastProblem === null) await this.list();
    return this.lastProblem ?? '未找到摄像头：请插好 USB 摄像头后点“刷新设备”，或在拍摄页改用浏览器摄像头';
  }
}

function notInstalled(tool: StillsTool): string {
  return tool === 'commandcam'
    ? '未找到 CommandCam.exe：请把它放在 PATH 中（或用 STUDIO_COMMANDCAM 指定），或在拍摄页改用浏览器摄像头'
    : '未安装 imagesnap（brew install imagesnap）：或在拍摄页改用浏览器摄像头';
}

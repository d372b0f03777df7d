import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import type { Camera, CameraDevice, CameraDriver, FrameListener } from './camera';
import { CAMERA_MESSAGES, CameraError } from './camera-error';
import { LiveTicker } from './live-ticker';
import { MjpegParser } from './mjpeg-parser';
import { runProcess } from './run-process';

export interface FsWebcamOptions {
  fswebcamBin?: string;
  ffmpegBin?: string;
  /** Live view size asked of the webcam. */
  liveSize?: string;
  /** Capture size asked of the webcam (it answers with the nearest it supports). */
  captureSize?: string;
}

/**
 * A V4L2 webcam (the fallback when no DSLR is tethered). Capture uses fswebcam (skipping a few frames so
 * auto-exposure settles); live view streams MJPEG from ffmpeg for /dev/video*, and polls fswebcam for
 * other sources such as `FILE:photo.jpg`, which fswebcam reads like a device (used by the tests).
 */
export class FsWebcamCamera implements Camera {
  private ffmpeg: ChildProcess | null = null;
  private readonly ticker = new LiveTicker();
  private liveActive = false;
  private liveArgs: { onFrame: FrameListener; fps: number; onError: (err: Error) => void } | null = null;

  constructor(
    readonly device: CameraDevice,
    private readonly opts: FsWebcamOptions = {},
  ) {}

  private grab(size: string, skip: number): Promise<Buffer> {
    const args = ['-d', this.device.port, '-r', size, '--no-banner', '-S', String(skip), '--jpeg', '92', '-'];
    return runProcess(this.opts.fswebcamBin ?? 'fswebcam', args, { timeoutMs: 20_000 }).then((r) => {
      if (r.code === 0 && r.stdout.length > 0 && r.stdout[0] === 0xff) return r.stdout;
      throw webcamError(r.stderr);
    });
  }

  async startLive(onFrame: FrameListener, opts: { fps: number; onError: (err: Error) => void }): Promise<void> {
    await this.stopLive();
    this.liveActive = true;
    this.liveArgs = { onFrame, ...opts };
    const size = this.opts.liveSize ?? '1280x720';
    if (!this.device.port.startsWith('/dev/')) {
      this.ticker.start(opts.fps, async () => onFrame(await this.grab(size, 0), Date.now()), opts.onError);
      return;
    }
    const args = ['-hide_banner', '-loglevel', 'error', '-f', 'v4l2', '-framerate', String(opts.fps)];
    args.push('-video_size', size, '-i', this.device.port, '-f', 'mjpeg', '-q:v', '5', '-');
    const child = spawn(this.opts.ffmpegBin ?? 'ffmpeg', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.ffmpeg = child;
    let stderr = '';
    const parser = new MjpegParser((jpeg) => onFrame(jpeg, Date.now()));
    child.stdout.on('data', (d: Buffer) => parser.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e) => opts.onError(e));
    child.on('close', (_code, signal) => {
      if (this.ffmpeg === child) this.ffmpeg = null;
      if (this.liveActive && signal === null) opts.onError(webcamError(stderr));
    });
  }

  async stopLive(): Promise<void> {
    this.liveActive = false;
    this.ticker.stop();
    const child = this.ffmpeg;
    this.ffmpeg = null;
    if (child && child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once('close', () => resolve());
        child.kill('SIGTERM');
      });
    }
  }

  async capture(): Promise<Buffer> {
    // A V4L2 device is opened by one process at a time: pause the ffmpeg stream while fswebcam shoots.
    const resume = this.ffmpeg ? this.liveArgs : null;
    if (resume) await this.stopLive();
    try {
      return await this.grab(this.opts.captureSize ?? '1920x1080', this.device.port.startsWith('/dev/') ? 5 : 0);
    } finally {
      if (resume) await this.startLive(resume.onFrame, resume);
    }
  }

  async close(): Promise<void> {
    await this.stopLive();
  }
}

function webcamError(stderr: string): CameraError {
  if (/No such file or directory|Cannot open|stat:/i.test(stderr))
    return new CameraError('disconnected', '摄像头已断开或不存在：请检查 USB 连接');
  if (/busy/i.test(stderr)) return new CameraError('busy', CAMERA_MESSAGES.busy);
  const line =
    stderr
      .split('\n')
      .map((l) => stripAnsi(l).trim())
      .filter(Boolean)
      .at(-1) ?? '';
  return new CameraError('failed', `${CAMERA_MESSAGES.failed}（摄像头）${line ? `：${line.slice(0, 160)}` : ''}`);
}

export class FsWebcamDriver implements CameraDriver {
  readonly kind = 'webcam' as const;

  constructor(private readonly opts: FsWebcamOptions & { devDir?: string } = {}) {}

  async list(): Promise<CameraDevice[]> {
    const dir = this.opts.devDir ?? '/dev';
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => /^video\d+$/.test(n));
    } catch {
      return [];
    }
    return names.sort().map((n) => ({
      id: `webcam:${dir}/${n}`,
      kind: 'webcam' as const,
      label: `USB 摄像头 ${n}`,
      port: `${dir}/${n}`,
    }));
  }

  open(device: CameraDevice): FsWebcamCamera {
    return new FsWebcamCamera(device, this.opts);
  }

  async whyNone(): Promise<string> {
    if (process.platform !== 'linux') return '工作站摄像头目前只支持 Linux（fswebcam）：请在拍摄页改用浏览器摄像头';
    return `未找到摄像头（${this.opts.devDir ?? '/dev'}/video*）：请插好 USB 摄像头`;
  }
}

/** fswebcam colours its log lines; drop the escape sequences (ESC is char 27). */
function stripAnsi(line: string): string {
  return line
    .split(String.fromCharCode(27))
    .map((part, i) => (i === 0 ? part : part.replace(/^\[[0-9;]*m/, '')))
    .join('');
}

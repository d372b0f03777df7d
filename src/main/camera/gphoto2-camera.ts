import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Camera, CameraDevice, CameraDriver, FrameListener } from './camera';
import { CameraError } from './camera-error';
import { gphoto2Error, parseAutoDetect, parseFileList } from './gphoto2-errors';
import { MjpegParser } from './mjpeg-parser';
import { runProcess } from './run-process';

export interface Gphoto2Options {
  /** The gphoto2 executable (tests may point at another build). */
  bin?: string;
  timeoutMs?: number;
  /**
   * Live view is restarted after this long: cameras end movie capture at about 30 minutes (Canon's 29 min 59 s
   * clip limit), which would otherwise look like an unplugged camera. Default 25 minutes; tests use seconds.
   */
  movieLimitMs?: number;
}

export const DEFAULT_MOVIE_LIMIT_MS = 25 * 60_000;

/**
 * A tethered DSLR through the gphoto2 CLI. Live view is `--capture-movie --stdout` (MJPEG); the camera's USB
 * channel serves one command at a time, so capture stops live view, shoots, downloads, and resumes it.
 * Cameras that cannot be triggered remotely (and gphoto2's "Directory Browse" pseudo-camera) fall back to
 * downloading the newest picture on the card, i.e. the one just taken with the camera's own shutter button.
 */
export class Gphoto2Camera implements Camera {
  private movie: ChildProcess | null = null;
  private live: { onFrame: FrameListener; fps: number; onError: (err: Error) => void } | null = null;
  private lastEmit = 0;
  private readonly bin: string;
  private restartTimer: NodeJS.Timeout | null = null;
  /** How many times live view was restarted ahead of the movie limit (status, tests). */
  restarts = 0;
  private retiring: ChildProcess | null = null;

  constructor(
    readonly device: CameraDevice,
    private readonly opts: Gphoto2Options = {},
  ) {
    this.bin = opts.bin ?? 'gphoto2';
  }

  private target(): string[] {
    return ['--camera', this.device.model ?? this.device.label, '--port', this.device.port];
  }

  async startLive(onFrame: FrameListener, opts: { fps: number; onError: (err: Error) => void }): Promise<void> {
    await this.stopMovie();
    this.live = { onFrame, ...opts };
    this.spawnMovie();
  }

  private spawnMovie(): void {
    const live = this.live;
    if (!live) return;
    const child = spawn(this.bin, [...this.target(), '--capture-movie', '--stdout'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LANG: 'C' },
    });
    this.movie = child;
    let stderr = '';
    const minGap = 1000 / live.fps;
    // Frames arrive at the camera's pace; drop those that come sooner than the target rate.
    const parser = new MjpegParser((jpeg) => {
      const now = performance.now();
      if (now - this.lastEmit + 1 < minGap) return;
      this.lastEmit = now;
      live.onFrame(jpeg, Date.now());
    });
    child.stdout.on('data', (d: Buffer) => parser.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e: NodeJS.ErrnoException) =>
      live.onError(e.code === 'ENOENT' ? new CameraError('not_installed', '未安装 gphoto2') : e),
    );
    // restart ahead of the camera's movie limit: stop this clip cleanly, start the next one
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(
      () => void this.restartMovie(live),
      this.opts.movieLimitMs ?? DEFAULT_MOVIE_LIMIT_MS,
    );
    this.restartTimer.unref();
    child.on('close', (code, signal) => {
      if (this.movie === child) this.movie = null;
      // An exit we did not ask for: the cable was pulled, the camera slept, or live view is unsupported.
      if (this.live === live && signal === null && child !== this.retiring)
        live.onError(gphoto2Error(stderr || `exit ${code}`, '实时取景'));
    });
  }

  private async restartMovie(live: NonNullable<Gphoto2Camera['live']>): Promise<void> {
    if (this.live !== live || !this.movie) return;
    this.retiring = this.movie; // the exit we cause is not an error
    await this.stopMovie();
    if (this.live !== live) return; // a capture or stop came in meanwhile and owns live view now
    this.restarts++;
    this.spawnMovie();
  }

  private stopMovie(): Promise<void> {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const child = this.movie;
    this.movie = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
      child.once('close', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGINT'); // gphoto2 ends movie capture cleanly on SIGINT and releases the USB device
    });
  }

  async stopLive(): Promise<void> {
    this.live = null;
    await this.stopMovie();
  }

  async capture(): Promise<Buffer> {
    const resume = this.live;
    this.live = null;
    await this.stopMovie();
    try {
      return await this.shoot();
    } finally {
      if (resume) {
        this.live = resume;
        this.spawnMovie();
      }
    }
  }

  private async shoot(): Promise<Buffer> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'studio-gphoto2-'));
    const file = path.join(dir, 'capture.jpg');
    try {
      const shot = await runProcess(
        this.bin,
        [...this.target(), '--capture-image-and-download', '--filename', file, '--force-overwrite'],
        { timeoutMs: this.opts.timeoutMs ?? 30_000, cwd: dir },
      );
      if (shot.code === 0) return await readFile(file);
      const err = gphoto2Error(shot.stderr, '拍摄');
      if (err.code !== 'unsupported') throw err;
      return await this.newestOnCard(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Download the newest JPEG on the card (for cameras gphoto2 cannot trigger). */
  async newestOnCard(workDir?: string): Promise<Buffer> {
    const dir = workDir ?? (await mkdtemp(path.join(os.tmpdir(), 'studio-gphoto2-')));
    try {
      const listed = await runProcess(this.bin, [...this.target(), '--list-files'], { timeoutMs: 30_000, cwd: dir });
      if (listed.code !== 0) throw gphoto2Error(listed.stderr, '读取存储卡');
      const jpegs = parseFileList(listed.stdout.toString()).filter((f) => /\.jpe?g$/i.test(f.name));
      const newest = jpegs.at(-1);
      if (!newest) throw new CameraError('failed', '存储卡上没有 JPEG 照片：请在相机上按下快门后再取片');
      const file = path.join(dir, 'newest.jpg');
      const got = await runProcess(
        this.bin,
        [
          ...this.target(),
          '--folder',
          newest.folder,
          '--get-file',
          String(newest.number),
          '--filename',
          file,
          '--force-overwrite',
        ],
        { timeoutMs: 60_000, cwd: dir },
      );
      if (got.code !== 0) throw gphoto2Error(got.stderr, '下载照片');
      return await readFile(file);
    } finally {
      if (!workDir) await rm(dir, { recursive: true, force: true });
    }
  }

  async close(): Promise<void> {
    await this.stopLive();
  }
}

export class Gphoto2Driver implements CameraDriver {
  readonly kind = 'dslr' as const;

  constructor(private readonly opts: Gphoto2Options = {}) {}

  async list(): Promise<CameraDevice[]> {
    let res;
    try {
      res = await runProcess(this.opts.bin ?? 'gphoto2', ['--auto-detect'], { timeoutMs: 15_000 });
    } catch (err) {
      if (err instanceof CameraError && err.code === 'not_installed') return [];
      throw err;
    }
    if (res.code !== 0) return [];
    return parseAutoDetect(res.stdout.toString()).map((row) => ({
      id: `dslr:${row.port}`,
      kind: 'dslr' as const,
      label: row.model,
      model: row.model,
      port: row.port,
    }));
  }

  open(device: CameraDevice): Gphoto2Camera {
    return new Gphoto2Camera(device, this.opts);
  }

  async whyNone(): Promise<string> {
    if (process.platform === 'win32')
      return 'Windows 上没有 gphoto2：请用相机厂商的联机软件（EOS Utility、digiCamControl 等）配合热文件夹';
    try {
      await runProcess(this.opts.bin ?? 'gphoto2', ['--version'], { timeoutMs: 15_000 });
    } catch {
      return `未安装 gphoto2（${process.platform === 'darwin' ? 'brew install gphoto2' : 'sudo apt install gphoto2'}）`;
    }
    return '未检测到相机：请用 USB 线连接相机并开机，并关闭占用相机的程序（EOS Utility、系统照片导入等）';
  }
}

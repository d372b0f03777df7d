import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { Camera, CameraDevice, CameraDriver, FrameListener, ShotHandler } from './camera';
import { CameraError } from './camera-error';
import { HotFolderWatcher, type HotFolderShot, type ShotDestination } from './hot-folder';
import { LiveTicker } from './live-ticker';
import { LIVE_HEIGHT } from './replay-camera';

export interface HotFolderOptions {
  /** Where the journal of taken files lives (the data folder); one journal per watched folder. */
  stateDir: string;
  pollMs?: number;
  settleMs?: number;
  /** How long capture() waits for the photographer to press the shutter. */
  captureTimeoutMs?: number;
  log?: (msg: string, err?: unknown) => void;
}

interface Waiter {
  resolve: (jpeg: Buffer) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * The camera as seen through its maker's tethering software: the shutter is on the camera (or in EOS Utility),
 * and every shot lands in a folder. `capture()` waits for the next shot; shots nobody waits for go to the shot
 * handler (the station's current order, else the 未归属 tray). Live view is the last shot, 720 px high.
 */
export class HotFolderCamera implements Camera {
  private readonly watcher: HotFolderWatcher;
  private readonly waiters: Waiter[] = [];
  private handler: ShotHandler | null = null;
  private skipped: ((skipped: { name: string; first: string | null }) => void) | null = null;
  private readonly ticker = new LiveTicker();
  private liveOf: { sha: string; jpeg: Promise<Buffer> } | null = null;
  private watching: Promise<void> | null = null;

  constructor(
    readonly device: CameraDevice,
    private readonly opts: HotFolderOptions,
  ) {
    const key = createHash('sha256').update(path.resolve(device.port)).digest('hex').slice(0, 16);
    this.watcher = new HotFolderWatcher({
      folder: device.port,
      journalFile: path.join(opts.stateDir, `hot-folder-${key}.jsonl`),
      pollMs: opts.pollMs,
      settleMs: opts.settleMs,
      log: opts.log,
      onShot: (shot) => this.deliver(shot),
      onSkipped: ({ name, first }) => this.skipped?.({ name, first: first?.name || null }),
    });
  }

  /** Starts watching now (the station does this on selecting the camera, so no shot waits for a click). */
  watch(): Promise<void> {
    this.watching ??= this.watcher.start().catch((err: unknown) => {
      this.watching = null;
      throw new CameraError('disconnected', `热文件夹无法打开：${this.device.port}（${(err as Error).message}）`);
    });
    return this.watching;
  }

  onShot(handler: ShotHandler | null): void {
    this.handler = handler;
  }

  onSkipped(handler: ((skipped: { name: string; first: string | null }) => void) | null): void {
    this.skipped = handler;
  }

  get lastShot(): HotFolderShot | null {
    return this.watcher.lastShot;
  }

  private async deliver(shot: HotFolderShot): Promise<ShotDestination> {
    const waiter = this.waiters.shift();
    if (waiter) {
      clearTimeout(waiter.timer);
      waiter.resolve(shot.jpeg);
      return { outcome: 'capture' };
    }
    if (!this.handler) throw new Error('no one takes hot-folder shots yet'); // stays in the folder, offered again
    return this.handler({ jpeg: shot.jpeg, name: shot.name, sha256: shot.sha256, source: this.device.port });
  }

  async startLive(onFrame: FrameListener, opts: { fps: number; onError: (err: Error) => void }): Promise<void> {
    await this.watch();
    this.ticker.start(
      Math.min(opts.fps, 2),
      async () => {
        const shot = this.watcher.lastShot;
        if (!shot) return;
        if (this.liveOf?.sha !== shot.sha256) {
          const jpeg = sharp(shot.jpeg).rotate().resize({ height: LIVE_HEIGHT }).jpeg({ quality: 80 }).toBuffer();
          this.liveOf = { sha: shot.sha256, jpeg };
        }
        onFrame(await this.liveOf.jpeg, Date.now());
      },
      opts.onError,
    );
  }

  async stopLive(): Promise<void> {
    this.ticker.stop();
  }

  async capture(): Promise<Buffer> {
    await this.watch();
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new CameraError('failed', '等待拍摄超时：请在相机上（或 EOS Utility 等联机软件中）按下快门'));
      }, this.opts.captureTimeoutMs ?? 120_000);
      const waiter: Waiter = { resolve, reject, timer };
      this.waiters.push(waiter);
    });
  }

  async close(): Promise<void> {
    this.ticker.stop();
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(new CameraError('disconnected', '热文件夹相机已关闭'));
    }
    await this.watcher.stop();
    this.watching = null;
  }
}

/** The hot folder of 设置 (or STUDIO_HOT_FOLDER); none configured = no device, with the reason. */
export class HotFolderDriver implements CameraDriver {
  readonly kind = 'hotfolder' as const;

  constructor(
    private readonly folder: () => string | null,
    private readonly opts: HotFolderOptions | null,
  ) {}

  async whyNone(): Promise<string> {
    const dir = this.folder();
    if (!this.opts) return '没有数据目录，无法记录已取的照片';
    if (!dir) return '未设置热文件夹：在 设置 中选择联机软件（EOS Utility、digiCamControl 等）保存照片的文件夹';
    return `热文件夹不存在：${dir}`;
  }

  async list(): Promise<CameraDevice[]> {
    const dir = this.folder();
    if (!dir || !this.opts || !isDir(dir)) return [];
    const abs = path.resolve(dir);
    return [{ id: `hotfolder:${abs}`, kind: 'hotfolder', label: `热文件夹 ${abs}`, port: abs }];
  }

  open(device: CameraDevice): HotFolderCamera {
    if (!this.opts) throw new CameraError('unsupported', '没有数据目录，无法使用热文件夹');
    return new HotFolderCamera(device, this.opts);
  }
}

function isDir(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

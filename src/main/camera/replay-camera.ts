import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { Camera, CameraDevice, CameraDriver, FrameListener } from './camera';
import { findSampleDir, listSamples, synthesisePortrait } from './replay-samples';
import { LiveTicker } from './live-ticker';

/** Live view frames are this tall; their width follows the sample's own aspect ratio. */
export const LIVE_HEIGHT = 720;

interface Sample {
  name: string;
  /** Full-size JPEG, EXIF orientation applied (what capture returns). */
  full: Buffer;
  /** 720 px high JPEG at the photo's own aspect ratio (what live view shows). */
  live: Buffer;
}

/**
 * The embedded camera when nothing is attached: sample portraits (or a synthesised sitter) as live view
 * frames 720 px high (a portrait-orientation camera: no padding bars, which the background checks would read as
 * backdrop) and as full-size captures. `next()` moves to the next student.
 */
export class ReplayCamera implements Camera {
  private index = 0;
  private readonly cache = new Map<number, Promise<Sample>>();
  private readonly ticker = new LiveTicker();

  constructor(
    readonly device: CameraDevice,
    private readonly files: string[],
  ) {}

  get sampleLabel(): string {
    return `${this.index + 1}/${Math.max(1, this.files.length)}`;
  }

  get sampleCount(): number {
    return Math.max(1, this.files.length);
  }

  async startLive(onFrame: FrameListener, opts: { fps: number; onError: (err: Error) => void }): Promise<void> {
    await this.sample(); // decode before the first tick so frames come at a steady rate
    this.ticker.start(opts.fps, async () => onFrame((await this.sample()).live, Date.now()), opts.onError);
  }

  async stopLive(): Promise<void> {
    this.ticker.stop();
  }

  async capture(): Promise<Buffer> {
    return (await this.sample()).full;
  }

  async next(): Promise<void> {
    this.index = (this.index + 1) % this.sampleCount;
    await this.sample();
  }

  async close(): Promise<void> {
    this.ticker.stop();
  }

  private sample(): Promise<Sample> {
    const i = this.index;
    let s = this.cache.get(i);
    if (!s) {
      s = this.load(i);
      this.cache.set(i, s);
      s.catch(() => this.cache.delete(i));
    }
    return s;
  }

  private async load(i: number): Promise<Sample> {
    const file = this.files[i];
    const source = file ? await readFile(file) : await synthesisePortrait();
    const full = await sharp(source).rotate().flatten({ background: '#ffffff' }).jpeg({ quality: 92 }).toBuffer();
    const live = await sharp(full)
      .resize({ height: LIVE_HEIGHT, withoutEnlargement: false })
      .jpeg({ quality: 80 })
      .toBuffer();
    return { name: file ? path.basename(file) : 'synthetic', full, live };
  }
}

export class ReplayDriver implements CameraDriver {
  readonly kind = 'replay' as const;

  constructor(private readonly sampleDir: string | null = findSampleDir()) {}

  async list(): Promise<CameraDevice[]> {
    const n = this.sampleDir ? listSamples(this.sampleDir).length : 0;
    return [
      {
        id: 'replay:samples',
        kind: 'replay',
        label: n > 0 ? `演示相机（${n} 张示例照片）` : '演示相机（合成画面）',
        port: this.sampleDir ?? '',
      },
    ];
  }

  async whyNone(): Promise<string> {
    return '演示相机总是可用';
  }

  open(device: CameraDevice): ReplayCamera {
    return new ReplayCamera(device, this.sampleDir ? listSamples(this.sampleDir) : []);
  }
}

import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { ApiError } from '../../shared/api-error';
import type { Res } from '../../shared/contract';
import type {
  CameraCaptureResult,
  CameraSettingsView,
  CameraShot,
  CameraShotSkipped,
  CameraStatus,
} from '../../shared/contract/camera';
import type { Camera, CameraDevice, CameraDriver, FrameListener, ShotHandler } from './camera';
import { CameraError } from './camera-error';
import { ReplayCamera } from './replay-camera';
import type { CameraSettings } from './camera-settings';
import type { UnassignedShot, UnassignedTray } from './unassigned-tray';

/** The student in front of the camera: where a shot taken on the camera itself (hot folder) goes. */
export interface CaptureTarget {
  orderId: string;
  operator: string;
  profileId: string;
}

/**
 * Stores a capture for an order (the records module) and returns what it stored. A throw whose error carries
 * `storedOriginal` (see storedDespite) means the original WAS stored for the order and photo production refused it:
 * the refusal is that capture's answer, the shot must not be stored anywhere again.
 */
export type CaptureSink = (
  jpeg: Buffer,
  req: { orderId: string; operator: string; profileId: string },
) => Promise<Res<'camera.captureForOrder'>>;

/**
 * Runs on live frames main-side (the vision pipeline); called with the newest frame only, and the camera's
 * subject version (bumped for a new sitter or camera).
 */
export type FrameAnalyzer = (jpeg: Buffer, subjectVersion: number) => Promise<void>;

/** What the camera service is given when it is built (studio.ts wires records and vision in here). */
export interface CameraServiceOptions {
  drivers: CameraDriver[];
  onStatus?: (status: CameraStatus) => void;
  log?: (msg: string, err?: unknown) => void;
  /** Where captures for an order go (the records module); without one captureForOrder is unavailable. */
  captureSink?: CaptureSink | null;
  /** Live analysis of the frames (the vision module); none = live view only. */
  analyzer?: FrameAnalyzer | null;
  /** 设置's default camera: opened first by the selection rule when it is connected. */
  preferredDevice?: () => string | null;
  /** 未归属: where shots taken on the camera with no current order go; none = they wait in the hot folder. */
  tray?: UnassignedTray | null;
  /** How long captureForOrder waits for the shutter on a camera that is triggered on the camera (hot folder). */
  shotTimeoutMs?: number;
  /** The camera's own 设置 (hot folder); none = camera.configure is unavailable. */
  settings?: CameraSettings | null;
  /** A shot taken on the camera itself has been stored (for an order or in 未归属): the windows show it. */
  onShotStored?: (shot: CameraShot) => void;
  /** A hot-folder file was not taken: a byte-identical copy of a shot already taken (the windows say so). */
  onShotSkipped?: (skipped: CameraShotSkipped) => void;
  /** After an unplugged camera, how often the device list is read again to find it replugged (ms). */
  reconnectMs?: number;
}

interface OrderWaiter {
  target: CaptureTarget;
  resolve: (res: Res<'camera.captureForOrder'>) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

const KIND_ORDER: CameraDevice['kind'][] = ['dslr', 'hotfolder', 'webcam', 'replay'];
const DEFAULT_FPS = 15;

/**
 * The station's one camera: picks the device (tethered DSLR, else webcam, else replay), runs live view for
 * every viewer at once (MJPEG clients, the analyzer), and captures.
 */
export class CameraService {
  private devices: CameraDevice[] = [];
  private camera: Camera | null = null;
  private readonly viewers = new Set<FrameListener>();
  private explicitLive = false;
  private liveRunning = false;
  private fps = DEFAULT_FPS;
  private frames = 0;
  private error: string | null = null;
  private latest: Buffer | null = null;
  private latestAt = 0;
  private analyzer: FrameAnalyzer | null;
  private subject = 0;
  private pendingFrame: Buffer | null = null;
  private analyzing = false;
  private analysisDone: Promise<void> = Promise.resolve();
  private readonly captureSink: CaptureSink | null;
  private idleStop: NodeJS.Timeout | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly preferred: () => string | null;
  private readonly drivers: CameraDriver[];
  private readonly onStatus: (status: CameraStatus) => void;
  private readonly log: (msg: string, err?: unknown) => void;
  private readonly tray: UnassignedTray | null;
  private readonly shotTimeoutMs: number;
  private readonly settings: CameraSettings | null;
  private readonly onShotStored: (shot: CameraShot) => void;
  private readonly onShotSkipped: (skipped: CameraShotSkipped) => void;
  private current: CaptureTarget | null = null;
  private readonly reconnectMs: number;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly orderWaiters: OrderWaiter[] = [];

  constructor(opts: CameraServiceOptions) {
    this.drivers = opts.drivers;
    this.onStatus = opts.onStatus ?? (() => {});
    this.log = opts.log ?? (() => {});
    this.captureSink = opts.captureSink ?? null;
    // latest frame wins: frames arriving while one is analysed replace each other
    this.analyzer = opts.analyzer ?? null;
    this.preferred = opts.preferredDevice ?? (() => null);
    this.tray = opts.tray ?? null;
    this.shotTimeoutMs = opts.shotTimeoutMs ?? 120_000;
    this.settings = opts.settings ?? null;
    this.onShotStored = opts.onShotStored ?? (() => {});
    this.onShotSkipped = opts.onShotSkipped ?? (() => {});
    this.reconnectMs = opts.reconnectMs ?? 3000;
  }

  /** Bumped whenever the sitter or the camera changes, so live smoothing starts afresh for the new subject. */
  get subjectVersion(): number {
    return this.subject;
  }

  get latestFrame(): Buffer | null {
    return this.latest;
  }

  /** When the latest frame arrived from the camera (ms since the epoch; 0 = none yet). */
  get latestFrameAt(): number {
    return this.latestAt;
  }

  status(): CameraStatus {
    const cam = this.camera;
    return {
      selected: cam?.device ?? null,
      live: this.liveRunning,
      fps: this.fps,
      frames: this.frames,
      error: this.error,
      sample: cam instanceof ReplayCamera ? cam.sampleLabel : null,
      currentOrderId: this.current?.orderId ?? null,
    };
  }

  // Camera operations run one at a time: a capture never interleaves with a device switch.
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  async list(refresh = false): Promise<CameraDevice[]> {
    if (refresh || this.devices.length === 0) {
      const found = await Promise.all(
        this.drivers.map((d) =>
          d.list().catch((err: unknown) => {
            this.log(`camera: listing ${d.kind} failed`, err);
            return [] as CameraDevice[];
          }),
        ),
      );
      this.devices = found.flat().sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
    }
    return this.devices;
  }

  select(id: string): Promise<CameraStatus> {
    return this.serial(async () => {
      let device = (await this.list()).find((d) => d.id === id);
      if (!device) device = (await this.list(true)).find((d) => d.id === id);
      if (!device) throw new ApiError('not_found', '找不到该相机：可能已断开，请刷新设备列表', 'id');
      await this.open(device);
      this.subject++;
      return this.status();
    });
  }

  /** Selection rule: the default camera of 设置 when connected, else a tethered DSLR, else a webcam, else replay. */
  private async ensureCamera(): Promise<Camera> {
    if (this.camera) return this.camera;
    const devices = await this.list(true);
    const preferred = this.preferred();
    const device = devices.find((d) => d.id === preferred) ?? devices[0];
    if (!device) throw new ApiError('unavailable', '没有可用的相机');
    return this.open(device);
  }

  private async open(device: CameraDevice): Promise<Camera> {
    const wasLive = this.liveRunning;
    if (this.camera) {
      this.camera.onShot?.(null);
      this.camera.onSkipped?.(null);
      await this.camera.close();
      this.liveRunning = false;
    }
    const driver = this.drivers.find((d) => d.kind === device.kind);
    if (!driver) throw new ApiError('unavailable', '不支持该类型的相机');
    const cam = driver.open(device);
    this.camera = cam;
    this.error = null;
    this.latest = null;
    if (cam.onShot) {
      cam.onShot(this.takeShot);
      cam.onSkipped?.(this.skipShot);
      try {
        await cam.watch?.();
      } catch (err) {
        this.error = messageOf(err);
        this.emit();
        throw toApiError(err);
      }
    }
    if (wasLive) await this.startCamera();
    this.emit();
    return this.camera;
  }

  start(fps?: number): Promise<CameraStatus> {
    return this.serial(async () => {
      this.explicitLive = true;
      if (fps !== undefined && fps !== this.fps) {
        this.fps = fps;
        if (this.liveRunning) {
          await this.camera?.stopLive();
          this.liveRunning = false;
        }
      }
      await this.startCamera();
      return this.status();
    });
  }

  stop(): Promise<CameraStatus> {
    return this.serial(async () => {
      this.explicitLive = false;
      if (this.viewers.size === 0) await this.stopCamera();
      return this.status();
    });
  }

  private async startCamera(): Promise<void> {
    const cam = await this.ensureCamera();
    if (this.liveRunning) return;
    this.frames = 0;
    this.error = null;
    try {
      await cam.startLive((jpeg, at) => this.onFrame(jpeg, at), {
        fps: this.fps,
        onError: (err) => this.onLiveError(cam, err),
      });
      this.liveRunning = true;
    } catch (err) {
      this.error = messageOf(err);
      this.emit();
      throw toApiError(err);
    }
    this.emit();
  }

  private async stopCamera(): Promise<void> {
    if (!this.liveRunning) return;
    this.liveRunning = false;
    await this.camera?.stopLive();
    this.emit();
  }

  private onLiveError(cam: Camera, err: Error): void {
    if (cam !== this.camera) return;
    this.log('camera: live view failed', err);
    this.error = messageOf(err);
    this.liveRunning = false;
    void cam.stopLive();
    this.emit();
    if (isGone(err)) this.scheduleReconnect();
  }

  /**
   * The camera was unplugged (or slept): read the device list again every few seconds until the same camera is
   * back (its USB port usually changes on replug), reopen it and resume live view if anyone is watching.
   */
  private scheduleReconnect(): void {
    if (this.reconnectTimer || this.closed) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.serial(() => this.reconnect()).then(
        (back) => {
          if (!back) this.scheduleReconnect();
        },
        (err: unknown) => {
          this.log('camera: reconnect failed', err);
          this.scheduleReconnect();
        },
      );
    }, this.reconnectMs);
    this.reconnectTimer.unref();
  }

  /** Reopens the selected camera once it is listed again; false while it is still gone. */
  private async reconnect(): Promise<boolean> {
    const gone = this.camera;
    if (!gone || this.closed) return true;
    const again = findAgain(await this.list(true), gone.device);
    if (!again) return false;
    const wanted = this.viewers.size > 0 || this.explicitLive;
    this.liveRunning = false;
    await this.open(again);
    this.error = null;
    if (wanted) await this.startCamera();
    this.subject++;
    this.log(`camera: ${again.label} is back on ${again.port}`);
    this.emit();
    return true;
  }

  private onFrame(jpeg: Buffer, at: number): void {
    this.frames++;
    this.latest = jpeg;
    this.latestAt = at;
    for (const v of this.viewers) v(jpeg, at);
    if (this.analyzer) {
      this.pendingFrame = jpeg;
      if (!this.analyzing) this.analysisDone = this.pumpAnalysis();
    }
  }

  private async pumpAnalysis(): Promise<void> {
    this.analyzing = true;
    try {
      while (this.pendingFrame && this.analyzer) {
        const frame = this.pendingFrame;
        this.pendingFrame = null;
        try {
          await this.analyzer(frame, this.subject);
        } catch (err) {
          this.log('camera: live analysis failed', err);
        }
      }
    } finally {
      this.analyzing = false;
    }
  }

  /** A live view client (MJPEG stream). Live view starts with the first and stops shortly after the last leaves. */
  async addViewer(listener: FrameListener): Promise<() => void> {
    this.viewers.add(listener);
    if (this.idleStop) clearTimeout(this.idleStop);
    this.idleStop = null;
    try {
      await this.serial(() => this.startCamera());
    } catch (err) {
      this.viewers.delete(listener);
      throw err;
    }
    if (this.latest) listener(this.latest, this.latestAt);
    return () => {
      this.viewers.delete(listener);
      if (this.viewers.size === 0 && !this.explicitLive) {
        this.idleStop = setTimeout(() => void this.serial(() => this.stopCamera()), 2000);
        this.idleStop.unref();
      }
    };
  }

  next(): Promise<CameraStatus> {
    return this.serial(async () => {
      const cam = await this.ensureCamera();
      if (!cam.next) throw new ApiError('invalid_request', '只有演示相机可以切换示例照片');
      await cam.next();
      this.subject++;
      this.emit();
      return this.status();
    });
  }

  /** One full-resolution JPEG from the selected camera. */
  private shoot(): Promise<Buffer> {
    return this.serial(async () => {
      const cam = await this.ensureCamera();
      try {
        return await cam.capture();
      } catch (first) {
        let err: unknown = first;
        // replugged since (a new USB port): find it again and shoot once more before giving up
        if (isGone(err) && (await this.reconnect().catch(() => false)) && this.camera && this.camera !== cam) {
          try {
            return await this.camera.capture();
          } catch (again) {
            err = again;
          }
        }
        this.error = messageOf(err);
        this.emit();
        if (isGone(err)) this.scheduleReconnect();
        throw toApiError(err);
      }
    });
  }

  async capture(): Promise<CameraCaptureResult> {
    const jpeg = await this.shoot();
    const meta = await sharp(jpeg).metadata();
    const swap = (meta.orientation ?? 1) >= 5;
    return {
      sha256: createHash('sha256').update(jpeg).digest('hex'),
      width: (swap ? meta.height : meta.width) ?? 0,
      height: (swap ? meta.width : meta.height) ?? 0,
      bytes: jpeg.length,
      jpegBase64: jpeg.toString('base64'),
    };
  }

  async captureForOrder(req: CaptureTarget): Promise<Res<'camera.captureForOrder'>> {
    const sink = this.captureSink;
    if (!sink) throw new ApiError('unavailable', '照片存储尚未就绪，无法为订单保存照片');
    const cam = await this.serial(() => this.ensureCamera());
    if (!cam.onShot) return sink(await this.shoot(), req);
    // the shutter is on the camera: the next shot is stored for this order before the hot folder counts it taken
    return new Promise((resolve, reject) => {
      const waiter: OrderWaiter = {
        target: req,
        resolve,
        reject,
        timer: setTimeout(() => {
          const i = this.orderWaiters.indexOf(waiter);
          if (i >= 0) this.orderWaiters.splice(i, 1);
          reject(new ApiError('unavailable', '等待拍摄超时：请在相机上（或 EOS Utility 等联机软件中）按下快门'));
        }, this.shotTimeoutMs),
      };
      this.orderWaiters.push(waiter);
    });
  }

  /**
   * The student now in front of the camera (the 拍摄 page sets it, and clears it on 下一位): a shot taken on the
   * camera goes to this order; with none it goes to 未归属.
   */
  setCurrentOrder(target: CaptureTarget | null): { orderId: string | null } {
    const changed = (this.current?.orderId ?? null) !== (target?.orderId ?? null);
    this.current = target;
    if (changed) this.emit();
    return { orderId: target?.orderId ?? null };
  }

  /**
   * A shot from the camera itself: the waiting captureForOrder, else the current order — that student's capture,
   * like the shutter: its original is stored once and its 初审 or production's refusal (with the reason) is the
   * answer. Only with nobody current, or when the order could not take the shot at all (closed order, unreadable
   * file), does it go to the 未归属 tray, with the reason.
   */
  private readonly takeShot: ShotHandler = async (shot) => {
    const waiter = this.orderWaiters.shift();
    if (waiter) clearTimeout(waiter.timer);
    const target = waiter?.target ?? this.current;
    let reason = '拍摄时没有当前学生';
    if (target && this.captureSink) {
      try {
        const res = await this.captureSink(shot.jpeg, target);
        waiter?.resolve(res);
        this.onShotStored({ outcome: 'order', orderId: target.orderId, name: shot.name, result: res });
        return { outcome: 'order', orderId: target.orderId };
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        waiter?.reject(error);
        if (storedDespite(err)) {
          // the student's capture, refused by production: never put in 未归属 as well (it would be stored twice)
          this.log(`camera: shot ${shot.name} stored for order ${target.orderId}, refused: ${error.message}`);
          this.onShotStored({
            outcome: 'order',
            orderId: target.orderId,
            name: shot.name,
            result: null,
            problem: error.message,
          });
          return { outcome: 'order', orderId: target.orderId };
        }
        // the order could not take it at all (closed, unreadable …): kept in 未归属 rather than lost
        this.log(`camera: shot ${shot.name} could not be stored for order ${target.orderId}`, err);
        if (!this.tray) throw err;
        reason = `未能存入当前学生的订单：${error.message}`;
      }
    }
    if (!this.tray) throw new Error('no 未归属 tray: the shot waits in the hot folder');
    const entry = await this.tray.add({ ...shot, reason });
    this.log(`camera: shot ${shot.name} put in 未归属 as ${entry.id} (${reason})`);
    this.onShotStored({ outcome: 'tray', orderId: null, name: shot.name, result: null, problem: reason });
    return { outcome: 'tray' };
  };

  /** A byte-identical copy of a shot already taken: not stored again, and the windows say so. */
  private readonly skipShot = (skipped: { name: string; first: string | null }): void => {
    const reason = skipped.first
      ? `${skipped.name} 与已取的 ${skipped.first} 内容完全相同，未再保存`
      : `${skipped.name} 与已取的照片内容完全相同，未再保存`;
    this.log(`camera: ${reason}`);
    this.onShotSkipped({ name: skipped.name, firstName: skipped.first, reason });
  };

  async unassigned(): Promise<UnassignedShot[]> {
    return this.tray ? this.tray.list() : [];
  }

  /** Gives a 未归属 shot to an order (its original, then the final photo and 初审); it leaves the tray once stored. */
  async assignUnassigned(id: string, target: CaptureTarget): Promise<Res<'camera.captureForOrder'>> {
    const sink = this.captureSink;
    if (!sink || !this.tray) throw new ApiError('unavailable', '照片存储尚未就绪，无法归属照片');
    // a shot production refuses is still stored as the order's original: it leaves the tray (no second copy later)
    return this.tray.assign(id, (jpeg) => sink(jpeg, target), storedDespite);
  }

  /** Sets a 未归属 shot aside with the operator's reason (moved to discarded/, never deleted). */
  async discardUnassigned(id: string, why: { reason: string; operator?: string }): Promise<{ id: string }> {
    if (!this.tray) throw new ApiError('not_found', '找不到这张未归属照片', 'id');
    await this.tray.discard(id, why);
    return { id };
  }

  async unassignedThumbnail(id: string): Promise<Buffer> {
    if (!this.tray) throw new ApiError('not_found', '找不到这张未归属照片', 'id');
    return this.tray.thumbnail(id);
  }

  settingsView(): CameraSettingsView {
    if (!this.settings) return { hotFolder: null, hotFolderFrom: 'none' };
    return this.settings.view();
  }

  /**
   * When 设置's default camera is a hot folder, start watching it now (at start-up, after camera.configure), not
   * when 拍摄 first opens live view: the first watch of a folder notes the files already there as old, so a shot
   * saved before the station looked would otherwise never be taken. Shots with no current student go to 未归属.
   */
  watchPreferredHotFolder(): Promise<void> {
    return this.serial(async () => {
      const preferred = this.preferred();
      if (this.camera || this.closed || !preferred?.startsWith('hotfolder:')) return;
      const device = (await this.list(true)).find((d) => d.id === preferred);
      if (device) await this.open(device);
    });
  }

  /**
   * 设置's default camera was changed by some client (a window's 设置, the API): the station switches to it now when it
   * is connected and not already the open camera, so every window's 拍摄 follows (open() pushes camera.status). A
   * default that is not connected leaves the open camera as it is.
   */
  followPreferred(): Promise<CameraStatus> {
    return this.serial(async () => {
      const preferred = this.preferred();
      if (this.closed || !preferred || this.camera?.device.id === preferred) return this.status();
      let device = (await this.list()).find((d) => d.id === preferred);
      if (!device) device = (await this.list(true)).find((d) => d.id === preferred);
      if (!device) return this.status();
      await this.open(device);
      this.subject++;
      return this.status();
    });
  }

  /** A new hot folder: a hot-folder camera watching the old one is closed, and the device list is read afresh. */
  configure(hotFolder: string | null): Promise<CameraSettingsView> {
    return this.serial(async () => {
      if (!this.settings) throw new ApiError('unavailable', '没有数据目录，无法保存相机设置');
      const view = this.settings.configure(hotFolder);
      const cam = this.camera;
      if (cam?.device.kind === 'hotfolder' && cam.device.port !== view.hotFolder) {
        cam.onShot?.(null);
        this.camera = null;
        this.liveRunning = false;
        await cam.close();
        this.emit();
      }
      await this.list(true);
      return view;
    }).then(async (view) => {
      await this.watchPreferredHotFolder().catch((err: unknown) => this.log('camera: hot folder not watched', err));
      return view;
    });
  }

  private emit(): void {
    this.onStatus(this.status());
  }

  /** Stops live view and waits for the analysis in flight, so the vision worker is idle when it is closed. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    if (this.idleStop) clearTimeout(this.idleStop);
    this.viewers.clear();
    for (const w of this.orderWaiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(new ApiError('unavailable', '相机已关闭'));
    }
    this.analyzer = null;
    this.pendingFrame = null;
    const cam = this.camera;
    this.camera = null;
    this.liveRunning = false;
    await cam?.close();
    await this.analysisDone;
  }
}

/** The capture sink's error for "stored as the order's original, then refused by photo production". */
export function storedDespite(err: unknown): boolean {
  return err instanceof Error && (err as { storedOriginal?: unknown }).storedOriginal != null;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function isGone(err: unknown): boolean {
  return err instanceof CameraError && (err.code === 'disconnected' || err.code === 'no_camera');
}

/** The same camera in a fresh device list: the same id, else the same kind and model (replugged on a new port). */
function findAgain(devices: CameraDevice[], was: CameraDevice): CameraDevice | undefined {
  return (
    devices.find((d) => d.id === was.id) ??
    devices.find((d) => d.kind === was.kind && (d.model ?? d.label) === (was.model ?? was.label))
  );
}

function toApiError(err: unknown): Error {
  if (err instanceof ApiError) return err;
  if (err instanceof CameraError) return new ApiError(err.code === 'busy' ? 'conflict' : 'unavailable', err.message);
  return new ApiError('unavailable', `相机操作失败：${messageOf(err)}`);
}

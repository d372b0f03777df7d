import type { CameraDevice } from '../../shared/contract/camera';

export type { CameraDevice, CameraKind } from '../../shared/contract/camera';

/**
 * One live-view frame and when it arrived from the camera (ms since the epoch, taken as its last byte came in):
 * live analysis and the latency figures measure from here, not from when a slow listener got to it.
 */
export type FrameListener = (jpeg: Buffer, at: number) => void;

/** A shot nobody asked for (the shutter on the camera); resolves once it is stored, saying where. */
export type ShotHandler = (shot: {
  jpeg: Buffer;
  name: string;
  sha256: string;
  source: string;
}) => Promise<{ outcome: 'order' | 'tray'; orderId?: string }>;

/** One opened camera. Live view delivers JPEG frames; capture returns one full-resolution JPEG. */
export interface Camera {
  readonly device: CameraDevice;
  /** Start delivering frames at about `fps` (the newest frame wins; slow listeners never queue frames). */
  startLive(onFrame: FrameListener, opts: { fps: number; onError: (err: Error) => void }): Promise<void>;
  stopLive(): Promise<void>;
  /** A full-resolution JPEG. Cameras that share one USB channel pause live view while capturing. */
  capture(): Promise<Buffer>;
  /** Replay only: switch to the next sample (the next student). */
  next?(): Promise<void>;
  /**
   * Cameras whose shutter is on the camera (hot folder): start taking shots now, and hand those no capture() waits
   * for to `handler`.
   */
  watch?(): Promise<void>;
  onShot?(handler: ShotHandler | null): void;
  /** Hot folder: a file not taken because it is a byte-identical copy of one already taken (`first`, its name). */
  onSkipped?(handler: ((skipped: { name: string; first: string | null }) => void) | null): void;
  close(): Promise<void>;
}

/** Finds devices of one kind and opens them. */
export interface CameraDriver {
  readonly kind: CameraDevice['kind'];
  list(): Promise<CameraDevice[]>;
  open(device: CameraDevice): Camera;
  /** Why list() found nothing, in Chinese (not installed, nothing plugged in, not configured …). */
  whyNone?(): Promise<string>;
}

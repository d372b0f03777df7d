import { z } from 'zod';
import { Empty } from './app';
import { visionContract } from './vision';
import { capturesContract } from './captures';
import { Id, Operator, ProfileId } from './fields';

// Camera: tethered DSLR (gphoto2), V4L2 webcam (fswebcam/ffmpeg), the hot folder a tethering software (EOS Utility,
// digiCamControl …) saves shots into, or the built-in replay of sample photos.
// Live view itself is not a method: it is the MJPEG stream GET /camera/live.mjpeg (web host and app://).

export const CameraKind = z.enum(['dslr', 'webcam', 'hotfolder', 'replay']);
export type CameraKind = z.infer<typeof CameraKind>;

export const CameraDevice = z.object({
  /** Stable within one run: `<kind>:<port or path>`. */
  id: z.string(),
  kind: CameraKind,
  label: z.string(),
  /** gphoto2 port (usb:002,004), V4L2 device path, the hot folder, or the replay sample folder. */
  port: z.string(),
  /** gphoto2 camera model, when known. */
  model: z.string().optional(),
});
export type CameraDevice = z.infer<typeof CameraDevice>;

export const CameraStatus = z.object({
  selected: CameraDevice.nullable(),
  live: z.boolean(),
  /** Target frame rate of live view. */
  fps: z.number(),
  /** Frames delivered since live view started. */
  frames: z.number().int(),
  /** Last camera error, in Chinese, or null. */
  error: z.string().nullable(),
  /** Replay: which sample is showing, e.g. "2/5". */
  sample: z.string().nullable(),
  /** The student in front of the camera (camera.setCurrentOrder): where a shot taken on the camera goes; null = 未归属. */
  currentOrderId: z.string().nullable(),
});
export type CameraStatus = z.infer<typeof CameraStatus>;

export const CameraCaptureResult = z.object({
  sha256: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  /** The full-resolution JPEG, base64. */
  jpegBase64: z.string(),
});
export type CameraCaptureResult = z.infer<typeof CameraCaptureResult>;

export const UnassignedShot = z.object({
  id: z.string(),
  /** The file name the tethering software gave it. */
  name: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
  /** ISO time (UTC); shown in China time. */
  arrivedAt: z.string(),
  /** The hot folder it came from. */
  source: z.string(),
  /** Why it waits here (nobody was current, or the current student's order could not take it); absent on old shots. */
  reason: z.string().optional(),
});
export type UnassignedShot = z.infer<typeof UnassignedShot>;

/** The camera's own 设置 (like receipts and the backdrop, kept by the module that uses them). */
export const CameraSettingsView = z.object({
  /** The folder the tethering software (EOS Utility, digiCamControl, NX Tether …) saves shots into; null = none. */
  hotFolder: z.string().nullable(),
  /** Where the folder came from: 设置, the STUDIO_HOT_FOLDER environment variable, or nowhere. */
  hotFolderFrom: z.enum(['settings', 'env', 'none']),
});
export type CameraSettingsView = z.infer<typeof CameraSettingsView>;

/** Pushed when a shot taken on the camera itself (hot folder) has been stored: for an order, or in 未归属. */
export const CameraShot = z.object({
  outcome: z.enum(['order', 'tray']),
  orderId: z.string().nullable(),
  /** The file name the tethering software gave it. */
  name: z.string(),
  /** What was stored for the order (original, final photo and 初审); null for 未归属 and for a refused shot. */
  result: capturesContract['photos.capture'].response.nullable(),
  /**
   * outcome order: stored as the order's original but photo production refused it (the reason, e.g. 双肩未完整入镜);
   * outcome tray: why it went to 未归属. Absent when neither applies.
   */
  problem: z.string().optional(),
});
export type CameraShot = z.infer<typeof CameraShot>;

/** Pushed when a hot-folder file is not taken because it is a byte-identical copy of a shot already taken. */
export const CameraShotSkipped = z.object({
  name: z.string(),
  /** The file name the first copy had (when the journal knows it). */
  firstName: z.string().nullable(),
  reason: z.string(),
});
export type CameraShotSkipped = z.infer<typeof CameraShotSkipped>;

export const cameraContract = {
  'camera.list': {
    request: z.strictObject({ refresh: z.boolean().optional() }),
    response: z.object({ devices: z.array(CameraDevice), status: CameraStatus }),
  },
  'camera.select': {
    request: z.strictObject({ id: z.string({ error: '请选择相机' }).min(1, '请选择相机').max(300) }),
    response: CameraStatus,
  },
  'camera.status': { request: Empty, response: CameraStatus },
  'camera.start': {
    request: z.strictObject({
      fps: z.number({ error: '帧率须为数字' }).min(1, '帧率至少 1').max(60, '帧率最多 60').optional(),
    }),
    response: CameraStatus,
  },
  'camera.stop': { request: Empty, response: CameraStatus },
  /** A still, returned to the caller (tests, tools). The station's shutter uses camera.captureForOrder. */
  'camera.capture': { request: Empty, response: CameraCaptureResult },
  /**
   * Shutter for the student in front of the camera: the full-resolution capture goes straight from the camera
   * into the order's photo versions (original first, then the final photo and its 初审) without passing
   * through the window, so a 24 MP DSLR file never travels as base64.
   */
  'camera.captureForOrder': {
    request: z.strictObject({
      orderId: Id,
      operator: Operator,
      profileId: ProfileId,
    }),
    response: capturesContract['photos.capture'].response,
  },
  'camera.next': { request: Empty, response: CameraStatus },
  /**
   * The student in front of the camera (拍摄 sets it, 下一位 clears it with orderId null): a shot taken on the camera
   * itself (hot folder) is stored for this order; with none it goes to 未归属.
   */
  'camera.setCurrentOrder': {
    request: z.strictObject({ orderId: Id.nullable(), operator: Operator.optional(), profileId: ProfileId }),
    response: z.object({ orderId: z.string().nullable() }),
  },
  /** 未归属: shots that came in with no current order, oldest first. */
  'camera.unassigned': { request: Empty, response: z.object({ shots: z.array(UnassignedShot) }) },
  /** Gives a 未归属 shot to an order, as if it had been taken for it (original, final photo, 初审). */
  'camera.assignUnassigned': {
    request: z.strictObject({ id: z.string().min(1).max(64), orderId: Id, operator: Operator, profileId: ProfileId }),
    response: capturesContract['photos.capture'].response,
  },
  /** Sets a 未归属 shot aside (moved to the tray's discarded/ folder, not deleted). */
  'camera.discardUnassigned': {
    request: z.strictObject({
      id: z.string().min(1).max(64),
      reason: z.string({ error: '请填写丢弃原因' }).trim().min(1, '请填写丢弃原因').max(200, '丢弃原因最多 200 字'),
      operator: Operator.optional(),
    }),
    response: z.object({ id: z.string() }),
  },
  /** A small JPEG of a 未归属 shot (about 240 px high) for the tray. */
  'camera.unassignedThumbnail': {
    request: z.strictObject({ id: z.string().min(1).max(64) }),
    response: z.object({ jpegBase64: z.string() }),
  },
  'camera.settings': { request: Empty, response: CameraSettingsView },
  /** Sets the hot folder (an existing folder; null = none). Kept in the station database: survives restarts. */
  'camera.configure': {
    request: z.strictObject({
      hotFolder: z.string({ error: '请填写热文件夹路径' }).trim().max(1000, '路径过长').nullable(),
    }),
    response: CameraSettingsView,
  },
} as const;

/** Live checks on the station camera's frames (the vision pipeline run main-side), newest first. */
export const FrameAnalysis = visionContract['vision.analyzeFrame'].response;
export type FrameAnalysis = z.infer<typeof FrameAnalysis>;

export const cameraPush = {
  'camera.status': CameraStatus,
  'camera.analysis': FrameAnalysis,
  'camera.shot': CameraShot,
  'camera.shotSkipped': CameraShotSkipped,
} as const;

import path from 'node:path';
import type { PushBus } from '../kernel/push-bus';
import type { CameraDriver } from './camera';
import { CameraService, type CaptureSink, type FrameAnalyzer } from './camera-service';
import { CameraSettings, type CameraSettingsStore } from './camera-settings';
import { FsWebcamDriver } from './fswebcam-camera';
import { Gphoto2Driver } from './gphoto2-camera';
import { HotFolderDriver } from './hot-folder-camera';
import { ReplayDriver } from './replay-camera';
import { findSampleDir } from './replay-samples';
import { UnassignedTray } from './unassigned-tray';
import { WebcamStillsDriver } from './webcam-stills';

export interface CameraServiceEnvironment {
  bus: PushBus;
  log: (msg: string, err?: unknown) => void;
  /** The process environment (STUDIO_CAMERA, STUDIO_REPLAY_DIR, STUDIO_HOT_FOLDER …), given like the documents get theirs. */
  env: NodeJS.ProcessEnv;
  captureSink: CaptureSink;
  analyzer: FrameAnalyzer;
  preferredDevice?: () => string | null;
  /** The data folder: the hot folder's journal and the 未归属 tray live under camera/ in it. */
  dataDir?: string;
  /** The station's settings table: the camera's own 设置 (hot folder) are kept there. */
  settingsStore?: CameraSettingsStore | null;
}

/** Every driver the station knows, in the selection rule's order of kinds (the CLI lists these too). */
export function cameraDrivers(opts: {
  env: NodeJS.ProcessEnv;
  dataDir?: string;
  hotFolder?: () => string | null;
  log?: (msg: string, err?: unknown) => void;
}): CameraDriver[] {
  const replay = new ReplayDriver(findSampleDir(opts.env));
  if (opts.env.STUDIO_CAMERA === 'replay') return [replay];
  const folder = () => opts.hotFolder?.() ?? (opts.env.STUDIO_HOT_FOLDER || null);
  const state = opts.dataDir ? { stateDir: path.join(opts.dataDir, 'camera'), log: opts.log } : null;
  return [new Gphoto2Driver(), new HotFolderDriver(folder, state), webcamDriver(opts.env), replay];
}

/**
 * Webcam stills: fswebcam on Linux; imagesnap on macOS and CommandCam on Windows (node-webcam's tools).
 * STUDIO_WEBCAM_TOOL=fswebcam|imagesnap|commandcam picks one on any system (tests, a stand-in executable).
 */
function webcamDriver(env: NodeJS.ProcessEnv): CameraDriver {
  const tool = env.STUDIO_WEBCAM_TOOL;
  if (tool === 'imagesnap' || tool === 'commandcam') return new WebcamStillsDriver({ tool });
  if (tool === 'fswebcam' || process.platform === 'linux') return new FsWebcamDriver();
  return new WebcamStillsDriver();
}

/**
 * The station camera with every driver. STUDIO_CAMERA=replay keeps tests and demos on the sample photos even
 * on a machine with a webcam attached.
 */
export function createCameraService(opts: CameraServiceEnvironment): CameraService {
  const settings = new CameraSettings(opts.settingsStore ?? null, opts.env);
  const service = new CameraService({
    drivers: cameraDrivers({ ...opts, hotFolder: () => settings.hotFolder() }),
    settings,
    onShotStored: (shot) => opts.bus.emit({ name: 'camera.shot', data: shot }),
    onShotSkipped: (skipped) => opts.bus.emit({ name: 'camera.shotSkipped', data: skipped }),
    onStatus: (status) => opts.bus.emit({ name: 'camera.status', data: status }),
    log: opts.log,
    captureSink: opts.captureSink,
    analyzer: opts.analyzer,
    preferredDevice: opts.preferredDevice,
    tray: opts.dataDir ? new UnassignedTray(path.join(opts.dataDir, 'camera', 'unassigned')) : null,
  });
  // a hot folder chosen as the default camera is watched from start-up (no shot saved before 拍摄 opens is missed)
  void service.watchPreferredHotFolder().catch((err: unknown) => opts.log('camera: hot folder not watched', err));
  return service;
}

import type { PushBus } from '../kernel/push-bus';
import { CameraService, type CaptureSink, type FrameAnalyzer } from './camera-service';
import { FsWebcamDriver } from './fswebcam-camera';
import { Gphoto2Driver } from './gphoto2-camera';
import { ReplayDriver } from './replay-camera';
import { findSampleDir } from './replay-samples';

export interface CameraServiceEnvironment {
  bus: PushBus;
  log: (msg: string, err?: unknown) => void;
  /** The process environment (STUDIO_CAMERA, STUDIO_REPLAY_DIR …), given like the documents get theirs. */
  env: NodeJS.ProcessEnv;
  captureSink: CaptureSink;
  analyzer: FrameAnalyzer;
  preferredDevice?: () => string | null;
}

/**
 * The station camera with every driver. STUDIO_CAMERA=replay keeps tests and demos on the sample photos even
 * on a machine with a webcam attached.
 */
export function createCameraService(opts: CameraServiceEnvironment): CameraService {
  const replayOnly = opts.env.STUDIO_CAMERA === 'replay';
  const replay = new ReplayDriver(findSampleDir(opts.env));
  const drivers = replayOnly ? [replay] : [new Gphoto2Driver(), new FsWebcamDriver(), replay];
  return new CameraService({
    drivers,
    onStatus: (status) => opts.bus.emit({ name: 'camera.status', data: status }),
    log: opts.log,
    captureSink: opts.captureSink,
    analyzer: opts.analyzer,
    preferredDevice: opts.preferredDevice,
  });
}

import type { PushBus } from '../core/push-bus';
import { CameraService } from './camera-service';
import { FsWebcamDriver } from './fswebcam-camera';
import { Gphoto2Driver } from './gphoto2-camera';
import { ReplayDriver } from './replay-camera';

/**
 * The station camera with every driver. STUDIO_CAMERA=replay keeps tests and demos on the sample photos even
 * on a machine with a webcam attached.
 */
export function createCameraService(bus: PushBus, log: (msg: string, err?: unknown) => void): CameraService {
  const replayOnly = process.env.STUDIO_CAMERA === 'replay';
  const drivers = replayOnly ? [new ReplayDriver()] : [new Gphoto2Driver(), new FsWebcamDriver(), new ReplayDriver()];
  return new CameraService(drivers, (status) => bus.emit({ name: 'camera.status', data: status }), log);
}

import type { HandlerGroup } from '../kernel/handlers';
import type { CameraService } from './camera-service';

export function cameraHandlers(
  camera: CameraService,
): HandlerGroup<
  | 'camera.list'
  | 'camera.select'
  | 'camera.status'
  | 'camera.start'
  | 'camera.stop'
  | 'camera.capture'
  | 'camera.captureForOrder'
  | 'camera.next'
> {
  return {
    'camera.list': async (req) => ({ devices: await camera.list(req.refresh ?? false), status: camera.status() }),
    'camera.select': (req) => camera.select(req.id),
    'camera.status': () => camera.status(),
    'camera.start': (req) => camera.start(req.fps),
    'camera.stop': () => camera.stop(),
    'camera.capture': () => camera.capture(),
    'camera.captureForOrder': (req) => camera.captureForOrder(req),
    'camera.next': () => camera.next(),
  };
}

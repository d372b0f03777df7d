import { ApiError } from '../../shared/api-error';
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
  | 'camera.setCurrentOrder'
  | 'camera.unassigned'
  | 'camera.assignUnassigned'
  | 'camera.discardUnassigned'
  | 'camera.unassignedThumbnail'
  | 'camera.settings'
  | 'camera.configure'
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
    'camera.setCurrentOrder': (req) => {
      if (req.orderId === null) return camera.setCurrentOrder(null);
      if (!req.operator) throw new ApiError('invalid_request', '设置当前订单时须填写操作员', 'operator');
      return camera.setCurrentOrder({ orderId: req.orderId, operator: req.operator, profileId: req.profileId });
    },
    'camera.unassigned': async () => ({ shots: await camera.unassigned() }),
    'camera.assignUnassigned': (req) => camera.assignUnassigned(req.id, req),
    'camera.discardUnassigned': (req) => camera.discardUnassigned(req.id, req),
    'camera.unassignedThumbnail': async (req) => ({
      jpegBase64: (await camera.unassignedThumbnail(req.id)).toString('base64'),
    }),
    'camera.settings': () => camera.settingsView(),
    'camera.configure': (req) => camera.configure(req.hotFolder),
  };
}

import type { HandlerGroup } from '../kernel/handlers';
import { decodeBase64 } from '../kernel/request-fields';
import type { CaptureService } from './capture-service';
import { toPhotoView } from './photo-repo';

export function captureHandlers(
  capture: CaptureService,
): HandlerGroup<'photos.capture' | 'photos.addFinal' | 'photos.list' | 'photos.health'> {
  return {
    'photos.capture': (req) =>
      capture.capture(req.orderId, decodeBase64(req.imageBase64, 'imageBase64'), req.profileId, req.operator),
    'photos.addFinal': (req) =>
      capture.addFinal({
        orderId: req.orderId,
        sourcePhotoId: req.sourcePhotoId,
        jpeg: decodeBase64(req.imageBase64, 'imageBase64'),
        profileId: req.profileId,
        precheck: req.precheck,
        checks: req.checks,
        operator: req.operator,
      }),
    'photos.list': (req) => ({ photos: capture.repo.listByOrder(req.orderId).map(toPhotoView) }),
    'photos.health': () => ({ orphans: capture.repo.orphans(), missing: capture.repo.missing() }),
  };
}

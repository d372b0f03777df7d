import type { Dispatch } from '../core/dispatch';
import type { PushBus } from '../core/push-bus';
import type { CameraService } from './camera-service';
import type { FrameAnalysis } from '../../shared/contract/camera';

/**
 * Run the vision module's live pipeline on the station camera's own frames (main-side, no round trip through
 * the UI) and push each result as `camera.analysis`. The camera service hands over only the newest frame, and
 * vision.analyzeFrame itself drops frames that wait, so a slow analysis never builds a queue.
 */
export function connectLiveAnalysis(camera: CameraService, dispatch: Dispatch, bus: PushBus): void {
  let subject = camera.subjectVersion;
  camera.setFrameAnalyzer(async (jpeg) => {
    const newSubject = camera.subjectVersion !== subject;
    subject = camera.subjectVersion;
    const r = (await dispatch(
      'vision.analyzeFrame',
      { image: jpeg.toString('base64'), ...(newSubject ? { newSubject: true } : {}) },
      { transport: 'cli' },
    )) as FrameAnalysis;
    if (!r.dropped) bus.emit({ name: 'camera.analysis', data: r });
  });
}

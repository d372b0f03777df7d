import type { PushBus } from '../kernel/push-bus';
import type { FrameAnalysis } from '../../shared/contract/camera';
import type { FrameAnalyzer } from './camera-service';

/** What the live analysis needs from the vision module (its LiveFrames satisfies it). */
export interface LiveFramePort {
  analyze(frame: Uint8Array, opts?: { newSubject?: boolean }): Promise<FrameAnalysis>;
}

/**
 * Run the vision module's live pipeline on the station camera's own frames, in-process (the JPEG bytes go
 * straight to the vision service, no round trip through the API), and push each result as `camera.analysis`.
 * The camera service hands over only the newest frame, and the pipeline itself drops frames that wait, so a
 * slow analysis never builds a queue.
 */
export function liveAnalysis(frames: LiveFramePort, bus: PushBus): FrameAnalyzer {
  let subject = 0; // the camera's subject version when it starts
  return async (jpeg, subjectVersion) => {
    const newSubject = subjectVersion !== subject;
    subject = subjectVersion;
    const r = await frames.analyze(jpeg, newSubject ? { newSubject: true } : {});
    if (!r.dropped) bus.emit({ name: 'camera.analysis', data: r });
  };
}

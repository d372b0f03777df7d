// The station camera (issue 4): device selection, live view, captures, replay samples.
// The folder's public face: other folders (and core/) import from here.
export { cameraHandlers } from './camera-handlers';
export { CameraService } from './camera-service';
export { createCameraService } from './create-camera-service';
export { liveAnalysis } from './live-analysis';
export { LIVE_STREAM_PATH, liveStreamResponse, serveLiveStream } from './live-stream';
export { findSampleDir, listSamples } from './replay-samples';
export { CameraError } from './camera-error';
export { cameraDrivers } from './create-camera-service';
export { findSource, surveyCameras, type CameraSourceLine } from './camera-survey';
export { HotFolderWatcher } from './hot-folder';

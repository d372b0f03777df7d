// Stored photo versions (issue 5): content-addressed files, photo rows, captures, the startup scan, /media.
// The folder's public face: other folders (and core/) import from here.
export { captureHandlers } from './capture-handlers';
export { CaptureService } from './capture-service';
export { isMediaPath, mediaResponse, serveMedia } from './media';
export type { CaptureFaceHook, FaceCheckResult } from './face-hook';
export type { PhotoProducer } from './photo-producer';
export { PhotoRepo, toPhotoView, type PhotoRow } from './photo-repo';
export { scanPhotos, type ScanReport } from './photo-scan';
export { PhotoStore } from './photo-store';

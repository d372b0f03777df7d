// Face consistency of captures (issue 13): embeddings kept per original photo (local only, never synced or
// exported) and the check before a capture is bound. The folder's public face.
export { FaceService, type FaceCheck, type FaceEmbedder } from './face-service';
export { FaceRepo } from './face-repo';

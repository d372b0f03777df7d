// What the vision pipeline knows about one frame or photo. Coordinates are pixels of the analysed image
// (origin top-left). Producers: src/main/vision; consumers: checks (src/shared/checks), photo production,
// the live view overlay. Extend by adding fields; never rename or change the meaning of one.

export interface Point {
  x: number;
  y: number;
}

export interface Point3 extends Point {
  z: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** BlazeFace detection: 6 keypoints in BlazeFace order (right eye, left eye, nose tip, mouth, right ear tragion, left ear tragion) — "right" is the subject's right, i.e. image left. */
export interface FaceDetection {
  box: Box;
  score: number;
  keypoints: Point[];
  /**
   * FaceMesh face presence (0–1) on this detection's crop: set on the tiled search's faces (stage 'crowd'), where a
   * small BlazeFace hit may be hair or texture (portrait-05's bun read 0.66 as a face, its mesh presence 0.001;
   * every real face of the portraits and dev photos reads ≥ 0.99).
   */
  presence?: number;
}

/** MediaPipe FaceMesh: 468 landmarks in image pixels (z relative, same scale as x). */
export interface FaceLandmarks {
  points: Point3[];
  score: number;
}

/** Degrees. yaw > 0: subject turned to their left (image right); pitch > 0: chin up; roll > 0: head tilted clockwise in the image. */
export interface HeadPose {
  yaw: number;
  pitch: number;
  roll: number;
}

/**
 * MediaPipe Iris on one eye, in image pixels. `lowerLid` runs corner to corner (9 points), `upperLid` over the
 * same span (7 points, without the corners), in matching order, so upperLid[k] is above lowerLid[k + 1].
 */
export interface EyeLandmarks {
  /** 'right' = the subject's right eye (image left). */
  side: 'right' | 'left';
  lowerLid: Point[];
  upperLid: Point[];
  irisCenter: Point;
  /** Iris radius, px. */
  irisRadius: number;
}

export type BodyKeypointName =
  | 'nose'
  | 'left_eye'
  | 'right_eye'
  | 'left_ear'
  | 'right_ear'
  | 'left_shoulder'
  | 'right_shoulder'
  | 'left_elbow'
  | 'right_elbow'
  | 'left_wrist'
  | 'right_wrist'
  | 'left_hip'
  | 'right_hip'
  | 'left_knee'
  | 'right_knee'
  | 'left_ankle'
  | 'right_ankle';

/** MoveNet keypoint ("left" = subject's left). */
export interface BodyKeypoint extends Point {
  name: BodyKeypointName;
  score: number;
}

/** Person probability 0..255 at mask resolution (not necessarily the image resolution). */
export interface PersonMask {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Face identity embedding of the main face (unit length; compare two with the dot product). Biometric data: kept
 * only in the station's local database, never exported or synced.
 */
export interface FaceEmbedding {
  /** Which network produced it (vectors of different models are not comparable). */
  model: string;
  vector: number[];
}

/**
 * Face parsing of the main face (stage 'parsing', only when asked for: 初审 and the evaluation): BiSeNet V2 on
 * CelebAMask-HQ (models/faceparse.onnx) over a level head crop cut from the landmarks
 * (src/shared/checks/face-parsing.ts). Shares are of the crop's pixels, so they do not depend on the photo's size.
 */
export interface FaceParsing {
  model: string;
  /** Mean hat probability over the crop (soft share): bare heads ≤ 0.07, caps, hard hats, a head band ≥ 0.10. */
  hat: number;
  /** Mean hair probability over the crop. */
  hair: number;
  /** Share of the crop's pixels whose most likely class is earring / necklace. */
  earringArea: number;
  necklaceArea: number;
  /** Highest earring / necklace probability of any pixel. */
  earringMax: number;
  necklaceMax: number;
  /**
   * Share of the crop's pixels whose most likely class is 'mouth' (the inner mouth: teeth, tongue, the dark gap) /
   * upper or lower lip. The crop's side is 2.3 × the landmarks' width, so a share is an area over face width².
   * Optional: summaries from before 2026-12-02 lack them (mouth.closed then ignores the parsing).
   */
  mouthArea?: number;
  lipArea?: number;
}

export interface Analysis {
  width: number;
  height: number;
  faces: FaceDetection[];
  /**
   * Faces the zoomed tiled search found (stage 'crowd'; small faces behind the sitter, and the sitter again:
   * face.count matches them against `faces`), when that stage ran. May be a few frames older than `faces` live.
   */
  tiledFaces?: FaceDetection[];
  /** Landmarks of the main (largest) face, when one was found. */
  landmarks: FaceLandmarks | null;
  pose: HeadPose | null;
  /** Eye contours and irises of the main face (right eye first), when the iris model is loaded. */
  eyes?: EyeLandmarks[] | null;
  /** Identity embedding of the main face (stage 'embedding', only when asked for and landmarks were found). */
  embedding?: FaceEmbedding | null;
  /** Face parsing of the main face (stage 'parsing', only when asked for and landmarks were found). */
  parsing?: FaceParsing | null;
  body: BodyKeypoint[];
  mask: PersonMask | null;
  /** Milliseconds per stage, for the benchmark and the live view. */
  timings: Record<string, number>;
  /** Frame numbers the staggered stages' results come from (live use: how stale each part is). */
  frameOf?: Partial<Record<'faces' | 'crowd' | 'landmarks' | 'body' | 'mask', number>>;
}

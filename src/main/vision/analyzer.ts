import { OTHER_FACE_MIN_PRESENCE, otherFaces } from '../../shared/checks/face-checks';
import type { Analysis, FaceDetection } from '../../shared/vision/analysis';
import type { RawImage } from '../../shared/image/raw-image';
import {
  BLAZEFACE_SIZE,
  blazefaceAnchors,
  decodeBlazeface,
  mergeTileDetections,
  tileGrid,
  toImageDetection,
  weightedNms,
} from './blazeface';
import { embeddingCropMap, EMBEDDING_INPUT, EMBEDDING_SIZE, toEmbedding } from './face-embedding';
import { FACEMESH_SIZE, landmarksToImage, meshCropFromDetection } from './facemesh';
import { headPoseFromLandmarks } from './head-pose';
import { carryEyes, decodeEye, eyeCrops, eyeMeshPoints, IRIS_OUTPUT_PER_EYE, IRIS_SIZE, type EyesFrom } from './iris';
import { maskFromProbabilities } from './mask';
import type { ModelSet, OutputTensor } from './model-files';
import { decodeMovenet, MOVENET_SIZE } from './movenet';
import { letterbox, sampleTensor, stretch, type Affine } from './sampler';

/**
 * 'crowd': the zoomed second-face search over tiles of the frame (otherFaces). 'embedding': the face identity
 * embedding on the aligned face (needs landmarks; only when asked for, not in ALL_STAGES nor in the live view).
 */
export type LiveStage = 'faces' | 'crowd' | 'landmarks' | 'body' | 'mask';
export type Stage = LiveStage | 'embedding';
export const ALL_STAGES: readonly Stage[] = ['faces', 'crowd', 'landmarks', 'body', 'mask'];

export interface AnalyzeOptions extends AnalyzeHints {
  /** Stages to run (default all whose model is loaded). Landmarks need faces. */
  stages?: readonly Stage[];
  /** Frame number recorded in `frameOf` for live use. */
  frame?: number;
}

/** What the live view tells a worker about the frames around this one (plain data: sent in the request). */
export interface AnalyzeHints {
  /**
   * Live frames: when this worker's previous live frame ran Iris (at most EYES_REUSE_MAX_FRAMES camera frames
   * back), its eye contours are carried forward if the mesh shows the eyes unchanged (carryEyes) and Iris does not
   * run (no 'eyes' timing then); so Iris runs on every other analysed live frame at least. Other requests neither
   * use nor change this.
   */
  eyesCarry?: boolean;
  /**
   * Live, a detached tiled search ('crowd' without 'faces'): the whole-frame faces of the same frame (from the
   * fast worker), so the sitter's own tiled face is not sent to FaceMesh for confirmation.
   */
  knownFaces?: FaceDetection[];
  /**
   * Warm-up only (warmUpVision, on a synthetic frame with no real face): when no face is found, a stand-in face at
   * the frame's centre is returned as found and the landmark stage runs on it, keeping its mesh whatever FaceMesh's
   * presence reads, so FaceMesh, Iris, their code and the checks' face paths run once before the first live frame.
   * Never set for real frames.
   */
  warmUp?: boolean;
}

/** Minimum BlazeFace score for a face to count (eval: portraits score ≥ 0.9, background clutter < 0.5). */
export const FACE_MIN_SCORE = 0.6;
/** FaceMesh face-presence probability below which the landmarks are discarded. */
export const MESH_MIN_SCORE = 0.5;
export const SELFIE_SIZE = 256;

const byElements = (outs: OutputTensor[], n: number) => outs.find((o) => o.data.length === n);

export interface Analyzer {
  analyze(img: RawImage, opts?: AnalyzeOptions): Promise<Analysis>;
}

export function createAnalyzer(models: ModelSet): Analyzer {
  const anchors = blazefaceAnchors();
  const buffers = {
    blazeface: new Float32Array(BLAZEFACE_SIZE * BLAZEFACE_SIZE * 3),
    facemesh: new Float32Array(FACEMESH_SIZE * FACEMESH_SIZE * 3),
    movenet: new Float32Array(MOVENET_SIZE * MOVENET_SIZE * 3),
    selfie: new Float32Array(SELFIE_SIZE * SELFIE_SIZE * 3),
    iris: new Float32Array(2 * IRIS_SIZE * IRIS_SIZE * 3),
    faceid: new Float32Array(EMBEDDING_SIZE * EMBEDDING_SIZE * 3),
  };
  // The last live frame Iris ran on (eyesCarry requests only), null after a carried frame.
  let lastIris: EyesFrom | null = null;

  async function detectFaces(img: RawImage, map: Affine): Promise<FaceDetection[]> {
    // BlazeFace expects RGB in [-1, 1].
    sampleTensor(img, map, { width: 128, height: 128, scale: 2 / 255, offset: -1, pad: 0 }, buffers.blazeface);
    const outs = await models.blazeface!.run(buffers.blazeface);
    // Outputs: scores 16×16×2, scores 8×8×6, regressors 512×16, regressors 384×16 (identified by size).
    const s1 = byElements(outs, 512)!.data;
    const s2 = byElements(outs, 384)!.data;
    const b1 = byElements(outs, 512 * 16)!.data;
    const b2 = byElements(outs, 384 * 16)!.data;
    const scores = new Float32Array(896);
    scores.set(s1, 0);
    scores.set(s2, 512);
    const boxes = new Float32Array(896 * 16);
    boxes.set(b1, 0);
    boxes.set(b2, 512 * 16);
    const dets = weightedNms(decodeBlazeface(scores, boxes, anchors, FACE_MIN_SCORE));
    return dets
      .map((d) => toImageDetection(d, map))
      .sort((p, q) => q.box.width * q.box.height - p.box.width * p.box.height);
  }

  /** FaceMesh's face-presence probability on the crop it would take for this detection. */
  async function meshPresence(img: RawImage, face: FaceDetection): Promise<number> {
    const crop = meshCropFromDetection(face);
    sampleTensor(img, crop.map, { width: 192, height: 192, scale: 1 / 255, offset: 0, pad: 0 }, buffers.facemesh);
    const outs = await models.facemesh!.run(buffers.facemesh);
    return Math.min(1, Math.max(0, byElements(outs, 1)!.data[0]!));
  }

  return {
    async analyze(img, opts = {}) {
      const want = new Set(opts.stages ?? ALL_STAGES);
      const frame = opts.frame ?? 0;
      const result: Analysis = {
        width: img.width,
        height: img.height,
        faces: [],
        landmarks: null,
        pose: null,
        body: [],
        mask: null,
        timings: {},
        frameOf: {},
      };
      const time = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
        const t0 = performance.now();
        const r = await fn();
        result.timings[name] = performance.now() - t0;
        return r;
      };
      if (want.has('faces') && models.blazeface) {
        result.faces = await time('faces', () =>
          detectFaces(img, letterbox(img.width, img.height, BLAZEFACE_SIZE, BLAZEFACE_SIZE)),
        );
        // warm-up: the stand-in face counts as found, so the checks after it take a face's paths, not "no face"
        if (opts.warmUp && result.faces.length === 0) result.faces = [standInFace(img)];
        result.frameOf!.faces = frame;
      }
      // A second face anywhere, however small (a student waiting behind): the same detector on overlapping tiles,
      // each seen ~2–3× larger than in the whole frame.
      // A small hit there may be hair or texture (portrait-05's bun on its final): FaceMesh's face presence on
      // each tiled face that is not one of this call's whole-frame faces confirms it (face.count reads `presence`).
      if (want.has('crowd') && models.blazeface) {
        result.tiledFaces = await time('crowd', async () => {
          const found = [];
          for (const t of tileGrid(img.width, img.height))
            found.push({ tile: t, faces: await detectFaces(img, t.map) });
          const merged = mergeTileDetections(found, img);
          if (!models.facemesh) return merged;
          const known = want.has('faces') ? result.faces : (opts.knownFaces ?? []);
          const others = new Set(otherFaces({ faces: known, tiledFaces: merged }, 0));
          for (const f of merged) if (others.has(f)) f.presence = await meshPresence(img, f);
          return merged;
        });
        result.frameOf!.crowd = frame;
      }
      // The sitter's face for the landmarks: the whole-frame detection, or — when that found none (a face under
      // ~15 % of the frame, or looking down under a hard hat) — the largest face of the tiled search FaceMesh
      // confirmed (the one face.count counts).
      const main =
        result.faces[0] ??
        [...(result.tiledFaces ?? [])]
          .filter((f) => (f.presence ?? 1) >= OTHER_FACE_MIN_PRESENCE)
          .sort((p, q) => q.box.width * q.box.height - p.box.width * p.box.height)[0] ??
        (opts.warmUp ? standInFace(img) : undefined);
      if (want.has('landmarks') && models.facemesh && main) {
        await time('landmarks', async () => {
          const crop = meshCropFromDetection(main);
          sampleTensor(img, crop.map, { width: 192, height: 192, scale: 1 / 255, offset: 0, pad: 0 }, buffers.facemesh);
          const outs = await models.facemesh!.run(buffers.facemesh);
          const mesh = byElements(outs, 1404)!.data;
          // The face-presence output is already a probability (a frontal face reads 1.0).
          const flag = Math.min(1, Math.max(0, byElements(outs, 1)!.data[0]!));
          if (flag >= MESH_MIN_SCORE || opts.warmUp) {
            result.landmarks = landmarksToImage(mesh, crop, flag);
            result.pose = headPoseFromLandmarks(result.landmarks);
          }
        });
        result.frameOf!.landmarks = frame;
      }
      // Eyes (MediaPipe Iris) with the landmarks they are cropped from: both eyes in one batch of two.
      const live = opts.eyesCarry === true && want.has('landmarks');
      const carried = live && result.landmarks ? carryEyes(lastIris ?? undefined, frame, result.landmarks) : null;
      if (live) lastIris = null;
      if (want.has('landmarks') && models.iris && carried) result.eyes = carried;
      else if (want.has('landmarks') && models.iris && result.landmarks) {
        const mesh = result.landmarks;
        result.eyes = await time('eyes', async () => {
          const crops = eyeCrops(mesh);
          const n = IRIS_SIZE * IRIS_SIZE * 3;
          crops.forEach((c, k) =>
            sampleTensor(
              img,
              c.map,
              { width: IRIS_SIZE, height: IRIS_SIZE, scale: 1 / 255, offset: 0, pad: 0 },
              buffers.iris.subarray(k * n, (k + 1) * n),
            ),
          );
          const out = (await models.iris!.run(buffers.iris))[0]!.data;
          return crops.map((c, k) =>
            decodeEye(out.subarray(k * IRIS_OUTPUT_PER_EYE, (k + 1) * IRIS_OUTPUT_PER_EYE), c),
          );
        });
        if (live) lastIris = { frame, mesh: eyeMeshPoints(mesh), eyes: result.eyes };
      }
      if (want.has('embedding') && models.faceid && result.landmarks) {
        const map = embeddingCropMap(result.landmarks);
        result.embedding = await time('embedding', async () => {
          const spec = { width: EMBEDDING_SIZE, height: EMBEDDING_SIZE, ...EMBEDDING_INPUT, pad: 0 };
          sampleTensor(img, map, spec, buffers.faceid);
          return toEmbedding((await models.faceid!.run(buffers.faceid))[0]!.data);
        });
      }
      if (want.has('body') && models.movenet) {
        await time('body', async () => {
          const map = letterbox(img.width, img.height, MOVENET_SIZE, MOVENET_SIZE);
          // MoveNet takes raw 0..255 values (int32).
          sampleTensor(img, map, { width: 192, height: 192, scale: 1, offset: 0, pad: 0 }, buffers.movenet);
          const outs = await models.movenet!.run(buffers.movenet);
          result.body = decodeMovenet(outs[0]!.data, map);
        });
        result.frameOf!.body = frame;
      }
      if (want.has('mask') && models.selfie) {
        await time('mask', async () => {
          const map = stretch(img.width, img.height, SELFIE_SIZE, SELFIE_SIZE);
          sampleTensor(img, map, { width: 256, height: 256, scale: 1 / 255, offset: 0, pad: 0 }, buffers.selfie);
          const outs = await models.selfie!.run(buffers.selfie);
          result.mask = maskFromProbabilities(outs[0]!.data, SELFIE_SIZE, SELFIE_SIZE);
        });
        result.frameOf!.mask = frame;
      }
      return result;
    },
  };
}

/** Warm-up: a face-sized box at the frame's centre, eyes level (what a seated sitter's detection looks like). */
function standInFace(img: RawImage): FaceDetection {
  const w = img.height / 3;
  const x = (img.width - w) / 2;
  const y = (img.height - w) / 2;
  const eye = (dx: number) => ({ x: x + w * dx, y: y + w * 0.4 });
  return { box: { x, y, width: w, height: w }, score: 1, keypoints: [eye(0.3), eye(0.7)] };
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import {
  parsingCrop,
  PARSING_INPUT,
  PARSING_SIZE,
  summarizeParsing,
  type ParsingCrop,
} from '../../shared/checks/face-parsing';
import type { RawImage } from '../../shared/image/raw-image';
import type { FaceLandmarks, FaceParsing } from '../../shared/vision/analysis';
import { modelsDir } from '../kernel/paths';

// 初审's face parsing (models/faceparse.onnx, BiSeNet V2 on CelebAMask-HQ): hat, earring and necklace classes on a
// level head crop cut from the landmarks the review's analysis found (src/shared/checks/face-parsing.ts). Run only
// by 初审 and the evaluation, never in the live view: one 448×448 run costs ~100–300 ms on this machine
// (docs/BENCHMARKS.md). One session per process, loaded on first use; none when the model file is absent.

export const FACE_PARSE_FILE = 'faceparse.onnx';

export interface FaceParser {
  parse(image: RawImage, landmarks: FaceLandmarks): Promise<FaceParsing>;
  close(): Promise<void>;
}

export async function createFaceParser(dir = modelsDir(), threads = 1): Promise<FaceParser | null> {
  const file = path.join(dir, FACE_PARSE_FILE);
  if (!existsSync(file)) return null;
  const session = await ort.InferenceSession.create(file, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
    extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
  });
  const input = new Float32Array(PARSING_SIZE * PARSING_SIZE * 3);
  const inputName = session.inputNames[0]!;
  const outputName = session.outputNames[0]!;
  return {
    async parse(image, landmarks) {
      sampleClamped(image, parsingCrop(landmarks.points), input);
      const tensor = new ort.Tensor('float32', input, [1, PARSING_SIZE, PARSING_SIZE, 3]);
      const out = await session.run({ [inputName]: tensor });
      return summarizeParsing(out[outputName]!.data as Float32Array);
    },
    close: () => session.release(),
  };
}

let shared: Promise<FaceParser | null> | null = null;

/** The process's parser (loaded once; null without the model file: 初审 then runs without the parsing cues). */
export function sharedFaceParser(): Promise<FaceParser | null> {
  shared ??= createFaceParser().catch(() => null);
  return shared;
}

/**
 * Bilinear samples of the crop with the edge pixels repeated outside the image (not a constant pad: a black
 * border round a head cut close by the frame reads as hair or a hat to the model — glasses-tilt-02 hat 0.13 with
 * black padding, < 0.04 with the edge repeated).
 */
function sampleClamped(img: RawImage, crop: ParsingCrop, out: Float32Array): void {
  const { width: w, height: h, channels: ch, data } = img;
  const N = PARSING_SIZE;
  // Tensor (u, v) → image: centre + R(angle)·((u, v) − N/2)·(side / N), at pixel centres.
  const s = crop.size / N;
  const cos = Math.cos(crop.angle) * s;
  const sin = Math.sin(crop.angle) * s;
  let o = 0;
  for (let v = 0; v < N; v++) {
    for (let u = 0; u < N; u++) {
      const du = u + 0.5 - N / 2;
      const dv = v + 0.5 - N / 2;
      const x = Math.min(w - 1, Math.max(0, crop.cx + cos * du - sin * dv - 0.5));
      const y = Math.min(h - 1, Math.max(0, crop.cy + sin * du + cos * dv - 0.5));
      const x0 = Math.floor(x);
      const y0 = Math.floor(y);
      const x1 = Math.min(w - 1, x0 + 1);
      const y1 = Math.min(h - 1, y0 + 1);
      const fx = x - x0;
      const fy = y - y0;
      const i00 = (y0 * w + x0) * ch;
      const i10 = (y0 * w + x1) * ch;
      const i01 = (y1 * w + x0) * ch;
      const i11 = (y1 * w + x1) * ch;
      for (let c = 0; c < 3; c++) {
        const top = data[i00 + c]! + (data[i10 + c]! - data[i00 + c]!) * fx;
        const bottom = data[i01 + c]! + (data[i11 + c]! - data[i01 + c]!) * fx;
        out[o++] = (top + (bottom - top) * fy) * PARSING_INPUT.scale + PARSING_INPUT.offset;
      }
    }
  }
}

import type { FaceParsing, Point } from '../vision/analysis';
import { levelFaceFrame, levelToImage } from '../photo/level-face-frame';

// Face parsing (models/faceparse.onnx: BiSeNet V2 trained on CelebAMask-HQ, 19 classes) on a level head crop cut
// from the FaceMesh landmarks: a square centred on the landmarks' extent in the level frame, raised by
// PARSING_CROP_UP × its side, side PARSING_CROP_SCALE × the landmarks' width — about how CelebAMask-HQ frames a
// head (hair and a hat's crown inside, the shoulders' top at the bottom). The model is sensitive to that scale
// (at 256 px or a looser crop a black band reads as hair); crop and size were measured on the dev photos,
// portraits and identity set (docs/BENCHMARKS.md, "Headwear and accessories"). Pure: the analyzer samples the
// crop and hands the probabilities to `summarizeParsing`.

export const PARSING_MODEL = 'bisenetv2-celebamask';
export const PARSING_SIZE = 448;
export const PARSING_CROP_SCALE = 2.3;
export const PARSING_CROP_UP = 0.08;
/** value = pixel / 127.5 − 1. */
export const PARSING_INPUT = { scale: 1 / 127.5, offset: -1 } as const;
export const PARSING_CLASSES = [
  'background',
  'skin',
  'right_brow',
  'left_brow',
  'right_eye',
  'left_eye',
  'glasses',
  'right_ear',
  'left_ear',
  'earring',
  'nose',
  'mouth',
  'upper_lip',
  'lower_lip',
  'neck',
  'necklace',
  'clothes',
  'hair',
  'hat',
] as const;
const N_CLASSES = PARSING_CLASSES.length;

/**
 * headwear fails at a mean hat probability ≥ this over the crop. Measured (npx tsx scripts/eval/parsing-survey.ts, docs/BENCHMARKS.md):
 * the labelled hats 0.139–0.228 (headband-01 0.145), the two capped identity photos 0.105 / 0.164; every bare head
 * of the 35 dev photos, 5 portraits and 63 bare identity photos ≤ 0.071 (the black-haired East Asian sitters
 * p04-4 0.013, p02-3 0.047, p02-4 0.015).
 */
export const PARSING_HAT_FAIL = 0.1;
/**
 * With the parsing, the hand cues (coloured crown, straight brim) fail only when the hat share is ≥ this as well:
 * the labelled caps they catch read 0.139–0.228; the four bare identity heads they failed ≤ 0.025.
 */
export const PARSING_HAT_CONFIRM = 0.05;
/**
 * accessories warns at an earring area ≥ this share of the crop: closed-eyes-03 0.00052, closed-eyes-04's pearl
 * 0.00049 (unlabelled, looked at), p15-1/-2/-3's clip earrings 0.0008–0.002; labelled passes ≤ 0.00004, the
 * portraits 0, the next unlabelled photo 0.00025. Small studs read 0 (earring-studs-01, teeth-smile-earrings-02).
 */
export const PARSING_EARRING_WARN = 0.0004;
/** accessories warns at a necklace area ≥ this (portrait-05's collar edge reads 0.0014; no photo in the sets reaches it). */
export const PARSING_NECKLACE_WARN = 0.004;
const HAT = PARSING_CLASSES.indexOf('hat');
const HAIR = PARSING_CLASSES.indexOf('hair');
const EARRING = PARSING_CLASSES.indexOf('earring');
const NECKLACE = PARSING_CLASSES.indexOf('necklace');
const MOUTH = PARSING_CLASSES.indexOf('mouth');
const UPPER_LIP = PARSING_CLASSES.indexOf('upper_lip');
const LOWER_LIP = PARSING_CLASSES.indexOf('lower_lip');

/** The head crop in image pixels: centre, side, and the eye line's angle (radians, image y down). */
export interface ParsingCrop {
  cx: number;
  cy: number;
  size: number;
  angle: number;
}

export function parsingCrop(points: readonly Point[], scale = PARSING_CROP_SCALE, up = PARSING_CROP_UP): ParsingCrop {
  const f = levelFaceFrame(points);
  const size = (f.u1 - f.u0) * scale;
  const c = levelToImage(f, (f.u0 + f.u1) / 2, (f.v0 + f.v1) / 2 - up * size);
  return { cx: c.x, cy: c.y, size, angle: f.angle };
}

/** The model's [1, N, N, 19] softmax output → the measures the checks read. */
export function summarizeParsing(prob: Float32Array, n = PARSING_SIZE): FaceParsing {
  const pixels = n * n;
  if (prob.length !== pixels * N_CLASSES) throw new Error(`face parsing: ${prob.length} values, not ${pixels} × 19`);
  let hat = 0;
  let hair = 0;
  let earringArea = 0;
  let necklaceArea = 0;
  let earringMax = 0;
  let necklaceMax = 0;
  let mouthArea = 0;
  let lipArea = 0;
  for (let i = 0, o = 0; i < pixels; i++, o += N_CLASSES) {
    let best = 0;
    for (let k = 1; k < N_CLASSES; k++) if (prob[o + k]! > prob[o + best]!) best = k;
    hat += prob[o + HAT]!;
    hair += prob[o + HAIR]!;
    const e = prob[o + EARRING]!;
    const nk = prob[o + NECKLACE]!;
    if (e > earringMax) earringMax = e;
    if (nk > necklaceMax) necklaceMax = nk;
    if (best === EARRING) earringArea++;
    else if (best === NECKLACE) necklaceArea++;
    else if (best === MOUTH) mouthArea++;
    else if (best === UPPER_LIP || best === LOWER_LIP) lipArea++;
  }
  return {
    model: PARSING_MODEL,
    hat: hat / pixels,
    hair: hair / pixels,
    earringArea: earringArea / pixels,
    necklaceArea: necklaceArea / pixels,
    earringMax,
    necklaceMax,
    mouthArea: mouthArea / pixels,
    lipArea: lipArea / pixels,
  };
}

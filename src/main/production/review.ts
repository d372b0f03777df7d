import sharp from 'sharp';
import { runChecks, verdictOf } from '../../shared/checks/run-checks';
import { faceGeometry } from '../../shared/checks/face-geometry';
import type { CheckResult } from '../../shared/checks/types';
import { parseHexColor } from '../../shared/color/lab';
import { FRINGE_MAX_LIGHT, outlineFringe, type FringeMeasure } from '../../shared/photo/cutout-fringe';
import { backgroundIslands, ISLAND_MAX_PX, type IslandMeasure } from '../../shared/photo/cutout-islands';
import { checkJpegFile } from '../../shared/photo/file-checks';
import type { PhotoProfile } from '../../shared/spec/profile';
import type { RawImage } from '../../shared/image/raw-image';
import { sharedFaceParser, type FaceParser } from './face-parser';
import type { PhotoAnalyzer } from './photo-analyzer';
import { checkReasons } from './review-reasons';

// 初审: the final file is checked as the school/CHSI will receive it — its bytes, then its pixels re-analysed.

export interface ReviewReason {
  /** A check id (`framing.eyes`, `mouth.closed`…) or a file rule (`file.size`…). */
  code: string;
  message: string;
}

export interface ReviewResult {
  passed: boolean;
  reasons: ReviewReason[];
  measured: { headTop: number; eyeLine: number; faceWidth: number; centerOffset: number } | null;
  checks: CheckResult[];
  /** What is left of the old background in the new one (blobs apart from the person), measured on the final. */
  islands: IslandMeasure;
  /** What is left of the old background along the outline (a light halo round the hair), measured on the final. */
  fringe: FringeMeasure;
}

export async function decodeFinal(jpeg: Buffer): Promise<RawImage> {
  const { data, info } = await sharp(jpeg).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return {
    width: info.width,
    height: info.height,
    channels: 3,
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
  };
}

/**
 * `faceParser`: the face parsing for the headwear band cue and accessories (default: the process's shared parser,
 * none when models/faceparse.onnx is absent; null: without it).
 */
export async function reviewPhoto(
  jpeg: Buffer,
  profile: PhotoProfile,
  vision: PhotoAnalyzer,
  faceParser?: FaceParser | null,
): Promise<ReviewResult> {
  const reasons: ReviewReason[] = checkJpegFile(jpeg, profile.output).map((f) => ({
    code: f.code,
    message: f.message,
  }));
  const image = await decodeFinal(jpeg);
  const analysis = await vision.analyze(image);
  // Face parsing on the final's landmarks (初审 only, never live: ~100–300 ms): a hat or band no colour cue sees,
  // earrings and necklaces. Started before the cut-out measures below, which do not need it: onnxruntime-node runs
  // the model on its own thread (handed over from a setImmediate callback, hence the yield), so islands and fringe
  // are measured meanwhile on this one; the checks wait for it.
  const parser = faceParser === undefined ? await sharedFaceParser() : faceParser;
  const parsing = parser && analysis.landmarks ? parser.parse(image, analysis.landmarks) : null;
  if (parsing) await new Promise((resolve) => setImmediate(resolve));
  // The backdrop of a final photo is production's paint: a blob of anything else apart from the person is old
  // background the matte kept (visible above ISLAND_MAX_PX).
  const backdrop = parseHexColor(profile.output.background);
  let islands: IslandMeasure;
  let fringe: FringeMeasure;
  try {
    islands = backgroundIslands(image, backdrop);
    // Along the outline a clean cut-out mixes the person with the new colour; a run lighter than that is the old wall.
    fringe = outlineFringe(image, backdrop);
  } catch (e) {
    await parsing?.catch(() => undefined); // no unhandled rejection behind the first error
    throw e;
  }
  if (parsing) analysis.parsing = await parsing;
  const checks = runChecks(analysis, image, profile);
  // one line per cause, each with what to do (review-reasons.ts)
  reasons.push(...checkReasons(checks));
  if (islands.largest > ISLAND_MAX_PX)
    reasons.push({
      code: 'cutout.islands',
      message: `背景中残留原背景斑块（最大 ${islands.largest} 像素），请在纯色背景前重拍`,
    });
  if (fringe.light > FRINGE_MAX_LIGHT)
    reasons.push({
      code: 'cutout.fringe',
      message: `人像轮廓（发际、肩颈）残留原背景的浅色亮边（高出 ${Math.round(fringe.light)} 灰度），请在纯色背景前重拍`,
    });
  const g = faceGeometry(analysis);
  const measured = g
    ? {
        headTop: round1(g.headTopY),
        eyeLine: round1(g.eyeLineY),
        faceWidth: round1(g.faceWidth),
        centerOffset: round1(g.centerX - analysis.width / 2),
      }
    : null;
  return {
    passed: reasons.length === 0 && verdictOf(checks) === 'pass',
    reasons,
    measured,
    checks,
    islands,
    fringe,
  };
}

const round1 = (v: number) => Math.round(v * 10) / 10;

import { ApiError } from '../../shared/api-error';
import { parseHexColor } from '../../shared/color/lab';
import { compositeOnColor } from '../../shared/photo/composite';
import { defaultCropOptions, planFinalCrop, type CropOptions, type CropPlan } from '../../shared/photo/crop-plan';
import { refusal, type Refusal, type RefusalCode } from '../../shared/photo/refusal';
import { measureSubject, scaleSubject } from '../../shared/photo/subject';
import { resolveProfile } from '../kernel/request-fields';
import { cropPixels } from './crop-pixels';
import { decodeBase, decodeScaled, LIMIT_INPUT_PIXELS, probeImage, scaledFrom, type SourceInfo } from './decode';
import { encodeWithinBounds } from './encode';
import { refineMask } from './mask-refine';
import type { AnalysisStage, PhotoAnalyzer } from './photo-analyzer';
import type { FaceEmbedding } from '../../shared/vision/analysis';
import { reviewPhoto, type ReviewReason, type ReviewResult } from './review';

/** Long side of the copy the analyzer sees: enough for the face models, cheap to decode from 24 MP. */
export const ANALYSIS_LONG_SIDE = 1024;

/**
 * Production's analysis of the source with `embedding`: the vision defaults (ALL_STAGES in vision/analyzer.ts: keep
 * in step) plus the face identity embedding.
 */
const WITH_EMBEDDING: AnalysisStage[] = ['faces', 'crowd', 'landmarks', 'body', 'mask', 'embedding'];

export interface PhotoGeometry {
  source: SourceInfo;
  /** Crop in source pixels (may extend past the top/sides onto background) and output px per source px. */
  crop: { x: number; y: number; width: number; height: number; scale: number };
  /** Where production placed head top / eye line / face width / centre offset (output px). */
  predicted: CropPlan['predicted'];
  /** True when the person's proportions made some ranges impossible (head top / chest); 初审 then says which. */
  compromised: boolean;
  /** The same, re-measured on the final photo by the 初审 analysis (null when no face was found there). */
  measured: ReviewResult['measured'];
  quality: number;
  encoder: string;
  bytes: number;
}

export interface ProducedPhoto {
  jpeg: Buffer;
  /** 初审 verdict on the final photo. */
  passed: boolean;
  reasons: ReviewReason[];
  geometry: PhotoGeometry;
  profileId: string;
  /** Wall-clock milliseconds, source bytes to 初审 verdict; `timings` splits it. */
  ms: number;
  /**
   * With `embedding`: the identity embedding of the source's main face from production's own analysis (undefined
   * when the analyzer did not run that stage, e.g. no face model).
   */
  embedding?: FaceEmbedding | null;
  timings: Record<string, number>;
}

/** The source cannot become a compliant photo; `refusal.code` is stable, `message` is for the operator. */
export class PhotoRefusedError extends ApiError {
  readonly refusal: Refusal;
  constructor(code: RefusalCode) {
    const r = refusal(code);
    super('invalid_request', r.message);
    this.name = 'PhotoRefusedError';
    this.refusal = r;
  }
}

export interface ProduceOptions {
  crop?: Partial<CropOptions>;
  /**
   * Also the face identity embedding of the source (ProducedPhoto.embedding), for a capture's face check: it needs
   * the landmarks this analysis finds anyway, so the capture is decoded and analysed once, not twice.
   */
  embedding?: boolean;
}

/**
 * Raw capture → final JPEG for `profileId` plus its 初审 verdict. Throws PhotoRefusedError when the source cannot
 * make a compliant photo (no face, two faces, face too small, head or shoulders cut off, source too short).
 */
export async function producePhoto(
  source: Buffer,
  profileId: string,
  vision: PhotoAnalyzer,
  options: ProduceOptions = {},
): Promise<ProducedPhoto> {
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  let last = t0;
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round((now - last) * 10) / 10;
    last = now;
  };
  const profile = resolveProfile(profileId);
  const out = profile.output;
  let info: SourceInfo;
  try {
    info = await probeImage(source);
  } catch (err) {
    throw new PhotoRefusedError(/pixel limit/i.test(String(err)) ? 'image_too_large' : 'unreadable_image');
  }
  if (info.width * info.height > LIMIT_INPUT_PIXELS) throw new PhotoRefusedError('image_too_large');
  // A camera-sized file is decoded once, at 1/2, 1/4 or 1/8 (JPEG/WebP shrink-on-load; the most that still leaves
  // the analysis copy's size): the analysis copy and the crop are both cut from those pixels (a crop needing more
  // detail reads the file again, as before). A source under 2× the analysis size is read as before.
  const longSide = Math.max(info.width, info.height);
  let shrink = 1;
  while (shrink < 8 && longSide / (shrink * 2) >= ANALYSIS_LONG_SIDE) shrink *= 2;
  let base: Awaited<ReturnType<typeof decodeBase>> | undefined;
  let small: Awaited<ReturnType<typeof decodeBase>>;
  try {
    if (shrink > 1) {
      base = await decodeBase(source, info, shrink, out.background);
      small = await scaledFrom(base, ANALYSIS_LONG_SIDE);
    } else small = await decodeScaled(source, info, ANALYSIS_LONG_SIDE, out.background);
  } catch {
    throw new PhotoRefusedError('unreadable_image');
  }
  lap('decode');
  const analysis = await (options.embedding
    ? vision.analyze(small, { stages: WITH_EMBEDDING })
    : vision.analyze(small));
  lap('analyze');
  const measured = measureSubject(analysis);
  if (!measured.ok) throw new PhotoRefusedError(measured.refusal.code);
  // Without the person mask the old background cannot be removed: refuse rather than deliver it.
  const mask = analysis.mask;
  if (!mask) throw new PhotoRefusedError('segmentation_unavailable');
  const k = 1 / small.scale;
  const subject = scaleSubject(measured.subject, k, k);
  const planned = planFinalCrop(subject, out, profile.geometry, { ...defaultCropOptions, ...options.crop });
  if (!planned.ok) throw new PhotoRefusedError(planned.refusal.code);
  const plan = planned.plan;
  const crop = await cropPixels(source, info, plan, out, out.background, base).catch(() => {
    throw new PhotoRefusedError('unreadable_image');
  });
  lap('crop');
  const matte = refineMask(mask, { ...analysis, scale: small.scale }, plan, crop.image, crop.valid);
  const composed = compositeOnColor(crop.image, matte.alpha, parseHexColor(out.background), matte.local);
  lap('matte');
  const encoded = await encodeWithinBounds(composed, out);
  if (!encoded) throw new PhotoRefusedError('size_out_of_bounds');
  lap('encode');
  const review = await reviewPhoto(encoded.jpeg, profile, vision);
  lap('review');
  return {
    jpeg: encoded.jpeg,
    passed: review.passed,
    reasons: review.reasons,
    profileId: profile.id,
    geometry: {
      source: info,
      crop: { x: plan.x, y: plan.y, width: plan.width, height: plan.height, scale: plan.scale },
      predicted: plan.predicted,
      compromised: plan.compromised,
      measured: review.measured,
      quality: encoded.quality,
      encoder: encoded.variant,
      bytes: encoded.jpeg.length,
    },
    ms: Math.round(performance.now() - t0),
    timings,
    ...(options.embedding ? { embedding: analysis.embedding } : {}),
  };
}

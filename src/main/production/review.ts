import sharp from 'sharp';
import { runChecks, verdictOf } from '../../shared/checks/run-checks';
import { faceGeometry } from '../../shared/checks/face-geometry';
import type { CheckResult } from '../../shared/checks/types';
import { checkJpegFile } from '../../shared/photo/file-checks';
import type { PhotoProfile } from '../../shared/spec/profile';
import type { RawImage } from '../../shared/image/raw-image';
import type { PhotoAnalyzer } from './photo-analyzer';

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

export async function reviewPhoto(jpeg: Buffer, profile: PhotoProfile, vision: PhotoAnalyzer): Promise<ReviewResult> {
  const reasons: ReviewReason[] = checkJpegFile(jpeg, profile.output).map((f) => ({
    code: f.code,
    message: f.message,
  }));
  const image = await decodeFinal(jpeg);
  const analysis = await vision.analyze(image);
  const checks = runChecks(analysis, image, profile);
  for (const c of checks) if (c.status === 'fail') reasons.push({ code: c.id, message: c.message });
  const g = faceGeometry(analysis);
  const measured = g
    ? {
        headTop: round1(g.headTopY),
        eyeLine: round1(g.eyeLineY),
        faceWidth: round1(g.faceWidth),
        centerOffset: round1(g.centerX - analysis.width / 2),
      }
    : null;
  return { passed: reasons.length === 0 && verdictOf(checks) === 'pass', reasons, measured, checks };
}

const round1 = (v: number) => Math.round(v * 10) / 10;

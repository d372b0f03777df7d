import sharp from 'sharp';
import { deltaE2000, parseHexColor, rgbToLab } from '../../../src/shared/color/lab';
import { boxMean } from '../../../src/shared/photo/box-filter';
import type { RawImage } from '../../../src/shared/image/raw-image';
import type { PersonMask } from '../../../src/shared/vision/analysis';
import { upsampleMask } from '../../../src/shared/vision/mask-ops';
import { createAnalyzer } from '../../../src/main/vision/analyzer';
import { loadOrtModels } from '../../../src/main/vision/ort-sessions';
import { modelsDir } from '../../../src/main/kernel/paths';

// Independent measurements on a final photo, from a fresh analysis of the output (not production's own mask).

export async function inProcessAnalyzer() {
  const { models } = await loadOrtModels(modelsDir(), 1);
  return { analyzer: createAnalyzer(models), close: () => Promise.all(Object.values(models).map((m) => m!.close())) };
}

export async function decode(jpeg: Buffer): Promise<RawImage> {
  const { data, info } = await sharp(jpeg).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data) };
}

/** Binary person mask at image size, grown (r > 0) or shrunk (r < 0) by |r| px. */
export function personAt(mask: PersonMask, width: number, height: number, r = 0): Uint8Array {
  const m = upsampleMask(mask, width, height);
  const f = Float32Array.from(m.data, (v) => (v >= 128 ? 1 : 0));
  if (r === 0) return Uint8Array.from(f);
  const box = boxMean(f, width, height, Math.abs(r));
  return Uint8Array.from(box, (v) => (r > 0 ? (v > 0 ? 1 : 0) : v >= 0.9999 ? 1 : 0));
}

export function deltaEToColor(img: RawImage, select: Uint8Array, hex: string): number[] {
  const [r, g, b] = parseHexColor(hex);
  const ref = rgbToLab(r, g, b);
  const out: number[] = [];
  for (let i = 0; i < select.length; i++) {
    if (!select[i]) continue;
    const o = i * img.channels;
    out.push(deltaE2000(rgbToLab(img.data[o]!, img.data[o + 1]!, img.data[o + 2]!), ref));
  }
  return out;
}

export function deltaEBetween(a: RawImage, b: RawImage, select: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < select.length; i++) {
    if (!select[i]) continue;
    const o = i * 3;
    out.push(
      deltaE2000(
        rgbToLab(a.data[o]!, a.data[o + 1]!, a.data[o + 2]!),
        rgbToLab(b.data[o]!, b.data[o + 1]!, b.data[o + 2]!),
      ),
    );
  }
  return out;
}

export const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / Math.max(1, v.length);
export const quantile = (v: number[], q: number) =>
  [...v].sort((x, y) => x - y)[Math.min(v.length - 1, Math.floor(q * v.length))]!;

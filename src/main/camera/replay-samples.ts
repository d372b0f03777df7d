import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { appRoot } from '../kernel/paths';

const IMAGE = /\.(jpe?g|png|webp|tiff?|avif|heic)$/i;

/** Where sample portraits are read from: STUDIO_REPLAY_DIR, else ../shared/portraits beside the checkout. */
export function findSampleDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [
    env.STUDIO_REPLAY_DIR,
    path.resolve(appRoot(), '..', 'shared', 'portraits'),
    path.resolve(process.cwd(), '..', 'shared', 'portraits'),
  ];
  for (const dir of candidates) {
    if (dir && existsSync(dir) && listSamples(dir).length > 0) return dir;
  }
  return null;
}

export function listSamples(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => IMAGE.test(f))
      .sort()
      .map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}

/** A stand-in sitter drawn from shapes, used when no sample photo exists (a fresh install without ../shared). */
export async function synthesisePortrait(width = 960, height = 1280): Promise<Buffer> {
  const cx = width / 2;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <rect width="100%" height="100%" fill="#28befa"/>
  <path d="M ${cx - 0.42 * width} ${height} C ${cx - 0.4 * width} ${0.72 * height}, ${cx - 0.22 * width} ${0.66 * height}, ${cx} ${0.66 * height}
           C ${cx + 0.22 * width} ${0.66 * height}, ${cx + 0.4 * width} ${0.72 * height}, ${cx + 0.42 * width} ${height} Z" fill="#1f2a38"/>
  <polygon points="${cx - 0.07 * width},${0.66 * height} ${cx + 0.07 * width},${0.66 * height} ${cx},${0.8 * height}" fill="#f4f4f4"/>
  <rect x="${cx - 0.06 * width}" y="${0.52 * height}" width="${0.12 * width}" height="${0.16 * height}" fill="#e0b79a"/>
  <ellipse cx="${cx}" cy="${0.4 * height}" rx="${0.15 * width}" ry="${0.14 * height}" fill="#e8c2a4"/>
  <path d="M ${cx - 0.16 * width} ${0.38 * height} Q ${cx} ${0.16 * height} ${cx + 0.16 * width} ${0.38 * height} Q ${cx} ${0.28 * height} ${cx - 0.16 * width} ${0.38 * height} Z" fill="#2b2420"/>
  <ellipse cx="${cx - 0.055 * width}" cy="${0.4 * height}" rx="${0.018 * width}" ry="${0.008 * height}" fill="#2b2420"/>
  <ellipse cx="${cx + 0.055 * width}" cy="${0.4 * height}" rx="${0.018 * width}" ry="${0.008 * height}" fill="#2b2420"/>
  <path d="M ${cx - 0.035 * width} ${0.47 * height} Q ${cx} ${0.48 * height} ${cx + 0.035 * width} ${0.47 * height}" stroke="#a0524a" stroke-width="4" fill="none"/>
</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

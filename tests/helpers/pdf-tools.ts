import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import sharp from 'sharp';

// Poppler's command-line tools (Debian poppler-utils; scripts/system-deps.mjs installs or names it) as test helpers.

export function pdfPageSize(pdfFile: string): { width: number; height: number; pages: number } {
  const info = execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  const pages = /Pages:\s+(\d+)/.exec(info);
  if (!size || !pages) throw new Error(`pdfinfo: unexpected output\n${info}`);
  return { width: Number(size[1]), height: Number(size[2]), pages: Number(pages[1]) };
}

export function pdfText(pdfFile: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' });
}

/** Renders page 1 to `<outBase>.png` at the given resolution and returns the PNG path. */
export function pdfToPng(pdfFile: string, outBase: string, dpi = 203): string {
  // 203 dpi is the resolution of common thermal receipt printers
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-singlefile', pdfFile, outBase]);
  return `${outBase}.png`;
}

export async function decodeQrInPng(pngFile: string): Promise<string | null> {
  const { data, info } = await sharp(readFileSync(pngFile)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const hit = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height);
  return hit?.data ?? null;
}

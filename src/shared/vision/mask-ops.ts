import type { PersonMask } from './analysis';

// The person mask covers the whole analysed image at its own resolution (the model input is the stretched
// image), so image coordinates map to mask coordinates by a plain scale.

/** Person probability 0..255 at image pixel (x, y) of an image of size imgW×imgH (bilinear). */
export function maskValueAt(mask: PersonMask, imgW: number, imgH: number, x: number, y: number): number {
  const mx = Math.min(mask.width - 1, Math.max(0, ((x + 0.5) * mask.width) / imgW - 0.5));
  const my = Math.min(mask.height - 1, Math.max(0, ((y + 0.5) * mask.height) / imgH - 0.5));
  const x0 = Math.floor(mx);
  const y0 = Math.floor(my);
  const x1 = Math.min(mask.width - 1, x0 + 1);
  const y1 = Math.min(mask.height - 1, y0 + 1);
  const fx = mx - x0;
  const fy = my - y0;
  const d = mask.data;
  const w = mask.width;
  return (
    d[y0 * w + x0]! * (1 - fx) * (1 - fy) +
    d[y0 * w + x1]! * fx * (1 - fy) +
    d[y1 * w + x0]! * (1 - fx) * fy +
    d[y1 * w + x1]! * fx * fy
  );
}

/** Bilinear upsampling of the mask to width×height (e.g. the full photo, for background replacement). */
export function upsampleMask(mask: PersonMask, width: number, height: number): PersonMask {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data[y * width + x] = Math.round(maskValueAt(mask, width, height, x, y));
  return { width, height, data };
}

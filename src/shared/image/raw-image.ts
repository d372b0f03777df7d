// A decoded image as plain bytes, usable from any layer (no Node Buffer, no canvas).
// Rows top to bottom, pixels interleaved; channels 3 = RGB, 4 = RGBA (alpha ignored by the checks).

export interface RawImage {
  width: number;
  height: number;
  channels: 3 | 4;
  data: Uint8Array;
}

export function createRawImage(
  width: number,
  height: number,
  channels: 3 | 4 = 3,
  fill?: [number, number, number],
): RawImage {
  const data = new Uint8Array(width * height * channels);
  if (fill) {
    for (let i = 0; i < width * height; i++) {
      data[i * channels] = fill[0];
      data[i * channels + 1] = fill[1];
      data[i * channels + 2] = fill[2];
      if (channels === 4) data[i * channels + 3] = 255;
    }
  }
  return { width, height, channels, data };
}

/** Rec. 601 luma of the pixel at integer coordinates (clamped to the image). */
export function lumaAt(img: RawImage, x: number, y: number): number {
  const xi = Math.min(img.width - 1, Math.max(0, Math.round(x)));
  const yi = Math.min(img.height - 1, Math.max(0, Math.round(y)));
  const o = (yi * img.width + xi) * img.channels;
  return 0.299 * img.data[o]! + 0.587 * img.data[o + 1]! + 0.114 * img.data[o + 2]!;
}

export function rgbAt(img: RawImage, x: number, y: number): [number, number, number] {
  const xi = Math.min(img.width - 1, Math.max(0, Math.round(x)));
  const yi = Math.min(img.height - 1, Math.max(0, Math.round(y)));
  const o = (yi * img.width + xi) * img.channels;
  return [img.data[o]!, img.data[o + 1]!, img.data[o + 2]!];
}

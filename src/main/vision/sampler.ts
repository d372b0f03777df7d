import type { RawImage } from '../../shared/image/raw-image';

/** Maps output pixel centres (u, v) to source coordinates: sx = a·u + b·v + c, sy = d·u + e·v + f. */
export interface Affine {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

export interface TensorSpec {
  width: number;
  height: number;
  /** value = pixel · scale + offset ([0,1]: 1/255, 0; [-1,1]: 2/255, -1; raw bytes: 1, 0). */
  scale: number;
  offset: number;
  /** Byte value used outside the source image (letterbox padding). */
  pad: number;
}

/** Bilinear-sample an RGB NHWC tensor from the image through an affine map (resize, letterbox, rotated crop). */
export function sampleTensor(img: RawImage, map: Affine, spec: TensorSpec, out?: Float32Array): Float32Array {
  const { width: W, height: H } = spec;
  const dst = out ?? new Float32Array(W * H * 3);
  const src = img.data;
  const ch = img.channels;
  const iw = img.width;
  const ih = img.height;
  const padV = spec.pad * spec.scale + spec.offset;
  let o = 0;
  for (let v = 0; v < H; v++) {
    for (let u = 0; u < W; u++) {
      const cu = u + 0.5;
      const cv = v + 0.5;
      const sx = map.a * cu + map.b * cv + map.c - 0.5;
      const sy = map.d * cu + map.e * cv + map.f - 0.5;
      if (sx < -0.5 || sy < -0.5 || sx > iw - 0.5 || sy > ih - 0.5) {
        dst[o++] = padV;
        dst[o++] = padV;
        dst[o++] = padV;
        continue;
      }
      const x0f = Math.floor(sx);
      const y0f = Math.floor(sy);
      const fx = sx - x0f;
      const fy = sy - y0f;
      const x0 = x0f < 0 ? 0 : x0f;
      const y0 = y0f < 0 ? 0 : y0f;
      const x1 = x0f + 1 >= iw ? iw - 1 : x0f + 1;
      const y1 = y0f + 1 >= ih ? ih - 1 : y0f + 1;
      const p00 = (y0 * iw + x0) * ch;
      const p01 = (y0 * iw + x1) * ch;
      const p10 = (y1 * iw + x0) * ch;
      const p11 = (y1 * iw + x1) * ch;
      const w00 = (1 - fx) * (1 - fy);
      const w01 = fx * (1 - fy);
      const w10 = (1 - fx) * fy;
      const w11 = fx * fy;
      for (let k = 0; k < 3; k++) {
        const val = src[p00 + k]! * w00 + src[p01 + k]! * w01 + src[p10 + k]! * w10 + src[p11 + k]! * w11;
        dst[o++] = val * spec.scale + spec.offset;
      }
    }
  }
  return dst;
}

/** Fit the whole image into a W×H tensor, keeping the aspect ratio (centred, padded). */
export function letterbox(imgW: number, imgH: number, W: number, H: number): Affine {
  const s = Math.max(imgW / W, imgH / H);
  const padX = (W * s - imgW) / 2;
  const padY = (H * s - imgH) / 2;
  return { a: s, b: 0, c: -padX, d: 0, e: s, f: -padY };
}

/** Stretch the whole image onto the W×H tensor (aspect not kept). */
export function stretch(imgW: number, imgH: number, W: number, H: number): Affine {
  return { a: imgW / W, b: 0, c: 0, d: 0, e: imgH / H, f: 0 };
}

/** A square crop of side `size` (source px) centred at (cx, cy), rotated by `angle` radians, onto an N×N tensor. */
export function rotatedCrop(cx: number, cy: number, size: number, angle: number, N: number): Affine {
  const s = size / N;
  const cos = Math.cos(angle) * s;
  const sin = Math.sin(angle) * s;
  // source = centre + R(angle)·(u − N/2, v − N/2)·s
  return {
    a: cos,
    b: -sin,
    c: cx - cos * (N / 2) + sin * (N / 2),
    d: sin,
    e: cos,
    f: cy - sin * (N / 2) - cos * (N / 2),
  };
}

/** Apply the map to a tensor-space point (continuous coordinates, pixel edges at integers). */
export function applyAffine(m: Affine, u: number, v: number): { x: number; y: number } {
  return { x: m.a * u + m.b * v + m.c, y: m.d * u + m.e * v + m.f };
}

// Synthetic edits of the labelled portraits, made at run time (the provenance stays in ../shared/portraits).
// Each function says what real-world defect it simulates.
import sharp, { type Sharp } from 'sharp';
import type { Analysis } from '../../src/shared/vision/analysis';
import type { RawImage } from '../../src/shared/image/raw-image';
import { maskValueAt } from '../../src/shared/vision/mask-ops';
import { faceGeometry } from '../../src/shared/checks/face-geometry';
import { parseHexColor } from '../../src/shared/color/lab';

const raw = (img: RawImage) =>
  sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: img.channels } });

async function fromSharp(s: Sharp): Promise<RawImage> {
  const { data, info } = await s.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data) };
}

/** Head and shoulders tilted together (the whole sitter leaning): rotation about the centre, grey corners. */
export async function rotate(img: RawImage, degrees: number): Promise<RawImage> {
  const out = await fromSharp(raw(img).rotate(degrees, { background: { r: 128, g: 128, b: 128 } }));
  // Keep the original size (crop the centre) so the framing stays comparable.
  const left = Math.floor((out.width - img.width) / 2);
  const top = Math.floor((out.height - img.height) / 2);
  return fromSharp(raw(out).extract({ left, top, width: img.width, height: img.height }));
}

/** A camera framing that cuts the image: keep the box (clamped to the image). */
export async function crop(img: RawImage, x: number, y: number, w: number, h: number): Promise<RawImage> {
  const left = Math.max(0, Math.round(x));
  const top = Math.max(0, Math.round(y));
  const width = Math.min(img.width - left, Math.round(w));
  const height = Math.min(img.height - top, Math.round(h));
  return fromSharp(raw(img).extract({ left, top, width, height }));
}

/** A sitter far from the camera / a low-resolution camera: downscale. */
export async function scale(img: RawImage, f: number): Promise<RawImage> {
  return fromSharp(raw(img).resize(Math.round(img.width * f), Math.round(img.height * f)));
}

/** Out-of-focus or moving subject: Gaussian blur. */
export async function blur(img: RawImage, sigma: number): Promise<RawImage> {
  return fromSharp(raw(img).blur(sigma));
}

function map(
  img: RawImage,
  fn: (r: number, g: number, b: number, x: number, y: number) => [number, number, number] | null,
): RawImage {
  const data = new Uint8Array(img.data);
  const ch = img.channels;
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++) {
      const o = (y * img.width + x) * ch;
      const v = fn(data[o]!, data[o + 1]!, data[o + 2]!, x, y);
      if (v) {
        data[o] = clamp(v[0]);
        data[o + 1] = clamp(v[1]);
        data[o + 2] = clamp(v[2]);
      }
    }
  return { ...img, data };
}
const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** Under-exposure (flash did not fire / lens closed down): multiply every pixel. */
export function darken(img: RawImage, f: number): RawImage {
  return map(img, (r, g, b) => [r * f, g * f, b * f]);
}

function blend(
  base: [number, number, number],
  over: [number, number, number],
  alpha: number,
): [number, number, number] {
  return [
    base[0] * (1 - alpha) + over[0] * alpha,
    base[1] * (1 - alpha) + over[1] * alpha,
    base[2] * (1 - alpha) + over[2] * alpha,
  ];
}

/** Specular reflections on spectacle lenses: soft near-white spots over both eyes (radius in eye-distance units). */
export function lensGlare(img: RawImage, a: Analysis, radius = 0.18): RawImage {
  const g = faceGeometry(a)!;
  const d = Math.hypot(g.leftEye.x - g.rightEye.x, g.leftEye.y - g.rightEye.y);
  const spots = [g.rightEye, g.leftEye].map((e) => ({ x: e.x + d * 0.08, y: e.y - d * 0.05, r: d * radius }));
  return map(img, (r, gg, b, x, y) => {
    for (const s of spots) {
      const t = Math.hypot(x - s.x, y - s.y) / s.r;
      if (t < 1) return blend([r, gg, b], [255, 255, 255], t < 0.7 ? 1 : (1 - t) / 0.3);
    }
    return null;
  });
}

/** A hot spot on the forehead (too-close flash / oily skin): a clipped white blob. */
export function foreheadHotspot(img: RawImage, a: Analysis): RawImage {
  const g = faceGeometry(a)!;
  const p = a.landmarks!.points;
  const spots = [p[108]!, p[337]!, p[50]!, p[280]!].map((q) => ({ x: q.x, y: q.y, r: g.faceWidth * 0.09 }));
  return map(img, (r, gg, b, x, y) => {
    for (const s of spots) if (Math.hypot(x - s.x, y - s.y) < s.r) return [255, 255, 255];
    return null;
  });
}

/** Replace the background (person mask) by `fill(x, y)`: a new backdrop colour, a gradient or an object. */
export function replaceBackground(
  img: RawImage,
  a: Analysis,
  fill: (x: number, y: number) => [number, number, number],
): RawImage {
  const mask = a.mask!;
  return map(img, (r, g, b, x, y) => {
    const m = maskValueAt(mask, a.width, a.height, x, y) / 255;
    return m > 0.98 ? null : blend(fill(x, y), [r, g, b], m);
  });
}

export const solid = (hex: string) => {
  const c = parseHexColor(hex);
  return () => c;
};

/** Uneven backdrop lighting: the backdrop colour fading to `dark` × itself across the frame. */
export const gradient = (hex: string, width: number, dark: number) => {
  const c = parseHexColor(hex);
  return (x: number): [number, number, number] => {
    const k = 1 - (1 - dark) * (x / width);
    return [c[0] * k, c[1] * k, c[2] * k];
  };
};

/** An object behind the sitter (a poster, a lamp): a dark rectangle in the upper left of the backdrop. */
export const withObject = (hex: string, width: number, height: number) => {
  const c = parseHexColor(hex);
  return (x: number, y: number): [number, number, number] =>
    x < width * 0.3 && y < height * 0.45 && x > width * 0.02 ? [60, 40, 30] : c;
};

/**
 * A drop shadow on the backdrop, touching the sitter's outline: backdrop pixels where the person mask shifted by
 * `shift` × face width (right and a little down) covers them are darkened to 55 % — a key light too close to the
 * sitter and the backdrop. The person is untouched.
 */
export function shadowBehind(img: RawImage, a: Analysis, faceWidth: number, shift = 0.25): RawImage {
  const mask = a.mask!;
  const dx = faceWidth * shift;
  const dy = faceWidth * shift * 0.2;
  const at = (x: number, y: number) =>
    x < 0 || y < 0 || x >= a.width || y >= a.height ? 0 : maskValueAt(mask, a.width, a.height, x, y) / 255;
  return map(img, (r, g, b, x, y) => {
    const m = at(x, y);
    const s = at(x - dx, y - dy);
    if (m > 0.98 || s < 0.5) return null;
    const k = 1 - 0.45 * s * (1 - m);
    return [r * k, g * k, b * k];
  });
}

/** A blue shirt: clothing pixels (person mask below the shoulders) recoloured to `hex`, keeping their shading. */
export function recolorClothes(img: RawImage, a: Analysis, hex: string): RawImage {
  const l = a.body.find((k) => k.name === 'left_shoulder')!;
  const r = a.body.find((k) => k.name === 'right_shoulder')!;
  const top = Math.min(l.y, r.y);
  const c = parseHexColor(hex);
  return map(img, (rr, g, b, x, y) => {
    if (y < top || maskValueAt(a.mask!, a.width, a.height, x, y) < 128) return null;
    const k = 0.85 + (0.15 * (0.299 * rr + 0.587 * g + 0.114 * b)) / 255;
    return [c[0] * k, c[1] * k, c[2] * k];
  });
}

/** A cap: a solid red dome over the crown, from above the head top down to the hairline. */
export function cap(img: RawImage, a: Analysis): RawImage {
  const g = faceGeometry(a)!;
  const cx = g.centerX;
  const rx = g.faceWidth * 0.62;
  const bottom = g.foreheadTop.y + (g.eyeLineY - g.foreheadTop.y) * 0.15;
  const ry = bottom - g.headTopY + g.faceWidth * 0.05;
  return map(img, (r, gg, b, x, y) => {
    if (y > bottom) return null;
    const t = ((x - cx) / rx) ** 2 + ((y - bottom) / ry) ** 2;
    return t < 1 ? [200, 30, 40] : null;
  });
}

/** Closed eyes: the eye openings painted over with the skin just below each eye (lids down). */
export function closeEyes(img: RawImage, a: Analysis): RawImage {
  const p = a.landmarks!.points;
  const g = faceGeometry(a)!;
  const eyes = [
    [33, 133, 159, 145],
    [263, 362, 386, 374],
  ].map(([c0, c1, up, lo]) => {
    const cx = (p[c0!]!.x + p[c1!]!.x) / 2;
    const cy = (p[up!]!.y + p[lo!]!.y) / 2;
    const rx = Math.abs(p[c1!]!.x - p[c0!]!.x) * 0.62;
    const ry = Math.max(4, Math.abs(p[lo!]!.y - p[up!]!.y)) * 1.0;
    return { cx, cy, rx, ry, sampleY: cy + ry + g.faceWidth * 0.06 };
  });
  const src = img;
  return map(img, (r, gg, b, x, y) => {
    for (const e of eyes) {
      const t = ((x - e.cx) / e.rx) ** 2 + ((y - e.cy) / e.ry) ** 2;
      if (t < 1) {
        const o = (Math.round(e.sampleY) * src.width + Math.round(x)) * src.channels;
        const skin: [number, number, number] = [src.data[o]!, src.data[o + 1]!, src.data[o + 2]!];
        // A thin dark lash line across the middle, as closed lids show.
        if (Math.abs(y - e.cy) < 1.2 && t < 0.8) return [60, 45, 40];
        return t < 0.7 ? skin : blend([r, gg, b], skin, (1 - t) / 0.3);
      }
    }
    return null;
  });
}

/** Open mouth showing teeth: an off-white band between the inner lips, the lips moved apart. */
export function showTeeth(img: RawImage, a: Analysis): RawImage {
  const p = a.landmarks!.points;
  const cx = (p[61]!.x + p[291]!.x) / 2;
  const cy = (p[13]!.y + p[14]!.y) / 2;
  const rx = Math.abs(p[291]!.x - p[61]!.x) * 0.42;
  const ry = rx * 0.32;
  return map(img, (r, g, b, x, y) => {
    const t = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2;
    if (t >= 1) return null;
    const gap = Math.abs(x - cx) % (rx / 3) < 1 ? 0.85 : 1; // faint gaps between teeth
    return [236 * gap, 232 * gap, 220 * gap];
  });
}

/** A second person: a half-size copy of another portrait's head pasted into the upper corner. */
/** Another sitter's head pasted in a top corner, `share` × the short side wide (0.42: beside; 0.16: far behind). */
export async function pasteSecondFace(
  img: RawImage,
  other: RawImage,
  oa: Analysis,
  left: boolean,
  share = 0.42,
): Promise<RawImage> {
  const g = faceGeometry(oa)!;
  const size = g.faceWidth * 1.8;
  const head = await crop(other, g.centerX - size / 2, g.headTopY - size * 0.1, size, size * 1.1);
  const target = Math.round(Math.min(img.width, img.height) * share);
  const small = await fromSharp(raw(head).resize(target, Math.round(target * 1.1)));
  const data = new Uint8Array(img.data);
  const ox = left ? 0 : img.width - small.width;
  for (let y = 0; y < small.height && y < img.height; y++)
    for (let x = 0; x < small.width; x++) {
      const o = (y * img.width + ox + x) * img.channels;
      const s = (y * small.width + x) * 3;
      data[o] = small.data[s]!;
      data[o + 1] = small.data[s + 1]!;
      data[o + 2] = small.data[s + 2]!;
    }
  return { ...img, data };
}

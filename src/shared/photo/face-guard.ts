import { rgbToLab } from '../color/lab';
import type { Point } from '../vision/analysis';
import type { RgbImage } from './composite';
import { fillPolygon, type FaceGuide } from './face-guide';
import { BACKGROUND, FOREGROUND, UNKNOWN } from './trimap';

// The selfie mask and the colour matte both take light skin beside a light backdrop for backdrop: an ear next to a
// light-grey studio wall came out see-through blue. The face geometry from the vision analysis says where the face
// and ears are, and the face's own skin says what colour an ear is: inside the face oval and on the ear pixels found
// that way the trimap is made definitely person, with a thin rim left to the matte so the edge still blends.

export interface FaceGuardOptions {
  /** The oval is shrunk towards its centre by this factor before it is forced to person (it sits on the edge). */
  ovalShrink: number;
  /** Ear search zone, in face widths: from the tragion inwards / outwards, above the brows / below the nose base. */
  earInner: number;
  earOuter: number;
  earAbove: number;
  earBelow: number;
  /** A pixel is skin within this many robust spreads of the face's skin colour (per L*a*b* channel). */
  skinSpread: number;
  /** …and only if it is nearer the skin colour than this fraction of its distance to the nearest backdrop colour. */
  backdropRatio: number;
  /** …and at least this far (weighted L*a*b*) from every backdrop colour nearby. */
  backdropMin: number;
  /** Width (face widths) of the strip beyond the ear zone where the backdrop's colours are sampled. */
  backdropStrip: number;
  /** Px inside and outside the ear's outline left to the matte. */
  rimInside: number;
  rimOutside: number;
}

export const defaultFaceGuardOptions: FaceGuardOptions = {
  ovalShrink: 0.95,
  earInner: 0.06,
  earOuter: 0.22,
  earAbove: 0.08,
  earBelow: 0.15,
  skinSpread: 4,
  backdropRatio: 0.7,
  backdropMin: 8,
  backdropStrip: 0.1,
  rimInside: 1,
  rimOutside: 2,
};

/** Lightness varies with shading on a curved ear far more than hue does: it counts half in colour distances. */
const L_WEIGHT = 0.5;
/** Floors for the skin spread (L*, a*, b*): a very even face must not make the ear's redder skin "not skin". */
const SPREAD_FLOOR = [6, 4, 4] as const;
/** Backdrop colours compared per candidate pixel (a stride sample of the zone's confident backdrop). */
const MAX_BACKDROP_SAMPLES = 128;
/** Fewer confident backdrop pixels than this in a zone: the mask already covers the ear there, leave it alone. */
const MIN_BACKDROP_PIXELS = 20;
/** An ear region that runs along this share of the zone's outer side is a leak into a skin-coloured backdrop. */
const LEAK_SHARE = 0.15;
/** Gaps in the ear's skin narrower than about twice this (px) are closed. */
const CLOSE_RADIUS = 2;

export interface FaceGuardResult {
  /** Pixels made definitely person inside the oval, and per ear (image-left, image-right). */
  oval: number;
  ears: [number, number];
  /** Why an ear was left to the matte: null when it was protected. */
  skipped: [string | null, string | null];
}

/** Makes the face oval and the ears definitely person in `trimap` (in place). Padding (`valid` 0) is never touched. */
export function protectFace(
  crop: RgbImage,
  trimap: Uint8Array,
  valid: Uint8Array,
  guide: FaceGuide,
  options: FaceGuardOptions = defaultFaceGuardOptions,
): FaceGuardResult {
  const { width: W, height: H } = crop;
  // 1 inside the face oval, 2 inside its shrunk core (which is forced to person)
  const inOval = new Uint8Array(W * H);
  const box = boundingBox(guide.oval, W, H);
  fillPolygon(guide.oval, W, H, inOval);
  const skin = skinModel(crop, inOval, box);
  fillPolygon(shrink(guide.oval, options.ovalShrink), W, H, inOval, 2);
  let oval = 0;
  for (let y = box.y0; y < box.y1; y++)
    for (let i = y * W + box.x0; i < y * W + box.x1; i++)
      if (inOval[i] === 2 && valid[i] && trimap[i] !== FOREGROUND) {
        trimap[i] = FOREGROUND;
        oval++;
      }
  const result: FaceGuardResult = { oval, ears: [0, 0], skipped: [null, null] };
  if (!skin) {
    result.skipped = ['no skin sample', 'no skin sample'];
    return result;
  }
  for (const side of [0, 1] as const) {
    const r = protectEar(crop, trimap, valid, inOval, guide, side, skin, options);
    if (typeof r === 'string') result.skipped[side] = r;
    else result.ears[side] = r;
  }
  return result;
}

interface SkinModel {
  mean: [number, number, number];
  spread: [number, number, number];
}

/** Median and robust spread (1.48·MAD) of L*a*b* over the face oval: eyes, brows and lips are a small minority. */
function skinModel(crop: RgbImage, inOval: Uint8Array, box: Box): SkinModel | null {
  const { width: W, data } = crop;
  // every 4th pixel each way: a few thousand samples on a 480×640 face are plenty for a median
  const cap = Math.ceil((box.x1 - box.x0) / 4) * Math.ceil((box.y1 - box.y0) / 4);
  const ch = [new Float64Array(cap), new Float64Array(cap), new Float64Array(cap)] as const;
  let n = 0;
  for (let y = box.y0; y < box.y1; y += 4)
    for (let x = box.x0; x < box.x1; x += 4) {
      const i = y * W + x;
      if (!inOval[i]) continue;
      const lab = rgbToLab(data[i * 3]!, data[i * 3 + 1]!, data[i * 3 + 2]!);
      ch[0][n] = lab.L;
      ch[1][n] = lab.a;
      ch[2][n] = lab.b;
      n++;
    }
  if (n < 50) return null;
  const median = (v: Float64Array) => v.sort()[v.length >> 1]!;
  const mean = ch.map((v) => median(v.subarray(0, n))) as unknown as [number, number, number];
  const spread = ch.map((v, k) => {
    const dev = v.subarray(0, n);
    for (let t = 0; t < n; t++) dev[t] = Math.abs(dev[t]! - mean[k]!);
    return Math.max(SPREAD_FLOOR[k]!, 1.4826 * median(dev));
  }) as unknown as [number, number, number];
  return { mean, spread };
}

/** Ear pixels (skin-coloured, unlike the backdrop, connected to the face) made person; a string says why not. */
function protectEar(
  crop: RgbImage,
  trimap: Uint8Array,
  valid: Uint8Array,
  inOval: Uint8Array,
  guide: FaceGuide,
  side: 0 | 1,
  skin: SkinModel,
  o: FaceGuardOptions,
): number | string {
  const tragion = guide.tragions[side];
  if (!tragion) return 'no tragion';
  const { width: W, height: H, data } = crop;
  const [c0, c1] = guide.cheeks;
  const fw = Math.hypot(c1.x - c0.x, c1.y - c0.y);
  if (fw < 8) return 'face too small';
  // Face axes: u along the cheek line pointing away from the face on this side, v down the face.
  const ax = (c1.x - c0.x) / fw;
  const ay = (c1.y - c0.y) / fw;
  const sgn = side === 0 ? -1 : 1;
  const ux = ax * sgn;
  const uy = ay * sgn;
  const vx = -ay;
  const vy = ax;
  const vOf = (p: Point) => (p.x - tragion.x) * vx + (p.y - tragion.y) * vy;
  const u0 = -o.earInner * fw;
  const u1 = o.earOuter * fw;
  const v0 = Math.min(vOf(guide.brows[0]), vOf(guide.brows[1])) - o.earAbove * fw;
  const v1 = vOf(guide.noseBase) + o.earBelow * fw;
  // The backdrop is sampled in a strip beyond the widest plausible ear, where an ear the mask missed cannot be.
  const u2 = u1 + o.backdropStrip * fw;
  if (v1 <= v0) return 'degenerate zone';
  const corners = [
    [u0, v0],
    [u2, v0],
    [u0, v1],
    [u2, v1],
  ].map(([u, v]) => ({ x: tragion.x + u! * ux + v! * vx, y: tragion.y + u! * uy + v! * vy }));
  const bx0 = Math.max(0, Math.floor(Math.min(...corners.map((c) => c.x))));
  const by0 = Math.max(0, Math.floor(Math.min(...corners.map((c) => c.y))));
  const bx1 = Math.min(W, Math.ceil(Math.max(...corners.map((c) => c.x))) + 1);
  const by1 = Math.min(H, Math.ceil(Math.max(...corners.map((c) => c.y))) + 1);
  const bw = bx1 - bx0;
  const bh = by1 - by0;
  if (bw <= 0 || bh <= 0) return 'outside the crop';
  // Per bbox pixel: zone 1 inside the ear zone, 2 there and already sure person (not classified: it stays person);
  // u ≥ u1 - 2 marks the zone's outer side for the leak check.
  const zone = new Uint8Array(bw * bh);
  const outer = new Uint8Array(bw * bh);
  const lab = new Float32Array(bw * bh * 3);
  const backdrop: number[] = [];
  let zoneRows = 0;
  for (let y = by0; y < by1; y++) {
    let rowHit = false;
    for (let x = bx0; x < bx1; x++) {
      const dx = x - tragion.x;
      const dy = y - tragion.y;
      const u = dx * ux + dy * uy;
      const v = dx * vx + dy * vy;
      if (u < u0 || u > u2 || v < v0 || v > v1) continue;
      const i = y * W + x;
      if (!valid[i]) continue;
      const inZone = u <= u1;
      if (!inZone && trimap[i] !== BACKGROUND) continue;
      const j = (y - by0) * bw + (x - bx0);
      if (inZone && trimap[i] === FOREGROUND) {
        zone[j] = 2;
        rowHit = true;
        continue;
      }
      const c = rgbToLab(data[i * 3]!, data[i * 3 + 1]!, data[i * 3 + 2]!);
      lab[j * 3] = c.L * L_WEIGHT;
      lab[j * 3 + 1] = c.a;
      lab[j * 3 + 2] = c.b;
      if (!inZone) {
        backdrop.push(j);
        continue;
      }
      zone[j] = 1;
      rowHit = true;
      if (u >= u1 - 2) outer[j] = 1;
    }
    if (rowHit) zoneRows++;
  }
  if (backdrop.length < MIN_BACKDROP_PIXELS) return 'no backdrop beside the ear';
  const samples = backdropColours(lab, backdrop);
  const sL = skin.mean[0] * L_WEIGHT;
  const [, sa, sb] = skin.mean;
  const isSkin = new Uint8Array(bw * bh);
  for (let j = 0; j < zone.length; j++) {
    if (zone[j] !== 1) continue;
    const L = lab[j * 3]! / L_WEIGHT;
    const a = lab[j * 3 + 1]!;
    const b = lab[j * 3 + 2]!;
    const z0 = (L - skin.mean[0]) / skin.spread[0];
    const z1 = (a - sa) / skin.spread[1];
    const z2 = (b - sb) / skin.spread[2];
    if (z0 * z0 + z1 * z1 + z2 * z2 > o.skinSpread * o.skinSpread) continue;
    const wl = lab[j * 3]!;
    const toSkin = Math.hypot(wl - sL, a - sa, b - sb);
    // Skin unless some backdrop colour is nearer than this: stop at the first one that is.
    const limit = Math.max(o.backdropMin, toSkin / o.backdropRatio);
    const limit2 = limit * limit;
    let skinLike = 1;
    for (let k = 0; k < samples.length; k += 3) {
      const d0 = wl - samples[k]!;
      const d1 = a - samples[k + 1]!;
      const d2 = b - samples[k + 2]!;
      if (d0 * d0 + d1 * d1 + d2 * d2 < limit2) {
        skinLike = 0;
        break;
      }
    }
    isSkin[j] = skinLike;
  }
  // Flood through skin pixels from those inside the face oval or touching sure person.
  const ear = new Uint8Array(bw * bh);
  const stack: number[] = [];
  for (let j = 0; j < zone.length; j++) {
    if (!isSkin[j]) continue;
    let seed = inOval[(by0 + Math.floor(j / bw)) * W + bx0 + (j % bw)]! > 0;
    for (let d = 0; d < 4 && !seed; d++) {
      const k = neighbour(j, d, bw, zone.length);
      seed = k >= 0 && zone[k] === 2;
    }
    if (seed) {
      ear[j] = 1;
      stack.push(j);
    }
  }
  if (stack.length === 0) return 0;
  while (stack.length > 0) {
    const j = stack.pop()!;
    for (let d = 0; d < 4; d++) {
      const k = neighbour(j, d, bw, ear.length);
      if (k < 0 || !isSkin[k] || ear[k]) continue;
      ear[k] = 1;
      stack.push(k);
    }
  }
  let leak = 0;
  for (let j = 0; j < ear.length; j++) if (ear[j] && outer[j]) leak++;
  if (leak > LEAK_SHARE * zoneRows) return 'skin reaches the zone’s outer side (backdrop too skin-like)';
  // Specular highlights and shadows inside the ear read as non-skin: close small gaps, then fill enclosed holes.
  const closed = fillHoles(morph(morph(ear, bw, bh, CLOSE_RADIUS, false), bw, bh, CLOSE_RADIUS, true), bw, bh);
  for (let j = 0; j < closed.length; j++) closed[j] = closed[j] && zone[j] ? 1 : 0;
  // The ear shrunk by `rimInside` (where it meets sure person it is not an outline) is person; its outline out to
  // `rimOutside` goes to the matte (it may have been sure backdrop before).
  const inside = morph(
    Uint8Array.from(closed, (v, j) => (v || zone[j] === 2 ? 1 : 0)),
    bw,
    bh,
    o.rimInside,
    true,
  );
  const near = morph(closed, bw, bh, o.rimOutside, false);
  let made = 0;
  for (let j = 0; j < near.length; j++) {
    if (!near[j]) continue;
    const i = (by0 + Math.floor(j / bw)) * W + bx0 + (j % bw);
    if (!valid[i] || trimap[i] === FOREGROUND) continue;
    trimap[i] = inside[j] ? FOREGROUND : UNKNOWN;
    if (inside[j]) made++;
  }
  return made;
}

/** Distinct backdrop colours (weighted L*a*b* on a 2-unit grid), at most MAX_BACKDROP_SAMPLES, as flat triples. */
function backdropColours(lab: Float32Array, backdrop: number[]): Float32Array {
  const seen = new Map<number, number>();
  for (const j of backdrop) {
    const key =
      (Math.round(lab[j * 3]! / 2) + 64) * 16384 +
      (Math.round(lab[j * 3 + 1]! / 2) + 64) * 128 +
      Math.round(lab[j * 3 + 2]! / 2) +
      64;
    if (!seen.has(key)) seen.set(key, j);
  }
  const picks = [...seen.values()];
  const step = Math.max(1, Math.ceil(picks.length / MAX_BACKDROP_SAMPLES));
  const out: number[] = [];
  for (let k = 0; k < picks.length; k += step) {
    const j = picks[k]!;
    out.push(lab[j * 3]!, lab[j * 3 + 1]!, lab[j * 3 + 2]!);
  }
  return Float32Array.from(out);
}

/** Square dilation (`all` false) or erosion (`all` true) by radius r; outside the array counts as 0. */
function morph(src: Uint8Array, w: number, h: number, r: number, all: boolean): Uint8Array {
  if (r <= 0) return Uint8Array.from(src);
  // Separable: a running count of 1s in the (2r+1) window along rows, then along columns.
  const need = all ? 2 * r + 1 : 1;
  const rows = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const o = y * w;
    let count = 0;
    for (let x = 0; x < r && x < w; x++) count += src[o + x]!;
    for (let x = 0; x < w; x++) {
      if (x + r < w) count += src[o + x + r]!;
      if (x - r - 1 >= 0) count -= src[o + x - r - 1]!;
      rows[o + x] = count >= need ? 1 : 0;
    }
  }
  const out = new Uint8Array(w * h);
  for (let x = 0; x < w; x++) {
    let count = 0;
    for (let y = 0; y < r && y < h; y++) count += rows[y * w + x]!;
    for (let y = 0; y < h; y++) {
      if (y + r < h) count += rows[(y + r) * w + x]!;
      if (y - r - 1 >= 0) count -= rows[(y - r - 1) * w + x]!;
      out[y * w + x] = count >= need ? 1 : 0;
    }
  }
  return out;
}

/** 4-neighbour d (0 left, 1 right, 2 up, 3 down) of index j in a w-wide array of n, or -1 off the edge. */
function neighbour(j: number, d: number, w: number, n: number): number {
  const x = j % w;
  if (d === 0) return x > 0 ? j - 1 : -1;
  if (d === 1) return x < w - 1 ? j + 1 : -1;
  if (d === 2) return j >= w ? j - w : -1;
  return j + w < n ? j + w : -1;
}

/** 1-regions plus every 0-pixel not connected (4-neighbours) to the border through 0-pixels. */
function fillHoles(src: Uint8Array, w: number, h: number): Uint8Array {
  const n = w * h;
  // 2: reached from the border; the rest of the 0s are holes
  const out = Uint8Array.from(src);
  const stack = new Int32Array(n);
  let top = 0;
  for (let j = 0; j < n; j++) {
    const x = j % w;
    const border = x === 0 || x === w - 1 || j < w || j >= n - w;
    if (border && out[j] === 0) {
      out[j] = 2;
      stack[top++] = j;
    }
  }
  while (top > 0) {
    const j = stack[--top]!;
    for (let d = 0; d < 4; d++) {
      const k = neighbour(j, d, w, n);
      if (k < 0 || out[k] !== 0) continue;
      out[k] = 2;
      stack[top++] = k;
    }
  }
  for (let j = 0; j < n; j++) out[j] = out[j] === 2 ? 0 : 1;
  return out;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Pixel bounds [x0, x1) × [y0, y1) of a polygon, clipped to the image. */
function boundingBox(poly: Point[], w: number, h: number): Box {
  const xs = poly.map((p) => p.x);
  const ys = poly.map((p) => p.y);
  return {
    x0: Math.max(0, Math.floor(Math.min(...xs))),
    y0: Math.max(0, Math.floor(Math.min(...ys))),
    x1: Math.min(w, Math.ceil(Math.max(...xs)) + 1),
    y1: Math.min(h, Math.ceil(Math.max(...ys)) + 1),
  };
}

function shrink(poly: Point[], k: number): Point[] {
  const cx = poly.reduce((s, p) => s + p.x, 0) / poly.length;
  const cy = poly.reduce((s, p) => s + p.y, 0) / poly.length;
  return poly.map((p) => ({ x: cx + (p.x - cx) * k, y: cy + (p.y - cy) * k }));
}

import { colorGuidedFilter } from './color-guided-filter';
import { finishOne, type RgbImage } from './composite';
import { defaultFaceGuardOptions, protectFace, type FaceGuardOptions } from './face-guard';
import type { FaceGuide } from './face-guide';
import { localColours, sampleLocal, type LocalColours } from './local-colours';
import { personComponents } from './mask-islands';
import { buildTrimap, defaultTrimapOptions, FOREGROUND, UNKNOWN, type TrimapOptions } from './trimap';

// Person probabilities on the output crop → alpha. Islands are dropped, a trimap fixes the confident inside and
// outside, and only the band between is refined by the colour guided filter, so the inside keeps the source's
// pixels exactly and the backdrop far from the person is exactly the new colour.

export interface MatteOptions {
  /** Guided-filter window radius in output pixels. */
  radius: number;
  /** Guided-filter regulariser (RGB variance, 0..1 units): smaller follows weaker colour edges. */
  eps: number;
  /** Distance (0..255 RGB) between the local person and backdrop colours at which the colour model is half trusted. */
  colourContrast: number;
  trimap: TrimapOptions;
  /** Face oval and ears made definitely person when a face guide is given. */
  face: FaceGuardOptions;
}

export const defaultMatteOptions: MatteOptions = {
  radius: 8,
  eps: 1e-4,
  colourContrast: 40,
  trimap: defaultTrimapOptions,
  face: defaultFaceGuardOptions,
};

export interface Matte {
  alpha: Float32Array;
  /** Local person / backdrop colours from the trimap, reused by compositeOnColor to un-mix edge pixels. */
  local: LocalColours;
}

export function matteFromProbabilities(
  crop: RgbImage,
  prob: Float32Array,
  valid: Uint8Array,
  options: MatteOptions = defaultMatteOptions,
  face?: FaceGuide | null,
): Matte {
  const { width: W, height: H } = crop;
  const person = personComponents(prob, W, H);
  const trimap = buildTrimap(prob, person, valid, W, H, options.trimap);
  // Light skin beside a light backdrop is where the mask and the colour model both fail (an ear turned see-through).
  if (face) protectFace(crop, trimap, valid, face, options.face);
  // Windows wide enough that every band pixel sees confident pixels of both kinds.
  const reach = options.trimap.inner + options.trimap.outer + 8;
  const local = localColours(crop.data, trimap, W, H, reach, reach);
  const input = bandEstimate(crop, prob, trimap, local, options.colourContrast);
  // The filter's output is read only in the band: it is computed there alone (the same values as everywhere).
  const band = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) bandRow(trimap, band, y * W, W);
  const refined = colorGuidedFilter(crop, input, options.radius, options.eps, band);
  for (let y = 0; y < H; y++) finishRow(trimap, refined, y * W, W);
  return { alpha: refined, local };
}

// Per-row kernels (see box-filter.ts: V8 optimises them after a few rows).
function bandRow(trimap: Uint8Array, band: Uint8Array, row: number, width: number): void {
  for (let i = row; i < row + width; i++) band[i] = trimap[i] === UNKNOWN ? 1 : 0;
}

function finishRow(trimap: Uint8Array, refined: Float32Array, row: number, width: number): void {
  for (let i = row; i < row + width; i++) {
    const t = trimap[i]!;
    refined[i] = t === UNKNOWN ? finishOne(refined[i]!) : t === FOREGROUND ? 1 : 0;
  }
}

/**
 * The guided filter's input: 1 / 0 where the trimap is sure; in the band, how close each pixel's colour is to the
 * nearby person colour rather than the nearby backdrop colour (projection onto the line between the two local
 * means), trusted in proportion to how different those two colours are and blended with the model's probability
 * otherwise. This is what removes a backdrop patch the model confidently called person.
 */
export function bandEstimate(
  crop: RgbImage,
  prob: Float32Array,
  trimap: Uint8Array,
  local: LocalColours,
  colourContrast: number,
): Float32Array {
  const { width: W, height: H, data } = crop;
  const out = new Float32Array(W * H);
  const v = new Float64Array(8);
  const k2 = colourContrast * colourContrast;
  for (let y = 0; y < H; y++) bandEstimateRow(data, prob, trimap, local, out, v, k2, y, W);
  return out;
}

function bandEstimateRow(
  data: Uint8Array,
  prob: Float32Array,
  trimap: Uint8Array,
  local: LocalColours,
  out: Float32Array,
  v: Float64Array,
  k2: number,
  y: number,
  W: number,
): void {
  for (let x = 0, i = y * W, o = i * 3; x < W; x++, i++, o += 3) {
    const t = trimap[i]!;
    if (t !== UNKNOWN) {
      out[i] = t === FOREGROUND ? 1 : 0;
      continue;
    }
    sampleLocal(local, x, y, v);
    if (v[0]! <= 1e-4 || v[4]! <= 1e-4) {
      out[i] = prob[i]!;
      continue;
    }
    const d0 = v[1]! - v[5]!;
    const d1 = v[2]! - v[6]!;
    const d2 = v[3]! - v[7]!;
    const dd = d0 * d0 + d1 * d1 + d2 * d2;
    const proj = ((data[o]! - v[5]!) * d0 + (data[o + 1]! - v[6]!) * d1 + (data[o + 2]! - v[7]!) * d2) / (dd + 1);
    const byColour = proj < 0 ? 0 : proj > 1 ? 1 : proj;
    const trust = dd / (dd + k2);
    out[i] = trust * byColour + (1 - trust) * prob[i]!;
  }
}

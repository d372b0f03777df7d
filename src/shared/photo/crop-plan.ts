import { defaultCheckThresholds, KEYPOINT_MIN_SCORE } from '../spec/check-thresholds';
import type { GeometrySpec } from '../spec/profile';
import { refusal, type Refusal, type RefusalCode } from './refusal';
import type { EdgeOccupancy, SubjectMeasure } from './subject';

// Choose the scale and offset of the 3:4 crop so that head top, eye line and face width land inside the profile's
// ranges (as near their middles as possible) with the face centred. Pure: source-pixel measurements in, plan out.
//
// Hard limits (refuse): the face needs more upscaling than `maxUpscale`; the head touches the top edge; the
// shoulders cannot both be in the frame; the crop would need person pixels the source does not have (below the
// bottom edge, or past a side where the person touches it). Past the top and the sides the crop may extend onto
// pure background (filled with the profile colour) — never below the bottom edge.
// Soft limits (produce, and let 初审 fail it with the reason): when a person's proportions make the head-top range
// or the chest below the shoulders impossible together with the eye line and face width (e.g. a high hair bun),
// the crop keeps face width, centring and eye line and gets as close as it can on the rest.

export interface CropOptions {
  /** Largest output/source scale accepted (upscaling softens the photo; beyond this the face is too small). */
  maxUpscale: number;
  /** Safety margin (output px) inside the head-top and eye-line ranges, for the 初审 re-measurement noise. */
  margin: number;
  /** Same for the face width (landmark-based, steadier than the mask-based head top). */
  faceWidthMargin: number;
  /** Face centre may move this far off centre (output px) to bring both shoulders in. */
  centerSlack: number;
  /** A shoulder joint (MoveNet keypoint) may sit this far past a side edge (output px): the shoulder line still shows. */
  shoulderOverhang: number;
  /** MoveNet score from which a shoulder keypoint counts as seen. */
  shoulderMinScore: number;
  /** Source pixels the crop may run past the bottom edge (rounding only: no person pixels are invented). */
  bottomTolerance: number;
  /** Chest shown below the shoulder line, × eye-to-shoulder distance (≈ third button; the 初审 checks ask the same). */
  chestBelowShoulders: number;
}

export const defaultCropOptions: CropOptions = {
  maxUpscale: 2.5,
  margin: 8,
  faceWidthMargin: 4,
  centerSlack: 6,
  shoulderOverhang: 24,
  shoulderMinScore: KEYPOINT_MIN_SCORE,
  bottomTolerance: 1,
  chestBelowShoulders: defaultCheckThresholds.framing.chestBelowShoulders,
};

export interface CropPlan {
  /** Crop rectangle in source pixels; may extend past the top/left/right edges (filled with background). */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Output pixels per source pixel. */
  scale: number;
  /** Where the measurements land on the output. */
  predicted: { headTop: number; eyeLine: number; faceWidth: number; centerOffset: number };
  extendsPast: { top: boolean; left: boolean; right: boolean };
  /** True when the soft limits could not all be met (the 初审 will say which). */
  compromised: boolean;
  shouldersChecked: boolean;
}

export type CropResult = { ok: true; plan: CropPlan } | { ok: false; refusal: Refusal };

type Constraint = 'bottom' | 'top' | 'sides' | 'shoulders';
type Plan = Omit<CropPlan, 'shouldersChecked' | 'compromised'>;

interface Size {
  width: number;
  height: number;
}

const STEPS = 240;
const ALL: Constraint[] = ['bottom', 'top', 'sides', 'shoulders'];

export function planFinalCrop(
  subject: SubjectMeasure,
  output: Size,
  geometry: GeometrySpec,
  options: CropOptions = defaultCropOptions,
): CropResult {
  if (overlaps(subject.edges.top, subject.faceLeft, subject.faceRight))
    return { ok: false, refusal: refusal('head_cut_top') };
  const shouldersChecked = subject.leftShoulder !== null || subject.rightShoulder !== null;
  const s: SubjectMeasure = shouldersChecked
    ? {
        ...subject,
        leftShoulder: seen(subject.leftShoulder, options),
        rightShoulder: seen(subject.rightShoulder, options),
      }
    : subject;
  if (shouldersChecked && (!s.leftShoulder || !s.rightShoulder))
    return { ok: false, refusal: refusal('shoulders_cut') };
  if ((geometry.faceWidth.min + options.faceWidthMargin) / s.faceWidth > options.maxUpscale)
    return { ok: false, refusal: refusal('face_too_small') };
  if (s.eyeY - s.headTop <= 0) return { ok: false, refusal: refusal('head_proportions') };
  const all = new Set(ALL);
  const strict = search(s, output, geometry, options, all, false);
  if (strict) return { ok: true, plan: { ...strict, compromised: false, shouldersChecked } };
  const soft = search(s, output, geometry, options, all, true);
  if (soft) return { ok: true, plan: { ...soft, compromised: true, shouldersChecked } };
  // Name the hard limit whose removal would make a plan possible (in the order an operator can act on).
  const reasons: [Constraint, RefusalCode][] = [
    ['bottom', 'source_too_short'],
    ['top', 'head_cut_top'],
    ['sides', 'subject_cut_side'],
    ['shoulders', 'shoulders_cut'],
  ];
  for (const [c, code] of reasons) {
    if (search(s, output, geometry, options, new Set(ALL.filter((x) => x !== c)), true))
      return { ok: false, refusal: refusal(code) };
  }
  return { ok: false, refusal: refusal('source_too_short') };
}

function seen(k: SubjectMeasure['leftShoulder'], o: CropOptions) {
  return k && k.score >= o.shoulderMinScore ? k : null;
}

function search(
  s: SubjectMeasure,
  out: Size,
  g: GeometrySpec,
  o: CropOptions,
  active: Set<Constraint>,
  soft: boolean,
): Plan | null {
  const m = o.margin;
  const dE = s.eyeY - s.headTop;
  const fwMin = g.faceWidth.min + o.faceWidthMargin;
  const fwMax = g.faceWidth.max - o.faceWidthMargin;
  let lo = fwMin / s.faceWidth;
  let hi = Math.min(fwMax / s.faceWidth, o.maxUpscale);
  if (!soft) {
    lo = Math.max(lo, (g.eyeLine.min - g.headTop.max + 2 * m) / dE);
    hi = Math.min(hi, (g.eyeLine.max - g.headTop.min - 2 * m) / dE);
  }
  if (lo > hi) return null;
  const mid = (r: { min: number; max: number }) => (r.min + r.max) / 2;
  const half = (r: { min: number; max: number }) => (r.max - r.min) / 2;
  const wh = 1 / half(g.headTop) ** 2;
  const we = 1 / half(g.eyeLine) ** 2;
  const shoulders =
    active.has('shoulders') && s.leftShoulder && s.rightShoulder ? [s.leftShoulder, s.rightShoulder] : [];
  let best: { cost: number; plan: Plan } | null = null;
  for (let i = 0; i <= STEPS; i++) {
    const scale = lo + ((hi - lo) * i) / STEPS;
    const cw = out.width / scale;
    const ch = out.height / scale;
    // Horizontal: centred on the face, moved by at most centerSlack when that brings both shoulders in.
    let x = s.faceCx - cw / 2;
    if (shoulders.length) {
      const over = o.shoulderOverhang / scale;
      const xMax = Math.min(...shoulders.map((k) => k.x)) + over;
      const xMin = Math.max(...shoulders.map((k) => k.x)) - over - cw;
      const slack = o.centerSlack / scale;
      x = Math.min(Math.max(x, xMin), xMax);
      if (x < xMin - 1e-9 || Math.abs(x - (s.faceCx - cw / 2)) > slack + 1e-9) continue;
    }
    // Vertical hard bounds.
    let hardLo = -Infinity;
    let hardHi = Infinity;
    if (active.has('bottom')) hardHi = s.height + o.bottomTolerance - ch;
    if (active.has('top') && overlaps(s.edges.top, x, x + cw)) hardLo = 0;
    for (const k of shoulders) hardLo = Math.max(hardLo, k.y - ch);
    // Soft bounds: head top and eye line in their (margined) ranges, chest below the shoulders.
    let rangeLo = Math.max(s.headTop - (g.headTop.max - m) / scale, s.eyeY - (g.eyeLine.max - m) / scale);
    const rangeHi = Math.min(s.headTop - (g.headTop.min + m) / scale, s.eyeY - (g.eyeLine.min + m) / scale);
    let chestY = -Infinity;
    if (shoulders.length) {
      const shoulderY = (shoulders[0]!.y + shoulders[1]!.y) / 2;
      chestY = shoulderY + o.chestBelowShoulders * Math.max(0, shoulderY - s.eyeY);
      rangeLo = Math.max(rangeLo, chestY - ch);
    }
    const yOpt = (wh * (s.headTop - mid(g.headTop) / scale) + we * (s.eyeY - mid(g.eyeLine) / scale)) / (wh + we);
    let y: number;
    const lo2 = Math.max(hardLo, rangeLo);
    const hi2 = Math.min(hardHi, rangeHi);
    if (lo2 <= hi2 + 1e-9) y = Math.min(hi2, Math.max(lo2, yOpt));
    else if (!soft) continue;
    else {
      // Soft: the eye line stays in its range (it anchors the composition); head top and chest may miss.
      const eyeLo = Math.max(hardLo, s.eyeY - (g.eyeLine.max - m) / scale);
      const eyeHi = Math.min(hardHi, s.eyeY - (g.eyeLine.min + m) / scale);
      if (eyeLo > eyeHi + 1e-9) continue;
      y = Math.min(eyeHi, Math.max(eyeLo, Math.min(Math.max(yOpt, rangeLo), Math.max(rangeLo, rangeHi))));
    }
    if (active.has('sides') && !sidesOk(s, x, y, cw, ch)) continue;
    const head = (s.headTop - y) * scale;
    const eye = (s.eyeY - y) * scale;
    const fw = s.faceWidth * scale;
    const centerOffset = (s.faceCx - x) * scale - out.width / 2;
    const outside = (v: number, r: { min: number; max: number }) => Math.max(0, r.min + m - v, v - (r.max - m));
    const violation =
      outside(head, g.headTop) ** 2 + outside(eye, g.eyeLine) ** 2 + Math.max(0, (chestY - y - ch) * scale) ** 2;
    const cost =
      ((fw - mid(g.faceWidth)) / half(g.faceWidth)) ** 2 +
      ((head - mid(g.headTop)) / half(g.headTop)) ** 2 +
      ((eye - mid(g.eyeLine)) / half(g.eyeLine)) ** 2 +
      (centerOffset / 10) ** 2 +
      0.05 * scale +
      violation;
    if (!best || cost < best.cost) {
      best = {
        cost,
        plan: {
          x,
          y,
          width: cw,
          height: ch,
          scale,
          predicted: { headTop: head, eyeLine: eye, faceWidth: fw, centerOffset },
          extendsPast: { top: y < 0, left: x < 0, right: x + cw > s.width },
        },
      };
    }
  }
  return best?.plan ?? null;
}

function sidesOk(s: SubjectMeasure, x: number, y: number, cw: number, ch: number): boolean {
  const y0 = Math.max(0, y);
  const y1 = Math.min(s.height, y + ch);
  if (x < 0 && overlaps(s.edges.left, y0, y1)) return false;
  if (x + cw > s.width && overlaps(s.edges.right, y0, y1)) return false;
  return true;
}

export function overlaps(runs: EdgeOccupancy['top'], a: number, b: number): boolean {
  return runs.some(([s, e]) => s < b && e > a);
}

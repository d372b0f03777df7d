import type { Box, EyeLandmarks, FaceDetection, Point } from '../vision/analysis';
import { rgbToLab, deltaE2000, type Lab } from '../color/lab';
import { boxAround, forEachPixel, gradeAbove, gradeBelow, median, NO_FACE, result, type CheckContext } from './context';
import { MESH } from './face-geometry';
import type { CheckResult } from './types';

const dist = (p: Point, q: Point) => Math.hypot(p.x - q.x, p.y - q.y);

const centreOf = (b: Box) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });
/** q's centre within p's box grown `grow` times about its centre. */
const centreWithin = (q: Box, p: Box, grow: number) => {
  const c = centreOf(q);
  const m = centreOf(p);
  return Math.abs(c.x - m.x) <= (p.width * grow) / 2 && Math.abs(c.y - m.y) <= (p.height * grow) / 2;
};

/**
 * FaceMesh presence a tiled-search face needs to count (the analyzer's MESH_MIN_SCORE for the sitter's landmarks).
 * Measured (/tmp crowd survey, 2026-12-02): real faces of the tiled search on the portraits, dev photos (raw, live
 * 720 p, finals) read 0.996–1.000; the one false face (the hair bun on portrait-05's final) read 0.001.
 */
export const OTHER_FACE_MIN_PRESENCE = 0.5;

/**
 * A tiled face under this fraction of a whole-frame face's width is not that face, wherever its centre falls in the
 * 1.5× grown box — unless its centre is inside the face's own box (a face cannot sit on another face: a small hit
 * there is a part of it, an eye or the mouth, seen in a tile). The tiled pass is a few frames older than a live
 * frame, but the sitter's size hardly changes between them; a face a third the sitter's size beside the sitter is
 * somebody else (held-out p09-1: two 30–39 px faces beside a 108 px sitter).
 */
export const SAME_FACE_MIN_WIDTH = 0.5;

/** Is the tiled face `t` the whole-frame face `f` (moved a little between the frames, about the same size)? */
const sameFace = (t: Box, f: Box) => {
  if (centreWithin(t, f, 1)) return true;
  const similar = Math.min(t.width, f.width) >= SAME_FACE_MIN_WIDTH * Math.max(t.width, f.width);
  return similar && (centreWithin(t, f, 1.5) || centreWithin(f, t, 1.5));
};

/**
 * Faces of the zoomed tiled search that are none of the whole-frame faces (sameFace: either centre inside the
 * other's box grown 1.5× for the sitter moving between a live frame and the tiled pass a few frames older, and a
 * similar size) and that FaceMesh confirms as a face (`presence`; a detection without it — an analysis from before
 * the confirmation — counts).
 */
export function otherFaces(a: { faces: FaceDetection[]; tiledFaces?: FaceDetection[] }, minScore: number) {
  return (a.tiledFaces ?? []).filter(
    (t) =>
      t.score >= minScore &&
      (t.presence ?? 1) >= OTHER_FACE_MIN_PRESENCE &&
      !a.faces.some((f) => sameFace(t.box, f.box)),
  );
}

/**
 * face.count — exactly one face: BlazeFace on the whole frame, plus the faces its zoomed tiled search finds
 * elsewhere (small faces behind the sitter; when the whole frame finds none, the tiles' face is the one).
 */
export function checkFaceCount(ctx: CheckContext): CheckResult {
  const th = ctx.t.face;
  const faces = ctx.analysis.faces.filter((f) => f.score >= th.minScore);
  const others = otherFaces({ ...ctx.analysis, faces }, th.otherMinScore);
  const n = faces.length + others.length;
  if (n === 1) return result('face.count', 'pass', 1, 1, '检测到一张人脸', faces[0]?.box ?? others[0]!.box);
  if (n === 0) return result('face.count', 'fail', 0, 1, '未检测到人脸，请正对镜头');
  const second = faces[1] ?? others[0]!;
  return result('face.count', 'fail', n, 1, `检测到 ${n} 张人脸，画面中只能有一人`, second.box);
}

/** head.pose — yaw, pitch and roll (roll = the pupil line angle, a vendor 初审 measure). Value: worst ratio to its fail limit. */
export function checkHeadPose(ctx: CheckContext): CheckResult {
  const pose = ctx.analysis.pose;
  const th = ctx.t.pose;
  const thr = `|yaw|≤${th.yaw.fail}° |pitch|≤${th.pitch.fail}° |roll|≤${th.roll.fail}°`;
  if (!pose || !ctx.geo) return result('head.pose', 'fail', null, thr, NO_FACE);
  // The pupil line from the eye centres is the vendor's 瞳孔平行角度.
  const g = ctx.geo;
  const roll = (Math.atan2(g.leftEye.y - g.rightEye.y, g.leftEye.x - g.rightEye.x) * 180) / Math.PI;
  const parts = [
    {
      v: Math.abs(roll),
      l: th.roll,
      msg: roll > 0 ? '头部向右歪（画面右侧低），请把头摆正' : '头部向左歪（画面左侧低），请把头摆正',
    },
    {
      v: Math.abs(pose.yaw),
      l: th.yaw,
      msg: pose.yaw > 0 ? '头部向左转，请稍向右转正对镜头' : '头部向右转，请稍向左转正对镜头',
    },
    {
      v: Math.abs(pose.pitch),
      l: th.pitch,
      msg: pose.pitch > 0 ? '下巴抬高了，请微收下巴平视镜头' : '低头了，请抬头平视镜头',
    },
  ];
  const graded = parts.map((p) => ({ ...p, s: gradeAbove(p.v, p.l.warn, p.l.fail), r: p.v / p.l.fail }));
  const worst = graded.reduce((w, p) => (p.r > w.r ? p : w));
  const status = graded.some((p) => p.s === 'fail') ? 'fail' : graded.some((p) => p.s === 'warn') ? 'warn' : 'pass';
  const region = boxAround(g.centerX, g.eyeLineY, g.faceWidth * 1.2, g.faceWidth * 1.4);
  const r = result('head.pose', status, roll, thr, status === 'pass' ? '头部端正' : worst.msg, region);
  return { ...r, vendorName: '瞳孔平行角度' };
}

/**
 * Lid opening of one eye from the iris model's contour: the largest upper-to-lower lid distance over the eye's
 * span, divided by the corner-to-corner width. A closed lid lies on the lower one (≈0.02–0.16 on real closed eyes),
 * an open eye shows 0.26–0.45 (0.2 in a broad smile).
 */
export function eyeOpenness(eye: EyeLandmarks): number {
  const lo = eye.lowerLid;
  const width = dist(lo[0]!, lo[lo.length - 1]!);
  let gap = 0;
  eye.upperLid.forEach((u, k) => (gap = Math.max(gap, dist(u, lo[k + 1]!))));
  return gap / Math.max(1e-6, width);
}

const EYE_NAME = { right: '右眼（画面左侧）', left: '左眼（画面右侧）' } as const;

/**
 * eyes.open — each eye on its own. With the iris model: its lid opening (eyeOpenness) below the fail floor, or
 * much less open than the other eye (a wink), fails. Value: the more closed eye's opening.
 */
export function checkEyesOpen(ctx: CheckContext): CheckResult {
  const th = ctx.t.eyes;
  if (!ctx.geo) return result('eyes.open', 'fail', null, th.failBelow, NO_FACE);
  const g = ctx.geo;
  const region = boxAround(g.centerX, g.eyeLineY, g.faceWidth * 0.9, g.faceWidth * 0.3);
  const eyes = ctx.analysis.eyes;
  if (!eyes || eyes.length !== 2) return checkEyesOpenFromMesh(ctx, region);
  const open = eyes.map((e) => ({ side: e.side, v: eyeOpenness(e) }));
  const [shut, other] = open[0]!.v <= open[1]!.v ? [open[0]!, open[1]!] : [open[1]!, open[0]!];
  const thr = `每只眼≥${th.failBelow}，两眼比≥${th.winkRatio}`;
  const both = other.v < th.failBelow;
  if (shut.v < th.failBelow || shut.v < other.v * th.winkRatio) {
    const msg = both ? '双眼闭合，请睁开双眼，自然平视镜头' : `${EYE_NAME[shut.side]}闭合，请睁开双眼，自然平视镜头`;
    return result('eyes.open', 'fail', shut.v, thr, msg, region);
  }
  if (shut.v < th.warnBelow) return result('eyes.open', 'warn', shut.v, thr, '眼睛半闭，请自然睁大眼睛', region);
  return result('eyes.open', 'pass', shut.v, thr, '双眼睁开', region);
}

function eyeOpening(ctx: CheckContext, corners: readonly number[], lids: readonly number[]): number {
  const p = ctx.analysis.landmarks!.points;
  return dist(p[lids[0]!]!, p[lids[1]!]!) / Math.max(1e-6, dist(p[corners[0]!]!, p[corners[1]!]!));
}

/** Fallback without the iris model: the base mesh's eye aspect ratio and the skin share inside the eye contour. */
function checkEyesOpenFromMesh(ctx: CheckContext, region: Box): CheckResult {
  const th = ctx.t.eyes;
  const right = eyeOpening(ctx, MESH.rightEyeCorners, MESH.rightEyeLids);
  const left = eyeOpening(ctx, MESH.leftEyeCorners, MESH.leftEyeLids);
  const v = Math.min(right, left);
  // The base FaceMesh tends to keep drawing open lids over closed eyes, so the pixels inside the eye contour are
  // checked too: an open eye shows iris and sclera, a closed one only skin.
  const skin = skinLab(ctx);
  const p = ctx.analysis.landmarks!.points;
  const skinShare = skin
    ? Math.max(
        ...[MESH.rightEyeRing, MESH.leftEyeRing].map((ring) =>
          eyeSkinShare(
            ctx,
            ring.map((i) => p[i]!),
            skin,
          ),
        ),
      )
    : 0;
  const status = skinShare > th.skinFail ? 'fail' : gradeBelow(v, th.meshWarnBelow, th.meshFailBelow);
  const msg =
    status === 'fail' ? '请睁开双眼，自然平视镜头' : status === 'warn' ? '眼睛半闭，请自然睁大眼睛' : '双眼睁开';
  return result('eyes.open', status, v, th.meshFailBelow, msg, region);
}

function eyeSkinShare(ctx: CheckContext, ring: Point[], skin: Lab): number {
  const xs = ring.map((q) => q.x);
  const ys = ring.map((q) => q.y);
  const box = {
    x: Math.min(...xs),
    y: Math.min(...ys),
    width: Math.max(...xs) - Math.min(...xs),
    height: Math.max(...ys) - Math.min(...ys),
  };
  let inside = 0;
  let skinN = 0;
  forEachPixel(ctx, box, 300, (r, g, b, x, y) => {
    if (!pointInPolygon(x, y, ring)) return;
    inside++;
    if (deltaE2000(rgbToLab(r, g, b), skin) < 12) skinN++;
  });
  return inside >= 6 ? skinN / inside : 0;
}

/** Mouth width at rest / outer-eye-corner span (median of the closed mouths on the real set, issue 11). */
export const MOUTH_REST_WIDTH = 0.55;

/**
 * mouth.closed — lip gap / mouth width (at least its rest width), and teeth-coloured pixels inside the inner lip
 * contour; in 初审 (where the face parsing ran) also the parsing's inner-mouth area (teeth, tongue, the dark gap:
 * a learned cue that still sees a smile's teeth on a 250 px news crop, where the lip gap is 0.05–0.10 and the
 * teeth colour cue misses them).
 */
export function checkMouthClosed(ctx: CheckContext): CheckResult {
  const th = ctx.t.mouth;
  if (!ctx.geo) return result('mouth.closed', 'fail', null, th.gapFail, NO_FACE);
  const p = ctx.analysis.landmarks!.points;
  const width = dist(p[MESH.mouthCorners[0]]!, p[MESH.mouthCorners[1]]!);
  // Measured against the mouth's width at rest at least: pursed or puckered lips are narrower (real set: a pucker
  // 0.43 × the outer eye corners' span, every other mouth 0.48–0.81, median of closed ones 0.55), and their own
  // width would turn thick closed lips into a "gap" (wink-01: 0.13 of its width, 0.10 of the rest width).
  const restWidth = MOUTH_REST_WIDTH * dist(p[MESH.rightEyeCorners[0]]!, p[MESH.leftEyeCorners[0]]!);
  const gap = dist(p[MESH.innerLips[0]]!, p[MESH.innerLips[1]]!) / Math.max(1e-6, width, restWidth);
  const ring = MESH.innerLipRing.map((i) => p[i]!);
  const skin = skinLab(ctx);
  const teeth = skin ? teethShare(ctx, ring, skin) : 0;
  const region = boxAround((p[61]!.x + p[291]!.x) / 2, (p[13]!.y + p[14]!.y) / 2, width * 1.3, width * 0.7);
  const inner = ctx.analysis.parsing?.mouthArea;
  const thr = `gap≤${th.gapFail} teeth≤${th.teethFail}${inner !== undefined ? ` mouth<${th.parsingFail}` : ''}`;
  if (gap > th.gapFail || (teeth > th.teethFail && gap > th.gapWarn / 2))
    return result(
      'mouth.closed',
      'fail',
      gap,
      thr,
      teeth > th.teethFail ? '露出牙齿了，请自然闭合嘴唇' : '请闭合嘴唇',
      region,
    );
  // The lip gap's value is kept (a parsing fail says which cue in its message, the threshold names both).
  if (inner !== undefined && inner >= th.parsingFail)
    return result('mouth.closed', 'fail', gap, thr, '嘴巴张开或露出牙齿，请自然闭合嘴唇', region);
  if (gap > th.gapWarn) return result('mouth.closed', 'warn', gap, thr, '嘴唇微张，请自然闭合嘴唇', region);
  return result('mouth.closed', 'pass', gap, thr, '嘴唇闭合', region);
}

/**
 * Share of teeth-like pixels inside the inner lip polygon: about as light as the cheeks (L ≥ skin − 5) and less than
 * half as coloured (Lab chroma). Lips are more saturated than the skin, teeth nearly colourless; relative to the
 * sitter's own skin, so pale lips in a bright photo do not read as teeth (real set: closed lips ≤ 0.01, teeth
 * 0.08–0.38; the former absolute rule — luma > 120, low saturation — gave closed lips up to 0.67).
 */
export function teethShare(ctx: CheckContext, ring: Point[], skin: Lab): number {
  const xs = ring.map((q) => q.x);
  const ys = ring.map((q) => q.y);
  const box = {
    x: Math.min(...xs),
    y: Math.min(...ys),
    width: Math.max(...xs) - Math.min(...xs),
    height: Math.max(...ys) - Math.min(...ys),
  };
  if (box.height < 1) return 0;
  let inside = 0;
  let teeth = 0;
  const skinChroma = Math.hypot(skin.a, skin.b);
  forEachPixel(ctx, box, 600, (r, g, b, x, y) => {
    if (!pointInPolygon(x, y, ring)) return;
    inside++;
    const lab = rgbToLab(r, g, b);
    if (lab.L >= skin.L - 5 && Math.hypot(lab.a, lab.b) < 0.5 * skinChroma) teeth++;
  });
  return inside ? teeth / inside : 0;
}

export function pointInPolygon(x: number, y: number, poly: Point[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i]!;
    const b = poly[j]!;
    if (a.y > y !== b.y > y && x < ((b.x - a.x) * (y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** Median Lab colour of the cheeks (skin reference for ears, highlights). */
export function skinLab(ctx: CheckContext): Lab | null {
  const g = ctx.geo;
  if (!g) return null;
  const p = ctx.analysis.landmarks!.points;
  const Ls: number[] = [];
  const As: number[] = [];
  const Bs: number[] = [];
  for (const i of [50, 280, 101, 330]) {
    forEachPixel(ctx, boxAround(p[i]!.x, p[i]!.y, g.faceWidth * 0.1, g.faceWidth * 0.1), 30, (r, gg, b) => {
      const lab = rgbToLab(r, gg, b);
      Ls.push(lab.L);
      As.push(lab.a);
      Bs.push(lab.b);
    });
  }
  return Ls.length ? { L: median(Ls), a: median(As), b: median(Bs) } : null;
}

/**
 * ears.symmetric — both ears visible (skin-coloured pixels just outside the face contour at ear height) and
 * alike on both sides. Hair over an ear leaves hair-coloured pixels there.
 */
export function checkEarsSymmetric(ctx: CheckContext): CheckResult {
  const th = ctx.t.ears;
  const thr = `visible≥${th.failBelow}（${th.minVisible}）`;
  const g = ctx.geo;
  const skin = skinLab(ctx);
  if (!g || !skin) return result('ears.symmetric', 'fail', null, thr, NO_FACE);
  const p = ctx.analysis.landmarks!.points;
  const side = (cheek: Point, dir: number) => {
    const w = g.faceWidth * 0.13;
    const box = { x: dir > 0 ? cheek.x : cheek.x - w, y: g.eyeLineY, width: w, height: (p[2]!.y - g.eyeLineY) * 1.1 };
    let n = 0;
    let skinN = 0;
    forEachPixel(ctx, box, 200, (r, gg, b) => {
      n++;
      if (deltaE2000(rgbToLab(r, gg, b), skin) < 22) skinN++;
    });
    return { share: n ? skinN / n : 0, box };
  };
  const right = side(p[234]!, -1);
  const left = side(p[454]!, 1);
  const v = Math.min(right.share, left.share);
  const asym = Math.abs(right.share - left.share) / Math.max(0.01, Math.max(right.share, left.share));
  const region = v === right.share ? right.box : left.box;
  if (v < th.minVisible) {
    const hidden = v < th.failBelow;
    const which =
      right.share < th.minVisible && left.share < th.minVisible
        ? '双耳'
        : right.share < left.share
          ? '右耳（画面左侧）'
          : '左耳（画面右侧）';
    return result(
      'ears.symmetric',
      hidden ? 'fail' : 'warn',
      v,
      thr,
      `${which}${hidden ? '' : '部分'}被头发遮挡，请把头发拢到耳后`,
      region,
    );
  }
  if (asym > th.maxAsymmetry)
    return result('ears.symmetric', 'warn', v, thr, '双耳露出不对称，请正对镜头并整理头发', region);
  return result('ears.symmetric', 'pass', v, thr, '双耳露出且对称', region);
}

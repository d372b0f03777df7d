import type { Analysis, BodyKeypoint, PersonMask } from '../vision/analysis';
import { maskValueAt } from '../vision/mask-ops';
import { faceGeometry, type FaceGeometry } from '../checks/face-geometry';
import { refusal, type Refusal } from './refusal';

// What the crop needs to know about the person, measured on one analysis (analysed-image pixels).

/** Person mask probability (0..255) counted as person. */
export const PERSON_THRESHOLD = 128;
/** A second face at least this fraction of the main face's width counts as another person. */
const SECOND_FACE_RATIO = 0.25;
const MIN_FACE_SCORE = 0.5;

/** Runs [start, end) along one image edge where the person mask touches that edge. */
export interface EdgeOccupancy {
  top: [number, number][];
  bottom: [number, number][];
  left: [number, number][];
  right: [number, number][];
}

export interface SubjectMeasure {
  width: number;
  height: number;
  eyeY: number;
  faceLeft: number;
  faceRight: number;
  faceWidth: number;
  faceCx: number;
  foreheadY: number;
  chinY: number;
  headTop: number;
  headTopFrom: 'mask' | 'landmarks';
  leftShoulder: BodyKeypoint | null;
  rightShoulder: BodyKeypoint | null;
  edges: EdgeOccupancy;
}

export type MeasureResult = { ok: true; subject: SubjectMeasure } | { ok: false; refusal: Refusal };

/** Faces that count as a person in the picture (a tiny face far behind is ignored: the background goes anyway). */
export function significantFaces(analysis: Analysis): number {
  const faces = analysis.faces.filter((f) => f.score >= MIN_FACE_SCORE);
  if (faces.length === 0) return 0;
  const largest = Math.max(...faces.map((f) => f.box.width));
  return faces.filter((f) => f.box.width >= largest * SECOND_FACE_RATIO).length;
}

export function measureSubject(analysis: Analysis): MeasureResult {
  const faceCount = significantFaces(analysis);
  if (faceCount > 1) return { ok: false, refusal: refusal('multiple_faces') };
  const geo = faceGeometry(analysis);
  if (faceCount === 0 || !geo) return { ok: false, refusal: refusal('no_face') };
  return { ok: true, subject: subjectOf(analysis, geo) };
}

/**
 * The crop planner's view of the person from the same face measurements as the 初审 checks (src/shared/checks), so
 * production aims where review measures — and the live framing checks plan with exactly this (checks/crop-plan.ts).
 */
export function subjectOf(analysis: Analysis, geo: FaceGeometry): SubjectMeasure {
  const half = geo.faceWidth / 2;
  const mask = analysis.mask;
  const shoulder = (name: BodyKeypoint['name']) => analysis.body.find((k) => k.name === name) ?? null;
  const subject: SubjectMeasure = {
    width: analysis.width,
    height: analysis.height,
    eyeY: geo.eyeLineY,
    faceLeft: geo.centerX - half,
    faceRight: geo.centerX + half,
    faceWidth: geo.faceWidth,
    faceCx: geo.centerX,
    foreheadY: geo.foreheadTop.y,
    chinY: geo.chin.y,
    headTop: geo.headTopY,
    headTopFrom: geo.headTopFromMask ? 'mask' : 'landmarks',
    leftShoulder: shoulder('left_shoulder'),
    rightShoulder: shoulder('right_shoulder'),
    edges: mask ? edgeOccupancy(mask, analysis.width, analysis.height) : { top: [], bottom: [], left: [], right: [] },
  };
  return subject;
}

/** Where the person touches each edge of the image (image pixels along that edge). */
export function edgeOccupancy(mask: PersonMask, width: number, height: number): EdgeOccupancy {
  const runs = (length: number, at: (t: number) => number): [number, number][] => {
    const out: [number, number][] = [];
    let start = -1;
    for (let t = 0; t < length; t++) {
      const person = at(t + 0.5) >= PERSON_THRESHOLD;
      if (person && start < 0) start = t;
      if (!person && start >= 0) {
        out.push([start, t]);
        start = -1;
      }
    }
    if (start >= 0) out.push([start, length]);
    return out;
  };
  return {
    top: runs(width, (x) => maskValueAt(mask, width, height, x, 0)),
    bottom: runs(width, (x) => maskValueAt(mask, width, height, x, height - 1)),
    left: runs(height, (y) => maskValueAt(mask, width, height, 0, y)),
    right: runs(height, (y) => maskValueAt(mask, width, height, width - 1, y)),
  };
}

/** The same measurements in the coordinates of an image k times larger (analysis copy → original). */
export function scaleSubject(s: SubjectMeasure, kx: number, ky: number): SubjectMeasure {
  const kp = (b: BodyKeypoint | null): BodyKeypoint | null => (b ? { ...b, x: b.x * kx, y: b.y * ky } : null);
  const kr = (r: [number, number][], k: number): [number, number][] => r.map(([a, b]) => [a * k, b * k]);
  return {
    ...s,
    width: s.width * kx,
    height: s.height * ky,
    eyeY: s.eyeY * ky,
    faceLeft: s.faceLeft * kx,
    faceRight: s.faceRight * kx,
    faceWidth: s.faceWidth * kx,
    faceCx: s.faceCx * kx,
    foreheadY: s.foreheadY * ky,
    chinY: s.chinY * ky,
    headTop: s.headTop * ky,
    leftShoulder: kp(s.leftShoulder),
    rightShoulder: kp(s.rightShoulder),
    edges: {
      top: kr(s.edges.top, kx),
      bottom: kr(s.edges.bottom, kx),
      left: kr(s.edges.left, ky),
      right: kr(s.edges.right, ky),
    },
  };
}

import type { Analysis, BodyKeypoint, Point } from '../vision/analysis';

// Where the face and the ears are on the output crop, from what the vision analysis already measured: the FaceMesh
// silhouette, BlazeFace's ear tragions and MoveNet's ear keypoints.

/** Face geometry in crop pixels (from FaceMesh, BlazeFace and MoveNet; see faceGuideFromAnalysis). */
export interface FaceGuide {
  /** FaceMesh silhouette, in order around the face. */
  oval: Point[];
  /** Cheek points at the face's widest (mesh 234 image-left, 454 image-right): face width and axis. */
  cheeks: [Point, Point];
  /** Eyebrow tops (mesh 105, 334) and nose base (mesh 2): the usual vertical extent of an ear. */
  brows: [Point, Point];
  noseBase: Point;
  /** Ear tragion estimate, image-left then image-right (null when no detector gave one). */
  tragions: [Point | null, Point | null];
}

/** Landmark indices of the FaceMesh face silhouette (clockwise from the forehead top). */
export const FACE_OVAL = [
  10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136,
  172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
] as const;

/** MoveNet ear keypoints below this score are not used. */
const EAR_MIN_SCORE = 0.3;

/**
 * The guide in crop pixels (`toCrop` maps analysed-image pixels onto the crop), or null without landmarks. Each
 * tragion is the mean of BlazeFace's and MoveNet's estimates, whichever exist; BlazeFace's and MoveNet's "right"
 * is the subject's right, i.e. image left.
 */
export function faceGuideFromAnalysis(
  a: Pick<Analysis, 'landmarks' | 'faces' | 'body'>,
  toCrop: (p: Point) => Point,
): FaceGuide | null {
  const p = a.landmarks?.points;
  if (!p || p.length < 468) return null;
  const face = a.faces[0];
  const ear = (name: BodyKeypoint['name']) => a.body.find((k) => k.name === name && k.score >= EAR_MIN_SCORE);
  const tragion = (blaze: Point | undefined, body: Point | undefined): Point | null => {
    const found = [blaze, body].filter((q): q is Point => q !== undefined);
    if (found.length === 0) return null;
    return toCrop({
      x: found.reduce((s, q) => s + q.x, 0) / found.length,
      y: found.reduce((s, q) => s + q.y, 0) / found.length,
    });
  };
  return {
    oval: FACE_OVAL.map((i) => toCrop(p[i]!)),
    cheeks: [toCrop(p[234]!), toCrop(p[454]!)],
    brows: [toCrop(p[105]!), toCrop(p[334]!)],
    noseBase: toCrop(p[2]!),
    tragions: [tragion(face?.keypoints[4], ear('right_ear')), tragion(face?.keypoints[5], ear('left_ear'))],
  };
}

/** Sets `out[i] = value` for pixel centres inside the polygon (even-odd scanline fill). */
export function fillPolygon(poly: Point[], width: number, height: number, out: Uint8Array, value = 1): void {
  if (poly.length < 3) return;
  const ys = poly.map((p) => p.y);
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(height - 1, Math.ceil(Math.max(...ys)));
  const xs: number[] = [];
  for (let y = y0; y <= y1; y++) {
    const cy = y + 0.5;
    xs.length = 0;
    for (let k = 0; k < poly.length; k++) {
      const p = poly[k]!;
      const q = poly[(k + 1) % poly.length]!;
      if (p.y <= cy === q.y <= cy) continue;
      xs.push(p.x + ((cy - p.y) / (q.y - p.y)) * (q.x - p.x));
    }
    xs.sort((p, q) => p - q);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const a = Math.max(0, Math.ceil(xs[k]! - 0.5));
      const b = Math.min(width - 1, Math.floor(xs[k + 1]! - 0.5));
      for (let x = a; x <= b; x++) out[y * width + x] = value;
    }
  }
}

// Where the final photo sits in the live frame, as fractions of the frame (drawn by the framing guides).

/** Crop rectangle as fractions of the live frame (0..1). */
export interface FrameBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Without an analysis: the largest 3:4 crop centred in the frame. */
export function defaultCrop(frameAspect = 16 / 9, outAspect = 3 / 4): FrameBox {
  if (frameAspect >= outAspect) {
    const width = outAspect / frameAspect;
    return { x: (1 - width) / 2, y: 0, width, height: 1 };
  }
  const height = frameAspect / outAspect;
  return { x: 0, y: (1 - height) / 2, width: 1, height };
}

interface FaceSummary {
  width: number;
  height: number;
  faces: { box: { x: number; y: number; width: number; height: number } }[];
  eyes: { right: { x: number; y: number }; left: { x: number; y: number } } | null;
}

/**
 * Where the final photo would be cut from this frame, for the guides to follow the sitter: the face box width
 * taken as the face width at the middle of the profile's range, the eye line at the middle of its band,
 * centred on the face. An approximation of the producer's crop (which uses the face mesh), for framing only.
 */
export function cropFromSummary(
  a: FaceSummary | null,
  geometry: { eyeLine: { min: number; max: number }; faceWidth: { min: number; max: number } },
  out: { width: number; height: number },
): FrameBox | null {
  const face = a?.faces[0];
  if (!a || !face || !a.eyes || face.box.width <= 0 || a.width <= 0 || a.height <= 0) return null;
  const mid = (r: { min: number; max: number }) => (r.min + r.max) / 2;
  const scale = mid(geometry.faceWidth) / face.box.width; // output px per frame px
  const eyeY = (a.eyes.left.y + a.eyes.right.y) / 2;
  const cx = face.box.x + face.box.width / 2;
  const w = out.width / scale;
  const h = out.height / scale;
  return {
    x: (cx - w / 2) / a.width,
    y: (eyeY - mid(geometry.eyeLine) / scale) / a.height,
    width: w / a.width,
    height: h / a.height,
  };
}

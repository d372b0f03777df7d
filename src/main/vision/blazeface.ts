import type { FaceDetection } from '../../shared/vision/analysis';
import { applyAffine, letterbox, type Affine } from './sampler';

// BlazeFace front (128×128): 896 anchors — a 16×16 grid with 2 anchors per cell (stride 8) followed by an
// 8×8 grid with 6 anchors per cell (stride 16). Regressors are in input pixels relative to the anchor centre.

export const BLAZEFACE_SIZE = 128;

export interface Anchor {
  x: number;
  y: number;
}

export function blazefaceAnchors(size = BLAZEFACE_SIZE): Anchor[] {
  const anchors: Anchor[] = [];
  for (const [cells, perCell] of [
    [size / 8, 2],
    [size / 16, 6],
  ] as const) {
    for (let y = 0; y < cells; y++)
      for (let x = 0; x < cells; x++)
        for (let k = 0; k < perCell; k++) anchors.push({ x: (x + 0.5) / cells, y: (y + 0.5) / cells });
  }
  return anchors;
}

export interface RawDetection {
  score: number;
  /** Normalised [0,1] tensor coordinates. */
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  keypoints: number[]; // 12 values x0,y0,…
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Decode logits (one per anchor) and 16 regressors per anchor into detections above `threshold`. */
export function decodeBlazeface(
  scores: Float32Array,
  boxes: Float32Array,
  anchors: Anchor[],
  threshold: number,
  size = BLAZEFACE_SIZE,
): RawDetection[] {
  const out: RawDetection[] = [];
  const logitMin = Math.log(threshold / (1 - threshold));
  for (let i = 0; i < anchors.length; i++) {
    const logit = Math.max(-100, Math.min(100, scores[i]!));
    if (logit < logitMin) continue;
    const a = anchors[i]!;
    const o = i * 16;
    const cx = a.x + boxes[o]! / size;
    const cy = a.y + boxes[o + 1]! / size;
    const w = boxes[o + 2]! / size;
    const h = boxes[o + 3]! / size;
    const keypoints: number[] = [];
    for (let k = 0; k < 6; k++) {
      keypoints.push(a.x + boxes[o + 4 + k * 2]! / size, a.y + boxes[o + 5 + k * 2]! / size);
    }
    out.push({
      score: sigmoid(logit),
      xMin: cx - w / 2,
      yMin: cy - h / 2,
      xMax: cx + w / 2,
      yMax: cy + h / 2,
      keypoints,
    });
  }
  return out;
}

export function iou(p: RawDetection, q: RawDetection): number {
  const ix = Math.max(0, Math.min(p.xMax, q.xMax) - Math.max(p.xMin, q.xMin));
  const iy = Math.max(0, Math.min(p.yMax, q.yMax) - Math.max(p.yMin, q.yMin));
  const inter = ix * iy;
  const union = (p.xMax - p.xMin) * (p.yMax - p.yMin) + (q.xMax - q.xMin) * (q.yMax - q.yMin) - inter;
  return union > 0 ? inter / union : 0;
}

/** MediaPipe-style weighted NMS: overlapping detections are merged, weighted by score (steadier boxes than plain NMS). */
export function weightedNms(dets: RawDetection[], iouThreshold = 0.3): RawDetection[] {
  const remaining = [...dets].sort((p, q) => q.score - p.score);
  const out: RawDetection[] = [];
  while (remaining.length) {
    const top = remaining[0]!;
    const group: RawDetection[] = [];
    const rest: RawDetection[] = [];
    for (const d of remaining) (iou(top, d) > iouThreshold ? group : rest).push(d);
    let total = 0;
    const acc = { xMin: 0, yMin: 0, xMax: 0, yMax: 0, keypoints: new Array<number>(12).fill(0) };
    for (const d of group) {
      total += d.score;
      acc.xMin += d.xMin * d.score;
      acc.yMin += d.yMin * d.score;
      acc.xMax += d.xMax * d.score;
      acc.yMax += d.yMax * d.score;
      d.keypoints.forEach((v, i) => (acc.keypoints[i]! += v * d.score));
    }
    out.push({
      score: top.score,
      xMin: acc.xMin / total,
      yMin: acc.yMin / total,
      xMax: acc.xMax / total,
      yMax: acc.yMax / total,
      keypoints: acc.keypoints.map((v) => v / total),
    });
    remaining.splice(0, remaining.length, ...rest);
  }
  return out;
}

/** Normalised tensor detections → image pixels through the tensor→image map used for the input. */
export function toImageDetection(d: RawDetection, map: Affine, size = BLAZEFACE_SIZE): FaceDetection {
  const p0 = applyAffine(map, d.xMin * size, d.yMin * size);
  const p1 = applyAffine(map, d.xMax * size, d.yMax * size);
  const keypoints = [];
  for (let k = 0; k < 6; k++)
    keypoints.push(applyAffine(map, d.keypoints[k * 2]! * size, d.keypoints[k * 2 + 1]! * size));
  return {
    box: { x: p0.x, y: p0.y, width: p1.x - p0.x, height: p1.y - p0.y },
    score: d.score,
    keypoints,
  };
}

/** One square tile of the frame and the map from its detector input (BLAZEFACE_SIZE²) to image pixels. */
export interface FaceTile {
  x: number;
  y: number;
  size: number;
  map: Affine;
}

/** Tiles overlap by this fraction of the grid step, so a face cut by one tile's edge is whole in its neighbour. */
export const TILE_OVERLAP = 0.3;

/**
 * Overlapping square tiles of side ≈ 0.65 × the short side (grid step = half the short side): 4×2 on a 1280×720
 * live frame, 2×3 on a portrait photo. Each face is seen about 2–3× larger than in the whole-frame pass.
 */
export function tileGrid(width: number, height: number, size = BLAZEFACE_SIZE): FaceTile[] {
  const step = Math.min(width, height) / 2;
  const side = Math.min(Math.min(width, height), step * (1 + TILE_OVERLAP));
  const cols = Math.max(1, Math.round(width / step));
  const rows = Math.max(1, Math.round(height / step));
  const tiles: FaceTile[] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const x = cols === 1 ? (width - side) / 2 : ((width - side) * c) / (cols - 1);
      const y = rows === 1 ? (height - side) / 2 : ((height - side) * r) / (rows - 1);
      const m = letterbox(side, side, size, size);
      tiles.push({ x, y, size: side, map: { ...m, c: m.c + x, f: m.f + y } });
    }
  return tiles;
}

const centre = (f: FaceDetection) => ({ x: f.box.x + f.box.width / 2, y: f.box.y + f.box.height / 2 });
const inside = (p: { x: number; y: number }, f: FaceDetection, grow: number) =>
  Math.abs(p.x - centre(f).x) <= (f.box.width * grow) / 2 && Math.abs(p.y - centre(f).y) <= (f.box.height * grow) / 2;

/**
 * The faces of the tiled pass, once each. A detection touching its tile's edge is dropped (a face cut there is
 * whole in the overlapping neighbour) — unless that edge is the image's own border (`frame`): a face cut by the frame
 * is whole in no tile, and it is still a second person in the frame. Such a face meets the same score floor as any
 * other (face.count's otherMinScore) and the same FaceMesh confirmation (the analyzer), as the frame edge of a station
 * photo often holds the sitter's shoulders, hair or hands. Duplicates across tiles are merged (centre inside an
 * accepted box, 1.2×), the highest score kept. The sitter is among them too: face.count tells the others apart
 * (src/shared/checks).
 */
export function mergeTileDetections(
  found: { tile: FaceTile; faces: FaceDetection[] }[],
  frame?: { width: number; height: number },
): FaceDetection[] {
  const margin = 0.01;
  const candidates = found.flatMap(({ tile, faces: fs }) => {
    const e = tile.size * margin;
    // Which of the tile's sides are the image's own border (within a pixel).
    const left = !!frame && tile.x <= 1;
    const top = !!frame && tile.y <= 1;
    const right = !!frame && tile.x + tile.size >= frame.width - 1;
    const bottom = !!frame && tile.y + tile.size >= frame.height - 1;
    return fs.filter(
      (f) =>
        (left || f.box.x > tile.x + e) &&
        (top || f.box.y > tile.y + e) &&
        (right || f.box.x + f.box.width < tile.x + tile.size - e) &&
        (bottom || f.box.y + f.box.height < tile.y + tile.size - e),
    );
  });
  candidates.sort((p, q) => q.score - p.score);
  const out: FaceDetection[] = [];
  for (const f of candidates) {
    if (out.some((o) => inside(centre(f), o, 1.2))) continue;
    out.push(f);
  }
  return out;
}

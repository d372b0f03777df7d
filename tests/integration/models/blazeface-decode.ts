import type * as ort from 'onnxruntime-node';

// Minimal decoding of the BlazeFace outputs as documented in models/README.md: the best anchor only.

export interface BestFace {
  score: number;
  // Normalised [0,1] image coordinates, y down.
  cx: number;
  cy: number;
  width: number;
  height: number;
}

const GRIDS = [
  { scores: 'Identity:0', boxes: 'Identity_2:0', cells: 16, anchors: 2 },
  { scores: 'Identity_1:0', boxes: 'Identity_3:0', cells: 8, anchors: 6 },
] as const;

const INPUT_SIZE = 128;

export function bestFace(outputs: ort.InferenceSession.OnnxValueMapType): BestFace {
  let best: BestFace = { score: -1, cx: 0, cy: 0, width: 0, height: 0 };
  for (const grid of GRIDS) {
    const scores = outputs[grid.scores]?.data as Float32Array;
    const boxes = outputs[grid.boxes]?.data as Float32Array;
    scores.forEach((logit, index) => {
      const score = 1 / (1 + Math.exp(-logit));
      if (score <= best.score) return;
      const cell = Math.floor(index / grid.anchors);
      const ax = ((cell % grid.cells) + 0.5) / grid.cells;
      const ay = (Math.floor(cell / grid.cells) + 0.5) / grid.cells;
      const at = index * 16;
      best = {
        score,
        cx: ax + (boxes[at] ?? 0) / INPUT_SIZE,
        cy: ay + (boxes[at + 1] ?? 0) / INPUT_SIZE,
        width: (boxes[at + 2] ?? 0) / INPUT_SIZE,
        height: (boxes[at + 3] ?? 0) / INPUT_SIZE,
      };
    });
  }
  return best;
}

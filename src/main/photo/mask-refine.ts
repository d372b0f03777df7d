import type { CropPlan } from '../../shared/photo/crop-plan';
import { finishAlpha, luminance, type RgbImage } from '../../shared/photo/composite';
import { guidedFilter } from '../../shared/photo/guided-filter';
import type { PersonMask } from '../../shared/vision/analysis';
import { maskValueAt } from '../../shared/vision/mask-ops';

export interface RefineOptions {
  /** Guided-filter window radius in output pixels. */
  radius: number;
  /** Guided-filter regulariser (luminance variance units): smaller follows weaker edges. */
  eps: number;
}

export const defaultRefineOptions: RefineOptions = { radius: 8, eps: 4e-4 };

/**
 * The person mask resampled onto the crop (it covers the whole analysed image), then refined at the output
 * resolution with the crop's luminance as guide, so the coarse model mask snaps to the real hair/shoulder edge.
 */
export function refineMask(
  mask: PersonMask,
  analysed: { width: number; height: number; scale: number },
  plan: CropPlan,
  crop: RgbImage,
  valid: Uint8Array,
  options: RefineOptions = defaultRefineOptions,
): Float32Array {
  const { width: W, height: H } = crop;
  const coarse = new Float32Array(W * H);
  const k = analysed.scale;
  for (let v = 0; v < H; v++) {
    const sy = plan.y + (v + 0.5) / plan.scale;
    for (let u = 0; u < W; u++) {
      const i = v * W + u;
      if (!valid[i]) continue;
      const sx = plan.x + (u + 0.5) / plan.scale;
      coarse[i] = maskValueAt(mask, analysed.width, analysed.height, sx * k - 0.5, sy * k - 0.5) / 255;
    }
  }
  const refined = guidedFilter(luminance(crop), coarse, W, H, options.radius, options.eps);
  const alpha = finishAlpha(refined);
  for (let i = 0; i < alpha.length; i++) if (!valid[i]) alpha[i] = 0;
  return alpha;
}

import type { PhotoProfile } from '../../shared/spec/profile';
import { t } from '../i18n/zh-CN/index';
import type { FrameBox } from './crop-box';

/**
 * Framing guides for the final photo: the crop outline, the band where the top of the head must fall
 * (head-top range) and the band for the eye line, in the profile's output pixels.
 */
export function Guides({ crop, profile }: { crop: FrameBox; profile: PhotoProfile }) {
  const H = profile.output.height;
  const g = profile.geometry;
  const pct = (v: number) => `${(v * 100).toFixed(3)}%`;
  const band = (r: { min: number; max: number }) => ({ top: pct(r.min / H), height: pct((r.max - r.min) / H) });
  return (
    <div
      className="guides"
      data-testid="guides"
      style={{ left: pct(crop.x), top: pct(crop.y), width: pct(crop.width), height: pct(crop.height) }}
    >
      <div className="guide-band head" style={band(g.headTop)}>
        <span>{t.capture.guides.head}</span>
      </div>
      <div className="guide-band eyes" style={band(g.eyeLine)}>
        <span>{t.capture.guides.eyes}</span>
      </div>
      <div className="guide-center" />
    </div>
  );
}

import { BACKDROP_MODES, type BackdropMode } from '../../shared/spec/backdrop';
import { t } from '../i18n';
import type { Phase } from './capture-state';

/** The shutter row: 拍摄 (Space), auto-capture and its frame count, the backdrop mode. */
export function CaptureShutter(props: {
  phase: Phase;
  disabled: boolean;
  onShoot: () => void;
  auto: boolean;
  onAuto: (on: boolean) => void;
  autoFrames: number;
  onAutoFrames: (n: number) => void;
  backdrop: BackdropMode | null;
  onBackdrop: (mode: BackdropMode) => void;
}) {
  const { phase } = props;
  return (
    <div className="shutter-row">
      <button type="button" className="primary shutter" onClick={props.onShoot} disabled={props.disabled}>
        {phase === 'shooting' ? t.capture.shooting : phase === 'processing' ? t.capture.processing : t.capture.shutter}
      </button>
      <span className="muted small">
        <span className="kbd">Space</span> {t.capture.spaceHint}
      </span>
      <label className="small">
        <input type="checkbox" checked={props.auto} onChange={(e) => props.onAuto(e.target.checked)} /> {t.capture.auto}
      </label>
      <label className="small">
        {t.capture.autoFrames}{' '}
        <input
          type="number"
          min={1}
          max={60}
          value={props.autoFrames}
          style={{ width: 64 }}
          onChange={(e) => props.onAutoFrames(Number(e.target.value) || 1)}
        />
      </label>
      {props.backdrop && (
        <label className="small" title={t.capture.backdropHint}>
          {t.capture.backdrop}{' '}
          <select
            data-testid="backdrop-mode"
            value={props.backdrop}
            onChange={(e) => props.onBackdrop(e.target.value as BackdropMode)}
          >
            {BACKDROP_MODES.map((m) => (
              <option key={m} value={m}>
                {t.capture.backdropModes[m]}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}

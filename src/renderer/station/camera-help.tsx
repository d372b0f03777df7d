import type { CameraKind } from '../../shared/contract/camera';
import { t } from '../i18n';

/** What to check, in order, when a camera of this kind is gone (none = no camera found at all). */
export function cameraHelpLines(kind: CameraKind | null): readonly string[] {
  return kind ? t.camera.help[kind] : t.camera.help.none;
}

/** The Chinese check-list shown under a camera error: USB cable, power, the tethering software's live view … */
export function CameraHelp({ kind, error }: { kind: CameraKind | null; error?: string | null }) {
  return (
    <div className="camera-help" role="note" data-testid="camera-help">
      {error && <p className="picker-error">{error}</p>}
      <p className="small">{t.camera.help.title}</p>
      <ol className="small">
        {cameraHelpLines(kind).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ol>
    </div>
  );
}

import type { FaceConsistencyView } from '../../shared/contract/face';
import { t } from '../i18n';

/**
 * 人脸一致性 warning of a capture (issue 13): the face does not match the order's earlier photos, or matches a
 * photo bound to another student of the event. Nothing when the check passed, found no face or did not run.
 */
export function FaceWarning(props: { face: FaceConsistencyView | null | undefined }) {
  const face = props.face;
  if (!face || face.status !== 'warn' || face.warnings.length === 0) return null;
  return (
    <div className="banner-warn" role="alert" data-testid="face-warning">
      <strong>{t.face.title}</strong>
      <ul className="reasons">
        {face.warnings.map((w) => (
          <li key={`${w.kind}-${w.photoId}`} data-kind={w.kind}>
            {w.kind === 'different_person'
              ? t.face.differentPerson
              : t.face.otherStudent([w.orderNo, w.nameMasked].filter(Boolean).join(' '))}{' '}
            <span className="muted small">{t.face.similarity(w.similarity)}</span>
          </li>
        ))}
      </ul>
      <p className="small">{t.face.hint}</p>
    </div>
  );
}

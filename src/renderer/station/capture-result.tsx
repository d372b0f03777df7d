import { t } from '../i18n';
import type { CaptureState } from './capture-state';
import { FaceWarning } from './face-warning';
import { precheckReasons } from './precheck-reasons';

/** 成片与初审: the 480×640 final photo with its verdict, retake, and the way on (收费 / 下一位). */
export function CaptureResult(props: {
  state: CaptureState;
  paid: boolean;
  onRetake: () => void;
  onAccept: () => void;
}) {
  const { result } = props.state;
  const final = result?.final ?? null;
  const reasons = final ? precheckReasons(final.checks) : [];
  return (
    <section className="card" data-testid="capture-result">
      <h2>{t.capture.resultTitle}</h2>
      {!result && <p className="muted">{t.capture.resultEmpty}</p>}
      <FaceWarning face={result?.face} />
      {result && !final && <div className="banner-warn">{t.capture.noFinal}</div>}
      {final && (
        <>
          <div className="result-photo">
            <img src={final.url} alt="" />
            {final.precheck === 'passed' && <div className="badge-passed">{t.capture.passed}</div>}
          </div>
          {final.precheck !== 'passed' && (
            <>
              <p className="banner-error">{t.capture.failed}</p>
              <ul className="reasons">
                {reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {result && <p className="muted small">{t.capture.originalSaved(result.original.version)}</p>}
      <div className="actions">
        {result && (
          <button type="button" onClick={props.onRetake}>
            {t.capture.retake} <span className="kbd">R</span>
          </button>
        )}
        {final?.precheck === 'passed' && (
          <button type="button" className="primary" autoFocus onClick={props.onAccept}>
            {props.paid ? t.capture.nextStudent : t.capture.toPayment} <span className="kbd">Enter</span>
          </button>
        )}
      </div>
    </section>
  );
}

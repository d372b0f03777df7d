import { useEffect, useRef } from 'react';
import { t } from '../i18n';
import { faceUnconfirmed, type CaptureState } from './capture-state';
import { FaceWarning } from './face-warning';
import { precheckReasons } from './precheck-reasons';

/** 成片与初审: the 480×640 final photo with its verdict, retake, and the way on (收费 / 下一位). */
export function CaptureResult(props: {
  state: CaptureState;
  paid: boolean;
  onRetake: () => void;
  onAccept: () => void;
  /** 已核对是本人 (shown only while a face warning is unconfirmed). */
  onConfirmFace?: () => void;
}) {
  const { result } = props.state;
  // a face warning: 重拍 has the focus (Enter = retake, the safe reflex); going on needs 已核对是本人 first
  const faceHold = faceUnconfirmed(props.state);
  const retakeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (faceHold) retakeButton.current?.focus();
  }, [faceHold, result]);
  const final = result?.final ?? null;
  const reasons = final ? precheckReasons(final.checks) : [];
  return (
    <section className="card" data-testid="capture-result">
      <h2>{t.capture.resultTitle}</h2>
      {!result && <p className="muted">{t.capture.resultEmpty}</p>}
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
      {/* beside the buttons: the focus on 重新拍摄 scrolls here, so the warning is in view with them */}
      <FaceWarning face={result?.face} />
      <div className="actions">
        {result && (
          <button type="button" ref={retakeButton} onClick={props.onRetake}>
            {t.capture.retake} <span className="kbd">R</span>
          </button>
        )}
        {faceHold && props.onConfirmFace && (
          <button type="button" onClick={props.onConfirmFace} data-testid="face-confirm">
            {t.face.confirm}
          </button>
        )}
        {final?.precheck === 'passed' && !faceHold && (
          <button type="button" className="primary" autoFocus onClick={props.onAccept}>
            {props.paid ? t.capture.nextStudent : t.capture.toPayment} <span className="kbd">Enter</span>
          </button>
        )}
      </div>
    </section>
  );
}

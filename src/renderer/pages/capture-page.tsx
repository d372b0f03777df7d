import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../shared/api-error';
import type { Res } from '../../shared/contract';
import type { PhotoView } from '../../shared/contract/views';
import { chsiProfile } from '../../shared/spec/profile';
import { BACKDROP_MODES, type BackdropMode } from '../../shared/spec/backdrop';
import { useClient } from '../api/context';
import { t } from '../i18n/zh-CN/index';
import { CameraPicker } from '../station/camera-picker';
import { defaultCrop } from '../station/crop-box';
import { Guides } from '../station/guides';
import { LiveChecks, useLiveChecks } from '../station/live-checks';
import { useLiveSource } from '../station/live-source';
import { LiveView, type LiveViewHandle } from '../station/live-view';
import { precheckReasons } from '../station/precheck-reasons';
import { StationBar } from '../station/station-bar';
import { goTo, updateStation, useStation } from '../station/station-store';
import { useOrder } from '../station/use-order';
import { matchesShortcut } from '../station/shortcuts';
import { clampFrames, readAutoCapture, saveAutoCapture } from '../station/capture-prefs';
import { PageHeader } from '../components/page-header';

type Phase = 'idle' | 'shooting' | 'processing';

export function CapturePage() {
  const client = useClient();
  const station = useStation();
  const source = useLiveSource();
  const { detail, reload } = useOrder(station.orderId);
  const live = useRef<LiveViewHandle>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ original: PhotoView; final: PhotoView | null } | null>(null);
  const [prefs, setPrefs] = useState(readAutoCapture);
  const { auto, frames: autoFrames } = prefs;
  const setAuto = (on: boolean) => setPrefs((p) => ({ ...p, auto: on }));
  const setAutoFrames = (n: number) => setPrefs((p) => ({ ...p, frames: clampFrames(n) }));
  useEffect(() => saveAutoCapture(prefs), [prefs]);
  // The station's backdrop mode (main keeps it): decides whether the raw backdrop colour blocks auto-capture.
  const [backdrop, setBackdrop] = useState<BackdropMode | null>(null);
  useEffect(() => {
    client.call('vision.settings', {}).then(
      (s) => setBackdrop(s.backdrop),
      () => undefined,
    );
  }, [client]);
  const changeBackdrop = (mode: BackdropMode) =>
    client.call('vision.setBackdrop', { backdrop: mode }).then(
      (s) => setBackdrop(s.backdrop),
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    );
  const checks = useLiveChecks(source, live);

  const order = detail?.order ?? null;

  const shoot = useCallback(async () => {
    if (!station.orderId || phase !== 'idle') return;
    if (!station.operator.trim()) return setError(t.station.needOperator);
    setError(null);
    // a new shot replaces the previous photo and verdict at once: a refused capture must not leave them showing
    setResult(null);
    setPhase('shooting');
    try {
      let r: Res<'photos.capture'>;
      if (source === 'browser') {
        const frame = live.current?.grab();
        if (!frame) throw new Error(t.capture.checksWaiting);
        const imageBase64 = frame.toDataURL('image/jpeg', 0.95).split(',')[1] ?? '';
        setPhase('processing');
        r = await client.call('photos.capture', { orderId: station.orderId, imageBase64, operator: station.operator });
      } else {
        // the station camera's file goes from the camera to the order in main, never through the window
        r = await client.call('camera.captureForOrder', { orderId: station.orderId, operator: station.operator });
      }
      setResult({ original: r.original, final: r.final });
      reload();
    } catch (err) {
      setError(err instanceof ApiError || err instanceof Error ? err.message : String(err));
    } finally {
      setPhase('idle');
    }
  }, [client, station.orderId, station.operator, phase, source, reload]);

  const accept = useCallback(() => {
    if (result?.final?.precheck !== 'passed') return;
    if (!order?.paid) return goTo('payment');
    updateStation({ orderId: null });
    if (source === 'station') void client.call('camera.next', {}).catch(() => undefined);
    goTo('checkin');
  }, [result, order, source, client]);

  // Space is the shutter anywhere but in a text field: on a focused button (e.g. just after "下一位") it must
  // not press that button again, so its keyup is swallowed too. Enter accepts a passing photo, R retakes.
  useEffect(() => {
    const isField = (el: EventTarget | null) =>
      (el as HTMLElement | null)?.closest?.('input, textarea, select') != null;
    const onDown = (e: KeyboardEvent) => {
      if (isField(e.target) || e.repeat) return;
      const onButton = (e.target as HTMLElement | null)?.closest?.('button') != null;
      if (matchesShortcut(e, 'accept') && !onButton && result?.final?.precheck === 'passed') {
        e.preventDefault();
        return accept();
      }
      if (matchesShortcut(e, 'retake') && result) {
        e.preventDefault();
        return setResult(null);
      }
      if (e.code !== 'Space') return;
      e.preventDefault();
      void shoot();
    };
    const onUp = (e: KeyboardEvent) => {
      if (e.code === 'Space' && !isField(e.target)) e.preventDefault();
    };
    window.addEventListener('keydown', onDown);
    window.addEventListener('keyup', onUp);
    return () => {
      window.removeEventListener('keydown', onDown);
      window.removeEventListener('keyup', onUp);
    };
  }, [shoot, accept, result]);

  // Auto-capture: every check passing for N analysed frames in a row, and no photo taken yet for this sitting.
  useEffect(() => {
    if (auto && !result && checks.passStreak >= autoFrames && phase === 'idle') void shoot();
  }, [auto, autoFrames, checks.passStreak, result, phase, shoot]);

  useEffect(() => setResult(null), [station.orderId]);

  const final = result?.final ?? null;
  const reasons = final ? precheckReasons(final.checks) : [];

  const resultCard = (
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
      <div className="actions">
        {result && (
          <button type="button" onClick={() => setResult(null)}>
            {t.capture.retake} <span className="kbd">R</span>
          </button>
        )}
        {final?.precheck === 'passed' && (
          <button type="button" className="primary" autoFocus onClick={accept}>
            {order?.paid ? t.capture.nextStudent : t.capture.toPayment} <span className="kbd">Enter</span>
          </button>
        )}
      </div>
    </section>
  );

  return (
    <div className="page">
      <PageHeader title={t.capture.title} intro={t.capture.intro} />
      <StationBar />
      {!station.orderId && (
        <div className="banner-warn">
          {t.capture.noOrder}
          <button type="button" onClick={() => goTo('checkin')}>
            {t.station.goCheckin}
          </button>
        </div>
      )}
      {order && (
        <p className="student-line" data-testid="current-student">
          {t.capture.student(order.name || order.nameMasked, order.studentNo, order.orderNo)}{' '}
          <span className={`state-pill ${order.state}`}>{order.stateLabel}</span>
        </p>
      )}
      {order?.state === 'rejected' && order.rejectReason && (
        <div className="banner-error">{t.capture.rejected(order.rejectReason)}</div>
      )}
      <div className="capture-layout">
        <section className="card">
          <CameraPicker />
          <LiveView ref={live} source={source}>
            {(aspect: number) => <Guides crop={checks.crop ?? defaultCrop(aspect)} profile={chsiProfile} />}
          </LiveView>
          <div className="shutter-row">
            <button
              type="button"
              className="primary shutter"
              onClick={() => void shoot()}
              disabled={!station.orderId || phase !== 'idle'}
            >
              {phase === 'shooting'
                ? t.capture.shooting
                : phase === 'processing'
                  ? t.capture.processing
                  : t.capture.shutter}
            </button>
            <span className="muted small">
              <span className="kbd">Space</span> {t.capture.spaceHint}
            </span>
            <label className="small">
              <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} /> {t.capture.auto}
            </label>
            <label className="small">
              {t.capture.autoFrames}{' '}
              <input
                type="number"
                min={1}
                max={60}
                value={autoFrames}
                style={{ width: 64 }}
                onChange={(e) => setAutoFrames(Number(e.target.value) || 1)}
              />
            </label>
            {backdrop && (
              <label className="small" title={t.capture.backdropHint}>
                {t.capture.backdrop}{' '}
                <select
                  data-testid="backdrop-mode"
                  value={backdrop}
                  onChange={(e) => void changeBackdrop(e.target.value as BackdropMode)}
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
          {error && (
            <div className="banner-error" role="alert">
              {error}
            </div>
          )}
        </section>
        <aside className="capture-aside">
          {result && resultCard}
          <section className="card">
            <h2>{t.capture.checksTitle}</h2>
            <LiveChecks state={checks} />
          </section>
          {!result && resultCard}
        </aside>
      </div>
    </div>
  );
}

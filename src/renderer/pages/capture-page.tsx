import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { Res } from '../../shared/contract';
import { chsiProfile } from '../../shared/spec/profile';
import type { BackdropMode } from '../../shared/spec/backdrop';
import { useClient } from '../api/context';
import { problemOf } from '../components/problem';
import { t } from '../i18n';
import { CameraHelp } from '../station/camera-help';
import { CameraPicker } from '../station/camera-picker';
import { useCameraStatus } from '../station/camera-status';
import { clampFrames, readAutoCapture, saveAutoCapture } from '../station/capture-prefs';
import { CaptureResult } from '../station/capture-result';
import { CaptureShutter } from '../station/capture-shutter';
import {
  acceptStep,
  captureReducer,
  currentOrderRequest,
  forgetResult,
  INITIAL_CAPTURE,
  keepResult,
  keptResult,
  keyIntent,
  resultToRestore,
  shotForScreen,
  shouldAutoCapture,
  sitterNeedsPhoto,
  shutterBlock,
} from '../station/capture-state';
import { CaptureQueuePanel, useQueueCapture } from '../station/capture-queue';
import { queueShutterBlock } from '../station/capture-queue-state';
import { CaptureTray } from '../station/capture-tray';
import { defaultCrop } from '../station/crop-box';
import { Guides } from '../station/guides';
import { LiveChecks, useLiveChecks } from '../station/live-checks';
import { useLiveSource, type LiveSource } from '../station/live-source';
import { LiveView, type LiveViewHandle } from '../station/live-view';
import { usePush } from '../station/push-hub';
import { matchesShortcut } from '../station/shortcuts';
import { StationBar } from '../station/station-bar';
import { goTo, updateStation, useStation } from '../station/station-store';
import { useOrder } from '../station/use-order';
import { PageHeader } from '../components/page-header';
import { screenName } from '../../shared/domain/masking';

// 拍摄: live view with guides and live checks, the shutter (Space / auto), 成片与初审, and for a camera whose
// shutter is on the camera (hot folder) the student in front of it and the 未归属 tray. Rules: station/capture-state.

export function CapturePage() {
  const client = useClient();
  const station = useStation();
  const source = useLiveSource();
  const camera = useCameraStatus();
  const { detail, reload } = useOrder(station.orderId);
  const live = useRef<LiveViewHandle>(null);
  const [state, dispatch] = useReducer(captureReducer, INITIAL_CAPTURE);
  const [prefs, setPrefs] = useState(readAutoCapture);
  useEffect(() => saveAutoCapture(prefs), [prefs]);
  const backdrop = useBackdrop((e) => dispatch({ type: 'error', error: e }));
  // the auto-capture gate (shared/domain/auto-capture.ts, in useLiveChecks) follows the backdrop chosen here
  const checks = useLiveChecks(source, live, backdrop.mode);
  const order = detail?.order ?? null;
  const cameraKind = source === 'browser' ? 'browser' : (camera?.selected?.kind ?? null);
  const hotFolder = cameraKind === 'hotfolder';
  // on a 拍摄位 of an event-mode event the shutter binds through the 拍摄号 queue, after the scan (issue 13)
  const queue = useQueueCapture();

  useCurrentOrder(station.orderId, station.operator, source);
  useEffect(() => dispatch({ type: 'sitter', orderId: station.orderId }), [station.orderId]);
  // the student's last capture result stays when 拍摄 is left and opened again: kept from this window (with its
  // 人脸一致性 warning), else the order's latest photo — once per student shown, never over a newer shot
  const restoredFor = useRef<string | null>(null);
  useEffect(() => {
    const id = station.orderId;
    if (!id || restoredFor.current === id || detail?.order.id !== id) return;
    restoredFor.current = id;
    const r = resultToRestore(keptResult(id), detail.photos);
    if (r) dispatch({ type: 'restore', orderId: id, ...r });
  }, [station.orderId, detail]);
  useEffect(() => keepResult(state), [state]);
  // a shot taken on the camera itself (hot folder) and stored for the student on screen shows as the result
  usePush((ev) => {
    if (ev.name !== 'camera.shot') return;
    const action = shotForScreen(ev.data, station.orderId);
    if (action) {
      dispatch(action);
      reload();
    }
  });

  const stored = useCallback(
    (orderId: string, r: Res<'photos.capture'>) => {
      dispatch({ type: 'stored', orderId, result: r });
      reload();
    },
    [reload],
  );

  const shootForQueue = useCallback(async () => {
    const block = queueShutterBlock(queue.state, station.operator);
    if (block === 'noOperator') return dispatch({ type: 'error', error: t.station.needOperator });
    if (block || state.phase !== 'idle') return;
    dispatch({ type: 'shoot' });
    try {
      let imageBase64: string;
      if (source === 'browser') {
        const frame = live.current?.grab();
        if (!frame) throw new Error(t.capture.checksWaiting);
        imageBase64 = frame.toDataURL('image/jpeg', 0.95).split(',')[1] ?? '';
      } else imageBase64 = (await client.call('camera.capture', {})).jpegBase64;
      dispatch({ type: 'processing' });
      await queue.bind(imageBase64);
      dispatch({ type: 'sent' });
    } catch (err) {
      dispatch({ type: 'failed', error: problemOf(err).message });
    }
  }, [client, queue, station.operator, state.phase, source]);

  const shoot = useCallback(async () => {
    if (queue.active) return shootForQueue();
    const block = shutterBlock(state, station);
    if (block === 'noOperator') return dispatch({ type: 'error', error: t.station.needOperator });
    if (block || !station.orderId) return;
    const orderId = station.orderId;
    dispatch({ type: 'shoot' });
    try {
      let r: Res<'photos.capture'>;
      if (source === 'browser') {
        const frame = live.current?.grab();
        if (!frame) throw new Error(t.capture.checksWaiting);
        const imageBase64 = frame.toDataURL('image/jpeg', 0.95).split(',')[1] ?? '';
        dispatch({ type: 'processing' });
        r = await client.call('photos.capture', { orderId, imageBase64, operator: station.operator });
      } else {
        // the station camera's file goes from the camera to the order in main, never through the window
        r = await client.call('camera.captureForOrder', { orderId, operator: station.operator });
      }
      stored(orderId, r);
    } catch (err) {
      dispatch({ type: 'failed', error: problemOf(err).message });
    }
  }, [client, station, state, source, stored, queue.active, shootForQueue]);

  const accept = useCallback(() => {
    const step = acceptStep(state, order?.paid ?? null);
    if (!step) return;
    if (step === 'payment') return goTo('payment');
    updateStation({ orderId: null });
    if (source === 'station') void client.call('camera.next', {}).catch(() => undefined);
    goTo('checkin');
  }, [state, order, source, client]);

  const retake = useCallback(() => {
    forgetResult(state.resultFor);
    dispatch({ type: 'retake' });
  }, [state.resultFor]);
  useShutterKeys(state, shoot, accept, retake);

  useEffect(() => {
    if (
      shouldAutoCapture({
        auto: prefs.auto,
        frames: prefs.frames,
        passStreak: checks.passStreak,
        state,
        cameraKind,
        // event mode: one shot per scan (a retake is the photographer's Space)
        gate: queue.active
          ? queue.state.who !== null && queue.state.result === null && queue.state.held === null
          : sitterNeedsPhoto(order, station.orderId),
      })
    )
      void shoot();
  }, [prefs, checks.passStreak, state, cameraKind, shoot, order, station.orderId, queue.active, queue.state]);

  const resultCard = (
    <CaptureResult
      state={state}
      paid={order?.paid ?? false}
      onRetake={retake}
      onAccept={accept}
      onConfirmFace={() => dispatch({ type: 'faceConfirmed' })}
    />
  );
  const currentStudent = order ? { orderId: order.id, label: `${screenName(order)}（${order.studentNo}）` } : null;
  const shutterDisabled = queue.active
    ? queueShutterBlock(queue.state, station.operator) !== null || state.phase !== 'idle'
    : !station.orderId || state.phase !== 'idle';
  // the cursor on the shutter when it is what comes next: on arriving from 签到 (确认信息并去拍摄), after R 重拍
  // (its button is gone) and after a shot — only when it is nowhere (the page body: new-user trial), never taken
  // from a field or button the operator is on
  useEffect(() => {
    if (shutterDisabled || state.result) return;
    const active = document.activeElement;
    if (active && active !== document.body) return;
    document.querySelector<HTMLButtonElement>('.capture-layout button.shutter')?.focus();
  }, [shutterDisabled, state.result, station.orderId]);

  return (
    <div className="page">
      <PageHeader title={t.capture.title} intro={t.capture.intro} />
      <StationBar />
      {queue.active && <CaptureQueuePanel q={queue} />}
      {!queue.active && !station.orderId && (
        <div className="banner-warn">
          {t.capture.noOrder}
          <button type="button" onClick={() => goTo('checkin')}>
            {t.station.goCheckin}
          </button>
        </div>
      )}
      {!queue.active && order && (
        <p className="student-line" data-testid="current-student">
          {t.capture.student(screenName(order), order.studentNo, order.orderNo)}{' '}
          <span className={`state-pill ${order.state}`}>{order.stateLabel}</span>
        </p>
      )}
      {order?.state === 'rejected' && order.rejectReason && (
        <div className="banner-error">{t.capture.rejected(order.rejectReason)}</div>
      )}
      {/* a result on screen: it gets its own column, so 实时检测 stays in view beside it (1366×768) */}
      <div className={`capture-layout${!queue.active && state.result ? ' with-result' : ''}`}>
        <section className="card">
          <CameraPicker />
          {source === 'station' && camera?.error && <CameraHelp kind={camera.selected?.kind ?? null} />}
          {/* another camera (chosen here or by another client): a stream of its own, never the old camera's last frame */}
          <LiveView key={source === 'station' ? (camera?.selected?.id ?? '') : 'browser'} ref={live} source={source}>
            {(aspect: number) => <Guides crop={checks.crop ?? defaultCrop(aspect)} profile={chsiProfile} />}
          </LiveView>
          {hotFolder && (
            <div className="banner-info" role="status" data-testid="hot-folder-hint">
              {station.orderId ? t.camera.hotFolderShutter : t.camera.hotFolderNoStudent}
            </div>
          )}
          <CaptureShutter
            phase={state.phase}
            disabled={shutterDisabled}
            onShoot={() => void shoot()}
            auto={prefs.auto}
            onAuto={(on) => setPrefs((p) => ({ ...p, auto: on }))}
            autoFrames={prefs.frames}
            onAutoFrames={(n) => setPrefs((p) => ({ ...p, frames: clampFrames(n) }))}
            backdrop={backdrop.mode}
            onBackdrop={backdrop.change}
          />
          {state.error && (
            <div className="banner-error" role="alert">
              {state.error}
            </div>
          )}
        </section>
        {!queue.active && state.result && <aside className="capture-result-col">{resultCard}</aside>}
        <aside className="capture-aside">
          {source === 'station' && (
            <CaptureTray
              current={currentStudent}
              operator={station.operator}
              alwaysShow={hotFolder}
              onAssigned={stored}
            />
          )}
          <section className="card">
            <h2>{t.capture.checksTitle}</h2>
            <LiveChecks state={checks} />
          </section>
          {!queue.active && !state.result && resultCard}
        </aside>
      </div>
    </div>
  );
}

/**
 * Tells the station camera which student is in front of it while this page shows one (a shot taken on the camera
 * goes to that order), and that nobody is when the student changes or the page is left. Calls go out in order.
 */
function useCurrentOrder(orderId: string | null, operator: string, source: LiveSource): void {
  const client = useClient();
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  useEffect(() => {
    const send = (req: ReturnType<typeof currentOrderRequest>) => {
      chain.current = chain.current.then(() => client.call('camera.setCurrentOrder', req)).catch(() => undefined);
    };
    const req = currentOrderRequest({ orderId, operator, source });
    send(req);
    return () => {
      if (req.orderId) send({ orderId: null });
    };
  }, [client, orderId, operator, source]);
}

/** The station's backdrop mode (main keeps it): decides whether the raw backdrop colour blocks auto-capture. */
function useBackdrop(onError: (message: string) => void) {
  const client = useClient();
  const [mode, setMode] = useState<BackdropMode | null>(null);
  useEffect(() => {
    client.call('vision.settings', {}).then(
      (s) => setMode(s.backdrop),
      () => undefined,
    );
  }, [client]);
  const change = (m: BackdropMode) =>
    void client.call('vision.setBackdrop', { backdrop: m }).then(
      (s) => setMode(s.backdrop),
      (err: unknown) => onError(problemOf(err).message),
    );
  return { mode, change };
}

/** Space shoots, Enter accepts a passing photo, R retakes (rules in keyIntent). */
function useShutterKeys(
  state: Parameters<typeof keyIntent>[2],
  shoot: () => Promise<unknown>,
  accept: () => void,
  retake: () => void,
): void {
  useEffect(() => {
    const isField = (el: EventTarget | null) =>
      (el as HTMLElement | null)?.closest?.('input, textarea, select') != null;
    const onDown = (e: KeyboardEvent) => {
      // a key pressed in the app's own dialogs (未归属: 丢弃原因) is not the shutter
      if ((e.target as HTMLElement | null)?.closest?.('dialog') != null) return;
      // Space never scrolls the page (held down, while a shot is made, or with nothing to shoot)
      if (e.code === 'Space' && !isField(e.target)) e.preventDefault();
      const intent = keyIntent(
        {
          isAccept: matchesShortcut(e, 'accept'),
          isRetake: matchesShortcut(e, 'retake'),
          isSpace: e.code === 'Space',
          repeat: e.repeat,
        },
        { inField: isField(e.target), onButton: (e.target as HTMLElement | null)?.closest?.('button') != null },
        state,
      );
      if (!intent) return;
      e.preventDefault();
      if (intent === 'accept') accept();
      else if (intent === 'retake') retake();
      else void shoot();
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
  }, [state, shoot, accept, retake]);
}

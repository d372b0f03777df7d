import { useCallback, useEffect, useState } from 'react';
import type { Res } from '../../shared/contract';
import type { UnassignedShot } from '../../shared/contract/camera';
import { businessTime } from '../../shared/domain/business-time';
import { useClient } from '../api/context';
import { Banner } from '../components/banner';
import { ConfirmDialog, ReasonDialog } from '../components/dialog';
import { problemOf } from '../components/problem';
import { t } from '../i18n';
import { subscribeShared } from './push-hub';
import './capture-tray.css';

/**
 * 未归属: shots taken on the camera while no student was current (or that the current student's order could not take
 * at all), each with the reason. It also says at once, naming the file, when a hot-folder shot stored for the
 * current student was refused by production, went to 未归属, or was skipped as a byte-identical copy. Each can be given to the student now on 拍摄
 * (stored as that order's original, then produced and checked) or discarded with a reason (set aside, not deleted).
 */
export function CaptureTray(props: {
  /** The student now on 拍摄, or null (assigning is then not offered). */
  current: { orderId: string; label: string } | null;
  operator: string;
  /** Always shown for a hot-folder camera; otherwise only while shots are waiting. */
  alwaysShow: boolean;
  onAssigned: (orderId: string, result: Res<'camera.assignUnassigned'>) => void;
}) {
  const client = useClient();
  const [shots, setShots] = useState<UnassignedShot[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [shotNote, setShotNote] = useState<{ tone: 'error' | 'warn'; text: string } | null>(null);
  const [assigning, setAssigning] = useState<UnassignedShot | null>(null);
  const [discarding, setDiscarding] = useState<UnassignedShot | null>(null);
  const [discardError, setDiscardError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    () =>
      client.call('camera.unassigned', {}).then(
        (r) => setShots(r.shots),
        (e: unknown) => setError(problemOf(e).message),
      ),
    [client],
  );
  useEffect(() => {
    void load();
    // camera.shot pushes keep it current; the slow refresh covers a push missed while the event stream reconnects
    const timer = setInterval(() => void load(), 5000);
    const off = subscribeShared(client, (ev) => {
      if (ev.name === 'camera.shotSkipped') setShotNote({ tone: 'warn', text: ev.data.reason });
      if (ev.name !== 'camera.shot') return;
      const { outcome, name, problem } = ev.data;
      if (outcome === 'order')
        setShotNote(problem ? { tone: 'error', text: t.camera.tray.refused(name, problem) } : null);
      else setShotNote(problem ? { tone: 'warn', text: t.camera.tray.toTray(name, problem) } : null);
      void load();
    });
    return () => {
      clearInterval(timer);
      off();
    };
  }, [client, load]);

  async function assign(shot: UnassignedShot) {
    const current = props.current;
    if (!current) return;
    setBusy(true);
    try {
      const r = await client.call('camera.assignUnassigned', {
        id: shot.id,
        orderId: current.orderId,
        operator: props.operator,
      });
      setNotice(t.camera.tray.assigned(shot.name));
      setError(null);
      props.onAssigned(current.orderId, r);
    } catch (e) {
      const reason = problemOf(e).message;
      // refused by production after its original was stored: it has left the tray (the order has it)
      const left = await client.call('camera.unassigned', {}).then(
        (r) => !r.shots.some((x) => x.id === shot.id),
        () => false,
      );
      setNotice(null);
      setError(left ? t.camera.tray.assignRefused(shot.name, reason) : t.camera.tray.assignFailed(shot.name, reason));
    } finally {
      setBusy(false);
      setAssigning(null);
      void load();
    }
  }

  async function discard(shot: UnassignedShot, reason: string) {
    setBusy(true);
    try {
      await client.call('camera.discardUnassigned', {
        id: shot.id,
        reason,
        operator: props.operator.trim() || undefined,
      });
      setNotice(t.camera.tray.discarded(shot.name));
      setDiscarding(null);
      setDiscardError(null);
      void load();
    } catch (e) {
      setDiscardError(problemOf(e).message);
    } finally {
      setBusy(false);
    }
  }

  if (!props.alwaysShow && shots.length === 0 && !error) return null;
  return (
    <section className="card capture-tray" data-testid="unassigned-tray" aria-label={t.camera.tray.title}>
      <h2>
        {t.camera.tray.title}
        {shots.length > 0 && <span className="tray-count">{shots.length}</span>}
      </h2>
      {shotNote && (
        <Banner tone={shotNote.tone} testId="hot-folder-note">
          {shotNote.text}
        </Banner>
      )}
      {error && <Banner tone="error">{error}</Banner>}
      {notice && <Banner tone="ok">{notice}</Banner>}
      {shots.length === 0 && <p className="muted small">{t.camera.tray.empty}</p>}
      {shots.length > 0 && !props.current && <p className="muted small">{t.camera.tray.assignNeedsStudent}</p>}
      <ul className="tray-list">
        {shots.map((s) => (
          <li key={s.id} data-testid="unassigned-shot">
            <Thumbnail id={s.id} />
            <div className="tray-meta">
              <span className="small">{t.camera.tray.arrived(businessTime(s.arrivedAt), s.name)}</span>
              {s.reason && (
                <span className="small tray-why" data-testid="unassigned-reason">
                  {t.camera.tray.why(s.reason)}
                </span>
              )}
              <div className="tray-actions">
                <button
                  type="button"
                  className="primary"
                  disabled={!props.current || busy}
                  onClick={() => setAssigning(s)}
                >
                  {t.camera.tray.assign}
                </button>
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => {
                    setDiscardError(null);
                    setDiscarding(s);
                  }}
                >
                  {t.camera.tray.discard}
                </button>
              </div>
            </div>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={assigning !== null}
        title={t.camera.tray.assignTitle}
        message={assigning && props.current ? t.camera.tray.assignMessage(props.current.label) : ''}
        confirmLabel={t.camera.tray.assignConfirm}
        onConfirm={() => assigning && void assign(assigning)}
        onCancel={() => setAssigning(null)}
      />
      <ReasonDialog
        open={discarding !== null}
        title={t.camera.tray.discardTitle}
        message={t.camera.tray.discardMessage}
        label={t.camera.tray.discardReason}
        confirmLabel={t.camera.tray.discardConfirm}
        maxLength={200}
        danger
        busy={busy}
        error={discardError}
        onConfirm={(reason) => discarding && void discard(discarding, reason)}
        onCancel={() => setDiscarding(null)}
      />
    </section>
  );
}

function Thumbnail({ id }: { id: string }) {
  const client = useClient();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    client.call('camera.unassignedThumbnail', { id }).then(
      (r) => alive && setSrc(`data:image/jpeg;base64,${r.jpegBase64}`),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [client, id]);
  return <div className="tray-thumb">{src && <img src={src} alt="" />}</div>;
}

import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { BindResult, LanStatusView } from '../../shared/contract/event-mode';
import { parseTicketQr, type IdentifiedBy } from '../../shared/domain/shooting-queue';
import { useClient } from '../api/context';
import { Field } from '../components/field';
import { problemOf } from '../components/problem';
import { t } from '../i18n';
import {
  bindRequest,
  INITIAL_QUEUE_CAPTURE,
  queueCaptureActive,
  queueCaptureReducer,
  type QueueCaptureState,
} from './capture-queue-state';
import { usePush } from './push-hub';
import { useStation } from './station-store';

// 拍摄 on a 拍摄位 of an event-mode event: the scan that names the student (ticket QR / 采集码, or the called
// number's masked name confirmed), then the shutter binds through queue.bind. Rules: capture-queue-state.ts.

export interface QueueCapture {
  active: boolean;
  eventId: string | null;
  state: QueueCaptureState;
  /** true when the scan named a student (the field then lets go of the keyboard: Space is the shutter). */
  identify: (scan: string) => Promise<boolean>;
  callNext: () => Promise<void>;
  confirmName: () => void;
  /** Bind a new shot (base64 JPEG) to the identified student. */
  bind: (imageBase64: string) => Promise<BindResult | null>;
  confirmHeld: () => Promise<void>;
  retake: () => void;
  next: () => void;
}

export function useQueueCapture(): QueueCapture {
  const client = useClient();
  const station = useStation();
  const [lan, setLan] = useState<LanStatusView | null>(null);
  const [eventId, setEventId] = useState<string | null>(null);
  const [state, dispatch] = useReducer(queueCaptureReducer, INITIAL_QUEUE_CAPTURE);
  const active = queueCaptureActive(lan);

  useEffect(() => {
    void client.call('lan.status', {}).then(setLan, () => setLan(null));
  }, [client]);
  usePush((ev) => {
    if (ev.name === 'lan.status') setLan(ev.data);
  });
  useEffect(() => {
    if (!active) return;
    void client.call('queue.events', {}).then(
      (r) => setEventId(r.events.find((e) => e.id === station.eventId)?.id ?? r.events[0]?.id ?? null),
      () => setEventId(null),
    );
  }, [client, active, station.eventId]);

  const identify = useCallback(
    async (scan: string) => {
      if (!eventId || !scan.trim()) return false;
      const by: IdentifiedBy = parseTicketQr(scan) ? 'ticket_qr' : 'collection_code';
      try {
        const ticket = await client.call('queue.identify', {
          eventId,
          by,
          proof: scan,
          ...(station.operator.trim() ? { operator: station.operator } : {}),
        });
        dispatch({ type: 'identified', who: { eventId, ticket, by, proof: scan.trim() } });
        return true;
      } catch (err) {
        dispatch({ type: 'scanFailed', message: problemOf(err).message });
        return false;
      }
    },
    [client, eventId, station.operator],
  );

  const callNext = useCallback(async () => {
    if (!eventId) return;
    if (!station.operator.trim()) return dispatch({ type: 'bindFailed', message: t.station.needOperator });
    try {
      const r = await client.call('queue.callNext', { eventId, operator: station.operator });
      dispatch({ type: 'called', ticket: r.ticket });
    } catch (err) {
      dispatch({ type: 'bindFailed', message: problemOf(err).message });
    }
  }, [client, eventId, station.operator]);

  const confirmName = useCallback(() => {
    const c = state.called;
    if (c)
      dispatch({
        type: 'identified',
        who: { eventId: c.eventId, ticket: c, by: 'name_confirmed', proof: c.nameMasked },
      });
  }, [state.called]);

  const send = useCallback(
    async (req: Record<string, unknown> | null, imageBase64: string): Promise<BindResult | null> => {
      if (!req) return null;
      dispatch({ type: 'bindStart' });
      try {
        const result = await client.call('queue.bind', req as never);
        dispatch({ type: 'bindDone', result, imageBase64 });
        return result;
      } catch (err) {
        dispatch({ type: 'bindFailed', message: problemOf(err).message });
        return null;
      }
    },
    [client],
  );

  const bind = useCallback(
    (imageBase64: string) => send(bindRequest(state, station.operator, { imageBase64 }), imageBase64),
    [send, state, station.operator],
  );
  const confirmHeld = useCallback(async () => {
    await send(bindRequest(state, station.operator, 'confirm'), state.held?.imageBase64 ?? '');
  }, [send, state, station.operator]);

  return {
    active,
    eventId,
    state,
    identify,
    callNext,
    confirmName,
    bind,
    confirmHeld,
    retake: () => dispatch({ type: 'retake' }),
    next: () => dispatch({ type: 'next' }),
  };
}

/** The panel above the live view: 叫下一位, the scan, who is identified, and what the last shot's binding did. */
export function CaptureQueuePanel({ q }: { q: QueueCapture }) {
  const [scan, setScan] = useState('');
  const scanInput = useRef<HTMLInputElement>(null);
  const Q = t.eventMode.queue;
  const C = t.eventMode.capture;
  const { who, called, result, held } = q.state;
  useEffect(() => {
    if (!who) scanInput.current?.focus();
  }, [who]);
  if (!q.eventId) return <div className="banner-warn">{Q.noEvent}</div>;
  return (
    <section className="card capture-queue" data-testid="capture-queue">
      <div className="event-row">
        <button type="button" onClick={() => void q.callNext()}>
          {Q.callNext}
        </button>
        {called && (
          <span data-testid="capture-called">
            {Q.called}：<strong>{called.label}</strong> {called.nameMasked}
          </span>
        )}
        {called && who?.ticket.id !== called.id && (
          <button type="button" onClick={q.confirmName}>
            {Q.confirmName(called.nameMasked)}
          </button>
        )}
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void q.identify(scan).then((ok) => {
            if (!ok) return;
            setScan('');
            scanInput.current?.blur();
          });
        }}
      >
        <Field label={Q.scan} hint={C.scanHint} error={q.state.scanError}>
          <input
            ref={scanInput}
            value={scan}
            onChange={(e) => setScan(e.target.value)}
            data-testid="capture-scan"
            autoComplete="off"
          />
        </Field>
      </form>
      {who ? (
        <div className="queue-identified" data-testid="capture-identified">
          <strong>{C.student(who.ticket.label, who.ticket.nameMasked)}</strong>
          <span className="muted">
            {' '}
            {who.ticket.classLabel} · {Q.by[who.by]}
            {who.ticket.issuedOffline ? ` · ${C.offlineNumber}` : ''}
          </span>
        </div>
      ) : (
        <div className="banner-info" role="status">
          {C.needScan}
        </div>
      )}
      {q.state.error && (
        <div className="banner-error" role="alert">
          {q.state.error}
        </div>
      )}
      {result && result.status === 'bound' && (
        <div className="banner-ok" data-testid="capture-bound">
          {C.bound(result.ticket?.label ?? who?.ticket.label ?? '', result.warnings.length > 0)}
          <button type="button" onClick={q.next}>
            {C.next}
          </button>
        </div>
      )}
      {result && result.status === 'pending' && (
        <div className="banner-warn" data-testid="capture-bound">
          {C.pending}
          <button type="button" onClick={q.next}>
            {C.next}
          </button>
        </div>
      )}
      {held && (
        <div className="banner-warn" role="alert" data-testid="face-warning">
          <strong>{t.face.title}</strong>
          <ul className="reasons">
            {held.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
          <p className="small">{C.heldHint}</p>
          <div className="actions">
            <button type="button" autoFocus onClick={q.retake}>
              {t.capture.retake}
            </button>
            <button type="button" onClick={() => void q.confirmHeld()} data-testid="face-confirm">
              {t.face.confirm}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

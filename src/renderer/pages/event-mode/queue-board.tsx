import { useEffect, useState } from 'react';
import type { BindResult, TicketView } from '../../../shared/contract/event-mode';
import { parseTicketQr, type IdentifiedBy } from '../../../shared/domain/shooting-queue';
import { useClient } from '../../api/context';
import { Field } from '../../components/field';
import { problemOf } from '../../components/use-api-call';
import { t } from '../../i18n';
import { useStation } from '../../station/station-store';
import { useQueueTickets } from './use-queue-tickets';

/** Who stands at the camera, as identified at this station: what queue.bind needs besides the photo. */
export interface Identified {
  eventId: string;
  ticket: TicketView;
  by: IdentifiedBy;
  proof: string;
}

const LIVE = ['waiting', 'called', 'skipped', 'recalled'] as const;

/**
 * The capture station's waiting queue: 叫下一位, 过号, 重新叫号, 离开队伍, and the scan that identifies the student.
 * The capture page binds its shot with `queue.bind` using `onIdentified`'s value (see README: how to run an event);
 * without a camera, a photo file can be bound here.
 */
export function QueueBoard({ onIdentified }: { onIdentified?: (who: Identified | null) => void }) {
  const client = useClient();
  const station = useStation();
  const [events, setEvents] = useState<{ id: string; schoolName: string; date: string }[] | null>(null);
  const [eventId, setEventId] = useState<string | null>(null);
  const [called, setCalled] = useState<TicketView | null>(null);
  const [scan, setScan] = useState('');
  const [scanError, setScanError] = useState<string | null>(null);
  const [who, setWho] = useState<Identified | null>(null);
  const [actionError, setError] = useState<string | null>(null);
  const [showDone, setShowDone] = useState(false);
  const [bound, setBound] = useState<BindResult | null>(null);
  const [lastShot, setLastShot] = useState<string | null>(null);
  const Q = t.eventMode.queue;
  const { tickets, loadError, reload: load } = useQueueTickets(eventId, 3000);
  const error = actionError ?? loadError;

  useEffect(() => {
    void client.call('queue.events', {}).then(
      (r) => {
        setEvents(r.events);
        setEventId((cur) => cur ?? r.events.find((e) => e.id === station.eventId)?.id ?? r.events[0]?.id ?? null);
      },
      (err: unknown) => setError(problemOf(err).message),
    );
  }, [client, station.eventId]);

  const identify = (next: Identified | null) => {
    setWho(next);
    setBound(null);
    onIdentified?.(next);
  };

  async function run<T>(fn: () => Promise<T>): Promise<T | null> {
    if (!station.operator.trim()) {
      setError(t.station.needOperator);
      return null;
    }
    try {
      const r = await fn();
      setError(null);
      load();
      return r;
    } catch (err) {
      setError(problemOf(err).message);
      return null;
    }
  }

  async function callNext() {
    if (!eventId) return;
    identify(null);
    const r = await run(() => client.call('queue.callNext', { eventId, operator: station.operator }));
    if (r) setCalled(r.ticket);
  }

  async function onScan() {
    if (!eventId || !scan.trim()) return;
    const by: IdentifiedBy = parseTicketQr(scan) ? 'ticket_qr' : 'collection_code';
    setScanError(null);
    try {
      const ticket = await client.call('queue.identify', {
        eventId,
        by,
        proof: scan,
        // recorded on a number this station issues from its own block while cut off from the host
        ...(station.operator.trim() ? { operator: station.operator } : {}),
      });
      identify({ eventId, ticket, by, proof: scan.trim() });
      setScan('');
    } catch (err) {
      setScanError(problemOf(err).message);
      identify(null);
    }
  }

  async function bindFile(file: File) {
    const base64 = await new Promise<string>((resolve, reject) => {
      const fr = new FileReader();
      fr.onload = () => resolve(String(fr.result));
      fr.onerror = () => reject(new Error(String(fr.error)));
      fr.readAsDataURL(file);
    });
    await bind(base64, null);
  }

  /** Bind the photo; after a warning (face consistency) the photographer may bind the same shot anyway. */
  async function bind(base64: string, confirm: BindResult | null) {
    if (!who) return;
    const r = await run(() =>
      client.call('queue.bind', {
        eventId: who.eventId,
        ticketId: who.ticket.id,
        by: who.by,
        proof: who.proof,
        imageBase64: base64,
        operator: station.operator,
        ...(confirm ? { bindingId: confirm.bindingId, confirmWarnings: true } : {}),
      }),
    );
    if (r) {
      setBound(r);
      setLastShot(r.status === 'warning' ? base64 : null);
    }
  }

  const shown = tickets.filter((x) => showDone || (LIVE as readonly string[]).includes(x.state));
  if (events && events.length === 0) return <div className="banner-warn">{Q.noEvent}</div>;

  return (
    <div className="event-grid">
      <section className="card" data-testid="queue-board">
        <div className="event-row">
          {events && events.length > 1 && (
            <select aria-label={Q.event} value={eventId ?? ''} onChange={(e) => setEventId(e.target.value)}>
              {events.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.schoolName} {e.date}
                </option>
              ))}
            </select>
          )}
          <button type="button" className="primary" onClick={() => void callNext()}>
            {Q.callNext}
          </button>
          <label>
            <input type="checkbox" checked={showDone} onChange={(e) => setShowDone(e.target.checked)} /> {Q.showDone}
          </label>
        </div>
        {error && (
          <div className="banner-error" role="alert">
            {error}
          </div>
        )}
        <table className="queue-table" data-testid="queue-table">
          <thead>
            <tr>
              <th>{Q.columns.label}</th>
              <th>{Q.columns.name}</th>
              <th>{Q.columns.klass}</th>
              <th>{Q.columns.state}</th>
              <th>{Q.columns.station}</th>
              <th>{Q.columns.actions}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((x) => (
              <tr key={x.id} data-testid={`queue-row-${x.label}`}>
                <td>{x.label}</td>
                <td>{x.nameMasked}</td>
                <td>{x.classLabel}</td>
                <td>{Q.states[x.state]}</td>
                <td>{x.calledBy ?? ''}</td>
                <td>
                  {(x.state === 'waiting' || x.state === 'called' || x.state === 'recalled') && (
                    <button
                      type="button"
                      onClick={() =>
                        void run(() =>
                          client.call('queue.act', { ticketId: x.id, action: 'skip', operator: station.operator }),
                        )
                      }
                    >
                      {Q.skip}
                    </button>
                  )}
                  {(x.state === 'skipped' || x.state === 'left') && (
                    <button
                      type="button"
                      onClick={() =>
                        void run(() =>
                          client.call('queue.act', { ticketId: x.id, action: 'recall', operator: station.operator }),
                        )
                      }
                    >
                      {Q.recall}
                    </button>
                  )}
                  {x.state !== 'bound' && x.state !== 'left' && (
                    <button
                      type="button"
                      onClick={() =>
                        void run(() =>
                          client.call('queue.act', { ticketId: x.id, action: 'leave', operator: station.operator }),
                        )
                      }
                    >
                      {Q.leave}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length === 0 && <div className="muted">{Q.nobody}</div>}
      </section>
      <section className="card">
        {called && (
          <div>
            <div className="muted">{Q.called}</div>
            <div className="queue-called" data-testid="queue-called">
              {called.label} {called.nameMasked}
            </div>
            <button
              type="button"
              onClick={() =>
                identify({ eventId: called.eventId, ticket: called, by: 'name_confirmed', proof: called.nameMasked })
              }
            >
              {Q.confirmName(called.nameMasked)}
            </button>
          </div>
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void onScan();
          }}
        >
          <Field label={Q.scan} hint={Q.scanHint} error={scanError}>
            <input value={scan} onChange={(e) => setScan(e.target.value)} data-testid="queue-scan" autoComplete="off" />
          </Field>
          <button type="submit">{Q.identify}</button>
        </form>
        {who && (
          <div className="queue-identified" data-testid="queue-identified">
            <strong>{Q.identified}</strong>
            <div>
              {who.ticket.label} {who.ticket.nameMasked} · {who.ticket.classLabel} · {Q.by[who.by]}
              {who.ticket.issuedOffline ? ` · ${t.eventMode.capture.offlineNumber}` : ''}
            </div>
            <input
              type="file"
              accept="image/jpeg,image/png"
              data-testid="queue-bind-file"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void bindFile(f);
              }}
            />
          </div>
        )}
        {bound && (
          <div className={bound.status === 'bound' ? 'banner-ok' : 'banner-warn'} data-testid="queue-bound">
            {bound.status === 'bound' && `${bound.ticket?.label ?? ''} ✓`}
            {bound.status === 'pending' && t.eventMode.lan.offline}
            {bound.status === 'warning' && bound.warnings.join('；')}
            {bound.status === 'warning' && lastShot && (
              <button type="button" onClick={() => void bind(lastShot, bound)} data-testid="queue-bind-anyway">
                {Q.bindAnyway}
              </button>
            )}
          </div>
        )}
      </section>
    </div>
  );
}

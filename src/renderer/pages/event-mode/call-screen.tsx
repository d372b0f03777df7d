import { useEffect, useState } from 'react';
import { callBoard } from '../../../shared/domain/shooting-queue';
import { useClient } from '../../api/context';
import { problemOf } from '../../components/use-api-call';
import { t } from '../../i18n';
import { useStation } from '../../station/station-store';
import { useQueueTickets } from './use-queue-tickets';

/**
 * 叫号屏 for a second monitor or browser window (`#/event-queue?screen=call`): the number being called in big
 * type (per station), and the next numbers. Full window, no controls; refreshes on every queue change and every 2 s
 * (a joined station gets no pushes from the host). Only numbers and masked names: it faces the queue.
 */
export function CallScreen() {
  const client = useClient();
  const station = useStation();
  const [eventId, setEventId] = useState<string | null>(null);
  const [eventsError, setError] = useState<string | null>(null);
  const { tickets, loadError } = useQueueTickets(eventId, 2000);
  const error = eventsError ?? loadError;
  const C = t.eventMode.call;

  useEffect(() => {
    void client.call('queue.events', {}).then(
      (r) => setEventId(r.events.find((e) => e.id === station.eventId)?.id ?? r.events[0]?.id ?? null),
      (err: unknown) => setError(problemOf(err).message),
    );
  }, [client, station.eventId]);

  useEffect(() => {
    // Esc leaves the screen (when it took over the station's own window)
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') window.location.hash = '#/event-queue';
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const board = callBoard(tickets, 3, 8);
  const [main, ...others] = board.calling;
  return (
    <div className="call-screen" data-testid="call-screen">
      <div className="call-title">{C.title}</div>
      {main ? (
        <div className="call-main" data-testid="call-main">
          <div className="call-number">{main.label}</div>
          <div className="call-name">
            {main.nameMasked}
            {main.calledBy ? <span className="call-station">{C.goTo(main.calledBy)}</span> : null}
          </div>
        </div>
      ) : (
        <div className="call-main call-idle">{C.idle}</div>
      )}
      {others.length > 0 && (
        <div className="call-others">
          {others.map((x) => (
            <div key={x.id} className="call-other">
              <strong>{x.label}</strong> {x.calledBy ? C.goTo(x.calledBy) : ''}
            </div>
          ))}
        </div>
      )}
      <div className="call-next-title">{C.next}</div>
      <div className="call-next" data-testid="call-next">
        {board.next.length === 0 ? (
          <span className="call-idle">{C.nobody}</span>
        ) : (
          board.next.map((x) => (
            <span key={x.id} className="call-chip">
              {x.label}
            </span>
          ))
        )}
      </div>
      {error && <div className="call-error">{error}</div>}
    </div>
  );
}

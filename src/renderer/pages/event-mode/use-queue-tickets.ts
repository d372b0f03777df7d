import { useCallback, useEffect, useState } from 'react';
import type { TicketView } from '../../../shared/contract/event-mode';
import { useClient } from '../../api/context';
import { problemOf } from '../../components/use-api-call';
import { subscribeShared } from '../../station/push-hub';

/**
 * The tickets of an event's 拍摄号 queue, kept fresh for 拍摄队列 and the 叫号屏: on every queue.updated push and every
 * `pollMs` (a joined station gets no pushes from the host). `reload` after an action of one's own; `loadError` is
 * the last failed read (cleared by the next good one).
 */
export function useQueueTickets(eventId: string | null, pollMs: number) {
  const client = useClient();
  const [tickets, setTickets] = useState<TicketView[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);

  const reload = useCallback(() => {
    if (!eventId) return;
    void client.call('queue.list', { eventId }).then(
      (r) => {
        setTickets(r.tickets);
        setLoadError(null);
      },
      (err: unknown) => setLoadError(problemOf(err).message),
    );
  }, [client, eventId]);

  useEffect(() => {
    reload();
    const timer = setInterval(reload, pollMs);
    const off = subscribeShared(client, (ev) => {
      if (ev.name === 'queue.updated') reload();
    });
    return () => {
      clearInterval(timer);
      off();
    };
  }, [client, reload, pollMs]);

  return { tickets, loadError, reload };
}

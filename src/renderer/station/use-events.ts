import { subscribeShared } from './push-hub';
import { useCallback, useEffect, useState } from 'react';
import type { StudioEvent } from '../../shared/domain/event';
import { useClient } from '../api/context';

export function useEvents(): { events: StudioEvent[] | null; reload: () => void } {
  const client = useClient();
  const [events, setEvents] = useState<StudioEvent[] | null>(null);
  const reload = useCallback(() => {
    client.call('events.list', {}).then(
      (r) => setEvents(r.events),
      () => setEvents([]),
    );
  }, [client]);
  useEffect(() => {
    reload();
    return subscribeShared(client, (ev) => {
      if (ev.name === 'event.created' || ev.name === 'event.updated') reload(); // archive/restore too
    });
  }, [client, reload]);
  return { events, reload };
}

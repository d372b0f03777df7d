import { ApiError } from '../../shared/api-error';
import type { StudioEvent } from '../../shared/domain/event';
import type { HandlerGroup } from '../kernel/handlers';
import type { PushBus } from '../kernel/push-bus';
import type { EventRepo } from './event-repo';

/** A station joined to an event host (event mode): the host's events, listed beside its own, read-only here. */
export interface HostEvents {
  /** Asked of the host (the last seen when it does not answer); [] when the station joined no host. */
  list(): Promise<StudioEvent[]>;
  /** The host's events as last seen, without a call. */
  cached(): StudioEvent[];
}

const NO_HOST: HostEvents = { list: () => Promise.resolve([]), cached: () => [] };

export function eventHandlers(
  repo: EventRepo,
  bus: PushBus,
  host: HostEvents = NO_HOST,
): HandlerGroup<'events.create' | 'events.list' | 'events.update' | 'events.archive'> {
  const ownedHere = (id: string) => {
    const theirs = host.cached().find((e) => e.id === id);
    if (theirs && !repo.get(id))
      throw new ApiError('forbidden', `该活动由主机 ${theirs.hostedBy ?? ''} 管理：请在主机上修改`, 'id');
  };
  return {
    'events.create': (req) => {
      const created = repo.create(req);
      bus.emit({ name: 'event.created', data: created });
      return created;
    },
    'events.list': async (req) => {
      const own = repo.list({ includeArchived: req.includeArchived });
      const theirs = await host.list();
      if (theirs.length === 0) return { events: own };
      // the host's first (the event the stations share), then this station's own that the host does not have
      const ids = new Set(theirs.map((e) => e.id));
      return { events: [...theirs, ...own.filter((e) => !ids.has(e.id))] };
    },
    'events.update': (req) => {
      ownedHere(req.id);
      const updated = repo.update(req);
      bus.emit({ name: 'event.updated', data: updated });
      return updated;
    },
    'events.archive': (req) => {
      ownedHere(req.id);
      const updated = repo.setArchived(req.id, req.archived);
      bus.emit({ name: 'event.updated', data: updated });
      return updated;
    },
  };
}

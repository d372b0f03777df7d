import type { HandlerGroup } from '../kernel/handlers';
import type { PushBus } from '../kernel/push-bus';
import type { EventRepo } from './event-repo';

export function eventHandlers(
  repo: EventRepo,
  bus: PushBus,
): HandlerGroup<'events.create' | 'events.list' | 'events.update' | 'events.archive'> {
  return {
    'events.create': (req) => {
      const created = repo.create(req);
      bus.emit({ name: 'event.created', data: created });
      return created;
    },
    'events.list': (req) => ({ events: repo.list({ includeArchived: req.includeArchived }) }),
    'events.update': (req) => {
      const updated = repo.update(req);
      bus.emit({ name: 'event.updated', data: updated });
      return updated;
    },
    'events.archive': (req) => {
      const updated = repo.setArchived(req.id, req.archived);
      bus.emit({ name: 'event.updated', data: updated });
      return updated;
    },
  };
}

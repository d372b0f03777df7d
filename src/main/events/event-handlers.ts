import type { HandlerGroup } from '../core/handlers';
import type { PushBus } from '../core/push-bus';
import type { EventRepo } from './event-repo';

export function eventHandlers(repo: EventRepo, bus: PushBus): HandlerGroup<'events.create' | 'events.list'> {
  return {
    'events.create': (req) => {
      const created = repo.create(req);
      bus.emit({ name: 'event.created', data: created });
      return created;
    },
    'events.list': () => ({ events: repo.list() }),
  };
}

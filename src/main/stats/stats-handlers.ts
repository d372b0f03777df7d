import type { HandlerGroup } from '../kernel/handlers';
import type { StatsService } from './stats-service';

export function statsHandlers(stats: StatsService): HandlerGroup<'stats.event'> {
  return {
    'stats.event': (req) => stats.event(req.eventId),
  };
}

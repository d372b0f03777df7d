import type { HandlerGroup } from '../kernel/handlers';
import type { CheckinService } from './checkin-service';

export function checkinHandlers(
  checkin: CheckinService,
): HandlerGroup<'checkin.decode' | 'checkin.lookup' | 'checkin.submit'> {
  return {
    'checkin.decode': (req) => checkin.decode(req.eventId, req.payload),
    'checkin.lookup': (req) => checkin.lookup(req.eventId, req.query),
    'checkin.submit': (req) => checkin.submit(req),
  };
}

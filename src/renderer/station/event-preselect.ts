import type { StudioEvent } from '../../shared/domain/event';

/**
 * The event the station bar should switch to by itself: the only active event, when none (or one no longer
 * listed — archived or removed) is chosen. With two or more events the operator picks; a valid choice is kept.
 */
export function preselectEventId(events: readonly StudioEvent[] | null, currentId: string | null): string | null {
  if (!events) return null; // not loaded yet: decide nothing
  if (currentId && events.some((e) => e.id === currentId)) return null;
  const active = events.filter((e) => !e.archivedAt);
  return active.length === 1 ? active[0]!.id : null;
}

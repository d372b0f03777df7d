import { z } from 'zod';
import { EventCreateInput, EventUpdateInput, StudioEvent } from '../domain/event';

export const eventsContract = {
  'events.create': { request: EventCreateInput, response: StudioEvent },
  /** Archived events are left out unless includeArchived (the 采集活动 page's 显示已归档). */
  'events.list': {
    request: z.strictObject({ includeArchived: z.boolean().default(false) }),
    response: z.object({ events: z.array(StudioEvent) }),
  },
  'events.update': { request: EventUpdateInput, response: StudioEvent },
  /** archived: true hides the event from the station's lists; false restores it. Nothing is deleted. */
  'events.archive': {
    request: z.strictObject({
      id: z.string({ error: '请指定采集活动' }).min(1, { error: '请指定采集活动' }).max(64),
      archived: z.boolean({ error: '请指定归档或恢复' }),
    }),
    response: StudioEvent,
  },
} as const;

export const eventsPush = {
  'event.created': StudioEvent,
  'event.updated': StudioEvent,
} as const;

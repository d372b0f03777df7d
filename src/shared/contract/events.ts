import { z } from 'zod';
import { EventCreateInput, StudioEvent } from '../domain/event';
import { Empty } from './app';

export const eventsContract = {
  'events.create': { request: EventCreateInput, response: StudioEvent },
  'events.list': { request: Empty, response: z.object({ events: z.array(StudioEvent) }) },
} as const;

export const eventsPush = {
  'event.created': StudioEvent,
} as const;

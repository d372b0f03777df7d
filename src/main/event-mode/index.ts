// Event mode (issue 13): station roles, the 拍摄号 queue hosted by one station, the LAN pairing and the joined
// station's forwarding + offline outbox. The folder's public face: other folders (and core/) import from here.
import type { PushBus } from '../kernel/push-bus';
import type { Db } from '../db/open';
import type { StationSettings } from '../station';
import type { EventRepo } from '../events';
import type { OrderService } from '../orders';
import type { CaptureService } from '../captures';
import type { PayloadDecoder } from '../../shared/domain/qr-payload';
import type { BindGuard } from './bind-guard';
import { EventMode } from './event-mode';
import { QueueService } from './queue-service';

export type { BindCandidate, BindGuard } from './bind-guard';
export { EventMode } from './event-mode';
export { eventModeHandlers, LAN_METHODS } from './event-mode-handlers';
export { LAN_ROUTE_PREFIX, serveLan } from './lan-route';
export { advertiseHost, discoverHosts } from './mdns';
export { QueueService } from './queue-service';

export interface CreateEventModeOptions {
  db: Db;
  settings: StationSettings;
  bus: PushBus;
  dataDir: string;
  now: () => Date;
  log: (msg: string, err?: unknown) => void;
  events: EventRepo;
  orders: OrderService;
  photos: CaptureService;
  decoders: () => readonly PayloadDecoder[];
  lanTimeoutMs?: number;
  workerIntervalMs?: number;
}

export function createEventMode(o: CreateEventModeOptions): EventMode {
  const guards: BindGuard[] = [];
  const queue = new QueueService({
    db: o.db,
    bus: o.bus,
    now: o.now,
    log: o.log,
    events: o.events,
    orders: o.orders,
    photos: o.photos,
    decoders: o.decoders,
    guards,
  });
  return new EventMode({
    db: o.db,
    settings: o.settings,
    bus: o.bus,
    dataDir: o.dataDir,
    now: o.now,
    log: o.log,
    queue,
    guards,
    lanTimeoutMs: o.lanTimeoutMs,
    workerIntervalMs: o.workerIntervalMs,
  });
}

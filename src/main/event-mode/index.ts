// Event mode (issue 13): station roles, the 拍摄号 queue hosted by one station, the LAN pairing and the joined
// station's forwarding + offline outbox. The folder's public face: other folders (and core/) import from here.
import type { StationSettings } from '../station';
import type { BindGuard } from './bind-guard';
import { EventMode } from './event-mode';
import { QueueService, type QueueServiceDeps } from './queue-service';

export type { BindCandidate, BindGuard } from './bind-guard';
export { EventMode } from './event-mode';
export { eventModeHandlers, LAN_METHODS } from './event-mode-handlers';
export { LAN_ROUTE_PREFIX, serveLan } from './lan-route';
export { LanServing, type LanServingShell, type LanTls } from './lan-serving';
export { advertiseHost, discoverHosts } from './mdns';
export { QueueService } from './queue-service';

/** What event mode is built from: the queue's own needs (QueueServiceDeps) and the LAN's. */
export interface CreateEventModeOptions extends Omit<QueueServiceDeps, 'guards'> {
  settings: StationSettings;
  dataDir: string;
  lanTimeoutMs?: number;
  workerIntervalMs?: number;
}

export function createEventMode(o: CreateEventModeOptions): EventMode {
  const guards: BindGuard[] = [];
  const { settings, dataDir, lanTimeoutMs, workerIntervalMs, ...deps } = o;
  const queue = new QueueService({ ...deps, guards });
  return new EventMode({
    db: o.db,
    settings,
    bus: o.bus,
    dataDir,
    now: o.now,
    log: o.log,
    queue,
    guards,
    lanTimeoutMs,
    workerIntervalMs,
  });
}

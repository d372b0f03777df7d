import type { LanStatusView } from '../../shared/contract/event-mode';
import { formatStationRoles, parseStationRoles, type StationRole } from '../../shared/domain/shooting-queue';
import type { PushBus } from '../kernel/push-bus';
import type { Db } from '../db/open';
import type { StationSettings } from '../station';
import type { BindGuard } from './bind-guard';
import { LanClient } from './lan-client';
import { LanHost } from './lan-host';
import { LanServing } from './lan-serving';
import type { QueueService } from './queue-service';

export const ROLE_KEYS = { roles: 'station_roles', name: 'lan_station_name' } as const;

export interface EventModeOptions {
  db: Db;
  settings: StationSettings;
  bus: PushBus;
  dataDir: string;
  now: () => Date;
  log: (msg: string, err?: unknown) => void;
  queue: QueueService;
  /** Bind guards run before every binding (face consistency plugs in here: `studio.eventMode.guards.push(g)`). */
  guards: BindGuard[];
  lanTimeoutMs?: number;
  workerIntervalMs?: number;
}

/** Event mode of one station: its roles, the queue (hosted here), the host side and the joined side of the LAN. */
export class EventMode {
  readonly queue: QueueService;
  readonly host: LanHost;
  readonly client: LanClient;
  /** 对局域网开放: the host's LAN listener, switched at run time (the shell attaches its web host). */
  readonly serving: LanServing;
  readonly guards: BindGuard[];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly o: EventModeOptions) {
    this.queue = o.queue;
    this.guards = o.guards;
    this.host = new LanHost(o.db, o.now);
    this.client = new LanClient(o.db, o.settings, o.dataDir, o.now, o.lanTimeoutMs);
    this.serving = new LanServing({
      settings: o.settings,
      dataDir: o.dataDir,
      host: this.host,
      stationName: () => this.stationName(),
      log: o.log,
      onChange: () => void this.publishStatus(),
    });
  }

  /** The host's events for this station's events list (events.list): none unless joined. */
  readonly hostEvents = {
    list: () => this.client.hostEvents(),
    cached: () => this.client.cachedHostEvents(),
  };

  roles(): StationRole[] {
    return parseStationRoles(this.o.settings.get(ROLE_KEYS.roles));
  }

  stationName(): string {
    return this.o.settings.get(ROLE_KEYS.name) ?? `工作站 ${this.o.settings.stationCode()}`;
  }

  setRoles(roles: StationRole[], name?: string): void {
    this.o.settings.set(ROLE_KEYS.roles, formatStationRoles(roles));
    if (name) this.o.settings.set(ROLE_KEYS.name, name);
  }

  mode(): LanStatusView['mode'] {
    if (this.client.link()) return 'joined';
    return this.host.hasStations() ? 'host' : 'standalone';
  }

  status(): LanStatusView {
    const link = this.client.link();
    return {
      roles: this.roles(),
      mode: this.mode(),
      stationName: this.stationName(),
      hostUrl: link?.hostUrl ?? null,
      stationNo: link?.stationNo ?? null,
      online: link ? this.client.online : null,
      lastError: link ? this.client.lastError : null,
      pending: this.client.pendingCount(),
      refused: this.client.refused(),
      pairing: link ? null : this.host.pairing(),
      stations: link ? [] : this.host.stations(),
      serving: this.serving.view(),
    };
  }

  publishStatus(): LanStatusView {
    const s = this.status();
    this.o.bus.emit({ name: 'lan.status', data: s });
    return s;
  }

  /** Background: send pending bindings, and check the host is there (runs where the sync worker runs). */
  start(): void {
    if (this.timer) return;
    let lastOnline: boolean | null = this.client.online;
    this.timer = setInterval(() => {
      if (!this.client.link()) return;
      const work = this.client.pendingCount() > 0 ? this.client.flush() : this.client.ping();
      void work
        .catch((err: unknown) => this.o.log('event mode: LAN worker', err))
        .finally(() => {
          if (this.client.online !== lastOnline) {
            lastOnline = this.client.online;
            this.publishStatus();
          }
        });
    }, this.o.workerIntervalMs ?? 2000);
    this.timer.unref();
  }

  /** Stops the LAN worker and closes the idle connections to the host (the station closes). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.client.close();
  }
}

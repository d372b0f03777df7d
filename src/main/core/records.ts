import { DEFAULT_DECODERS, type PayloadDecoder } from '../../shared/domain/qr-payload';
import { CheckinService } from '../checkin/checkin-service';
import { checkinHandlers } from '../checkin/checkin-handlers';
import type { PushBus } from '../kernel/push-bus';
import type { Db } from '../db/open';
import type { EventRepo } from '../events/event-repo';
import { orderHandlers } from '../orders/order-handlers';
import { OrderRepo } from '../orders/order-repo';
import { OrderService } from '../orders/order-service';
import { OutboxRepo } from '../outbox/outbox-repo';
import { PaymentRepo } from '../payments/payment-repo';
import { PaymentService } from '../payments/payment-service';
import { paymentHandlers } from '../payments/payment-handlers';
import { CaptureService } from '../captures/capture-service';
import { captureHandlers } from '../captures/capture-handlers';
import type { PhotoProducer } from '../captures/photo-producer';
import { PhotoRepo } from '../captures/photo-repo';
import { scanPhotos, type ScanReport } from '../captures/photo-scan';
import { PhotoStore } from '../captures/photo-store';
import { RosterRepo } from '../roster/roster-repo';
import { RosterService } from '../roster/roster-service';
import { rosterHandlers } from '../roster/roster-handlers';
import { loadIdHasher, type IdHasher } from '../station/id-hasher';
import { StationSettings } from '../station/station-settings';

export interface RecordsOptions {
  db: Db;
  dataDir: string;
  events: EventRepo;
  bus: PushBus;
  now: () => Date;
  log: (msg: string, err?: unknown) => void;
  /** Photo production (src/main/production, adapted in studio.ts); null = captures store originals only. */
  producer: PhotoProducer | null;
}

/** The records core: repositories, services and the API handler groups built on them. */
export interface Records {
  readonly settings: StationSettings;
  readonly hasher: IdHasher;
  readonly outbox: OutboxRepo;
  readonly orders: OrderService;
  readonly roster: RosterService;
  readonly checkin: CheckinService;
  readonly photoStore: PhotoStore;
  readonly photos: CaptureService;
  readonly payments: PaymentService;
  /** Vendor QR decoders go in front of ours. */
  readonly decoders: PayloadDecoder[];
  /** What the startup scan found. */
  readonly scan: ScanReport;
  handlers(): ReturnType<typeof rosterHandlers> &
    ReturnType<typeof checkinHandlers> &
    ReturnType<typeof orderHandlers> &
    ReturnType<typeof captureHandlers> &
    ReturnType<typeof paymentHandlers>;
}

export function createRecords(opts: RecordsOptions): Records {
  const { db, now, bus, log } = opts;
  const settings = new StationSettings(db);
  const hasher = loadIdHasher(opts.dataDir);
  const outbox = new OutboxRepo(db, now);
  const orders = new OrderService(db, new OrderRepo(db), outbox, bus, now);
  const rosterRepo = new RosterRepo(db);
  const roster = new RosterService(db, rosterRepo, opts.events, hasher, bus, now);
  const decoders: PayloadDecoder[] = [...DEFAULT_DECODERS];
  const checkin = new CheckinService(db, opts.events, rosterRepo, orders, hasher, settings, () => decoders, now);
  const photoStore = new PhotoStore(opts.dataDir);
  const photoRepo = new PhotoRepo(db);
  const photos = new CaptureService(db, photoStore, photoRepo, orders, outbox, now, log, opts.producer);
  const payments = new PaymentService(db, new PaymentRepo(db), opts.events, orders, outbox, bus, now);
  const scan = scanPhotos(db, photoStore, photoRepo, now, (msg) => log(msg));
  return {
    settings,
    hasher,
    outbox,
    orders,
    roster,
    checkin,
    photoStore,
    photos,
    payments,
    decoders,
    scan,
    handlers: () => ({
      ...rosterHandlers(roster),
      ...checkinHandlers(checkin),
      ...orderHandlers(orders, photoRepo, payments.repo),
      ...captureHandlers(photos),
      ...paymentHandlers(payments),
    }),
  };
}

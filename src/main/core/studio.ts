import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openDatabase, type Db } from '../db/open';
import { schemaVersion } from '../db/migrate';
import { EventRepo } from '../events/event-repo';
import { eventHandlers } from '../events/event-handlers';
import { PushBus } from '../kernel/push-bus';
import { createRecords, type Records } from './records';
import { producePhoto } from '../production';
import { createDocuments, type Documents } from './documents';
import type { Printer } from '../receipts/printer';
import type { CameraService } from '../camera/camera-service';
import { cameraHandlers } from '../camera/camera-handlers';
import { createCameraService } from '../camera/create-camera-service';
import { liveAnalysis } from '../camera/live-analysis';
import { createDispatch, type Dispatch } from './dispatch';
import { createVision, type Vision } from '../vision/vision-service';
import { visionHandlers } from '../vision/vision-handlers';
import { createLiveFrames } from '../vision/live-frames';
import type { PhotoProducer } from '../captures/photo-producer';
import { CapturePriority, yieldingToCaptures } from '../captures/capture-priority';
import { backdropSetting } from '../vision/backdrop-setting';
import { productionHandlers } from '../production/production-handlers';
import type { Handlers } from '../kernel/handlers';
import { appVersion } from './version';
import { guardLocalReview, SyncService, syncHandlers, type SyncTuning } from '../sync';
import { SettingsService } from '../settings/settings-service';
import { settingsHandlers } from '../settings/settings-handlers';
import { StatsService } from '../stats/stats-service';
import { statsHandlers } from '../stats/stats-handlers';
import { createEventMode, discoverHosts, eventModeHandlers, type EventMode } from '../event-mode';
import { FaceService, type FaceEmbedder } from '../faces';
import { embedFace } from '../vision/face-embedder';
import { warmUpVision } from '../vision/warm-up';
import { resolveProfile } from '../kernel/request-fields';

export interface StudioOptions {
  dataDir: string;
  /** Use ':memory:' for tests that need no file. */
  dbFile?: string;
  now?: () => Date;
  log?: (msg: string, err?: unknown) => void;
  nativeBinding?: string;
  /** Silent receipt printer (desktop window only); receipts are PDFs without one. */
  printer?: Printer | null;
  /**
   * Photo production for captures (original → final photo + 初审). Default: producePhoto on the studio's vision
   * (its worker starts on the first capture); null = captures store originals only. Tests give a stand-in.
   */
  producer?: PhotoProducer | null;
  /**
   * Face identity embedding of each capture, for face consistency (issue 13). Default: the studio's vision when
   * photo production is the default too, else none (tests with a stand-in producer start no vision for it);
   * null = captures are not face-checked.
   */
  faceEmbedder?: FaceEmbedder | null;
  /** Run the sync worker in the background (desktop window, `studio host`); CLI commands run it on demand. */
  syncWorker?: boolean;
  /** Sync timings (tests). */
  syncTuning?: Partial<SyncTuning>;
  /**
   * Warm up the vision service in the background after start-up (warmUpVision: both workers load their models and
   * run each live stage once), so the first live view is smooth. Default: where the sync worker runs (the window,
   * `studio host`). Never blocks start-up; errors are logged.
   */
  warmUpVision?: boolean;
}

export interface Studio {
  readonly dataDir: string;
  readonly db: Db;
  readonly bus: PushBus;
  readonly dispatch: Dispatch;
  /** Records core (issue 5): roster, check-in, orders, photos, payments, outbox. */
  readonly records: Records;
  /** Receipts and the export for the school / central office (issue 5). */
  readonly documents: Documents;
  readonly camera: CameraService;
  /** Sync with the central collection service (issue 10); its worker runs when `syncWorker` is set. */
  readonly sync: SyncService;
  /** Event mode (issue 13): station roles, the 拍摄号 queue, LAN pairing; bind guards in `eventMode.guards`. */
  readonly eventMode: EventMode;
  /** Face consistency of captures (issue 13); null without a face embedder. Embeddings never leave the station. */
  readonly faces: FaceService | null;
  /** The vision service (issue 3); its worker thread starts on first use. */
  vision(): Vision;
  /**
   * Ordered shutdown: camera live view stops (and its analysis in flight finishes), then the vision workers drain
   * and exit, then the database closes. Await it. Sync-compatible: when neither the camera nor the vision was
   * used, the database is already closed when it returns.
   */
  close(): Promise<void>;
}

/** The studio core: database, repositories and the API handlers. Runs under plain Node and in Electron main. */
export function createStudio(opts: StudioOptions): Studio {
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? ((msg, err) => console.error(`[studio] ${msg}`, err ?? ''));
  mkdirSync(opts.dataDir, { recursive: true });
  const dbFile = opts.dbFile ?? path.join(opts.dataDir, 'studio.sqlite');
  const db = openDatabase({ file: dbFile, nativeBinding: opts.nativeBinding });
  const bus = new PushBus();
  const events = new EventRepo(db, now);
  const startedAt = now().toISOString();
  let vision: Vision | null = null;
  let closing: Promise<void> | null = null;
  const getVision = (): Vision => {
    if (closing && !vision) throw new Error('工作站正在关闭');
    return (vision ??= createVision());
  };
  // a capture in production comes before live-view analysis (see CapturePriority)
  const priority = new CapturePriority();
  const baseProducer = opts.producer === undefined ? productionOn(getVision) : opts.producer;
  const producer: PhotoProducer | null = baseProducer
    ? (source, profileId) => priority.during(() => baseProducer(source, profileId))
    : null;
  const records = createRecords({ db, dataDir: opts.dataDir, events, bus, now, log, producer });
  const faceEmbedder: FaceEmbedder | null =
    opts.faceEmbedder !== undefined
      ? opts.faceEmbedder
      : opts.producer === undefined
        ? (bytes) => embedFace(getVision(), bytes)
        : null;
  const faces = faceEmbedder ? new FaceService(db, faceEmbedder, now) : null;
  records.photos.faces = faces;
  const documents = createDocuments({
    db,
    dataDir: opts.dataDir,
    events,
    records,
    bus,
    now,
    env: process.env,
    printer: opts.printer ?? null,
  });
  const sync = new SyncService({
    db,
    settings: records.settings,
    bus,
    now,
    log,
    orders: records.orders,
    photos: records.photos.repo,
    photoStore: records.photoStore,
    payments: records.payments.repo,
    events,
    tuning: opts.syncTuning,
  });
  const settings = new SettingsService(records.settings, opts.dataDir);
  const eventMode = createEventMode({
    db,
    settings: records.settings,
    bus,
    dataDir: opts.dataDir,
    now,
    log,
    events,
    orders: records.orders,
    photos: records.photos,
    decoders: () => records.decoders,
  });
  // the same check before an event-mode binding: its warnings hold the binding until the photographer confirms
  if (faces) eventMode.guards.push((c) => faces.warnings(c.orderId, c.bytes));
  const backdrop = backdropSetting(records.settings);
  // one live analysis for the window's frames (vision.analyzeFrame) and the station camera's (in-process)
  const liveFrames = yieldingToCaptures(createLiveFrames(getVision, backdrop), priority, () => ({
    dropped: true,
    frame: 0,
    pending: false,
    allPass: false,
    checks: [],
    analysis: null,
  }));
  const camera = createCameraService({
    bus,
    log,
    env: process.env,
    dataDir: opts.dataDir,
    captureSink: (jpeg, r) => records.photos.capture(r.orderId, jpeg, r.profileId, r.operator),
    analyzer: liveAnalysis(liveFrames, bus),
    preferredDevice: () => settings.defaultCameraId(),
    settingsStore: records.settings,
  });

  const handlers: Handlers = {
    'app.info': (_req, ctx) => ({
      name: 'collection-studio',
      version: appVersion(),
      dataDir: opts.dataDir,
      schemaVersion: schemaVersion(db),
      transport: ctx.transport === 'cli' ? undefined : ctx.transport,
      startedAt,
    }),
    ...eventHandlers(events, bus, eventMode.hostEvents),
    ...records.handlers(),
    ...documents.handlers(),
    ...cameraHandlers(camera),
    ...visionHandlers(getVision, backdrop, liveFrames),
    ...productionHandlers(getVision),
    ...syncHandlers(sync),
    ...settingsHandlers(settings, bus, { defaultCameraChanged: () => camera.followPreferred(), log }),
    ...statsHandlers(new StatsService(db, events)),
    ...eventModeHandlers(eventMode, discoverHosts),
  };

  // with a central server the centre reviews; without one the station keeps 本机审核
  handlers['orders.review'] = guardLocalReview(sync, handlers['orders.review']);
  const dispatch = createDispatch(handlers, log);
  if (opts.syncWorker) sync.start();
  if (opts.syncWorker) eventMode.start(); // the LAN worker runs where the sync worker does
  if (opts.warmUpVision ?? opts.syncWorker === true)
    setTimeout(() => {
      if (closing) return;
      warmUpVision(getVision(), { profile: resolveProfile(), backdrop: backdrop.get() }).then(
        (r) => r.skipped && log(`vision warm-up skipped: models missing (${r.missing.join(', ')})`),
        (err: unknown) => closing || log('vision warm-up', err), // closing first rejects it: nothing to say
      );
    }, VISION_WARM_UP_DELAY_MS).unref();

  return {
    dataDir: opts.dataDir,
    db,
    bus,
    dispatch,
    records,
    documents,
    camera,
    sync,
    eventMode,
    faces,
    vision: getVision,
    close() {
      eventMode.stop();
      closing ??= closeInOrder(camera, vision, sync, db, log);
      return closing;
    },
  };
}

/**
 * The vision warm-up starts this long after createStudio, so its worker threads and model loading (on both cores)
 * come after the start-up work that follows createStudio (the window loading, the host listening).
 */
const VISION_WARM_UP_DELAY_MS = 1000;

/** Captures get their final photo + 初审 from photo production (producePhoto's ProducedPhoto, adapted). */
function productionOn(getVision: () => Vision): PhotoProducer {
  return async (source, profileId) => {
    const p = await producePhoto(source, profileId, getVision(), { embedding: true });
    return {
      jpeg: p.jpeg,
      precheck: p.passed ? 'passed' : 'failed',
      checks: { reasons: p.reasons, geometry: p.geometry },
      timings: p.timings,
      embedding: p.embedding, // for the capture's face check (not stored with the checks)
    };
  };
}

/** Camera → vision → database: nothing still running may need the one closed after it. */
function closeInOrder(
  camera: CameraService,
  vision: Vision | null,
  sync: SyncService,
  db: Db,
  log: (msg: string, err?: unknown) => void,
): Promise<void> {
  if (!vision && camera.status().selected === null && !sync.isRunning()) {
    void camera.close();
    sync.dispose();
    db.close();
    return Promise.resolve();
  }
  return (async () => {
    await camera.close().catch((err: unknown) => log('close: camera', err));
    await vision?.close().catch((err: unknown) => log('close: vision', err));
    await sync.stop().catch((err: unknown) => log('close: sync', err));
    db.close();
  })();
}

import { createHash } from 'node:crypto';
import { ApiError } from '../../shared/api-error';
import type { ReviewDecision } from '../../shared/central';
import { REVIEW_MODE_LABELS, SYNC_TOPIC_LABELS, type SyncStatus, type SyncTopic } from '../../shared/contract/sync';
import type { PushBus } from '../kernel/push-bus';
import type { Db } from '../db/open';
import type { EventRepo } from '../events';
import type { OrderService } from '../orders';
import type { OrderRowWithFacts } from '../orders';
import type { PaymentRepo } from '../payments';
import type { PhotoRepo, PhotoRow } from '../captures';
import type { PhotoStore } from '../captures';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { CentralClient } from './central-client';
import { planReview } from './review-plan';
import { buildSnapshot, validateSnapshot } from './snapshot';
import {
  movesToNewServer,
  nextSyncConfig,
  readSyncConfig,
  reviewScope,
  SYNC_SETTING_KEYS,
  tokenHint,
  writeSyncConfig,
  type SettingsStore,
  type SyncConfig,
} from './sync-config';
import { SyncError } from './sync-error';
import { SyncRepo, type WorkUnit } from './sync-repo';

// The station's sync worker. The outbox rows (written in each change's own transaction) are the queue; per order,
// the rows due are sent as ONE snapshot of the order as it is now (photos first, by tus, then PUT with the order's
// revision), so the server converges on the newest state whatever was missed. Reviews come back by cursor and go
// through the order state machine. Nothing local is ever deleted because of a server answer.

export interface SyncTuning {
  /** Orders in flight at once (each order's own rows stay in order: one unit per order). */
  concurrency: number;
  /** Outbox rows read per pass. */
  batch: number;
  backoff: BackoffPolicy;
  /** Idle poll for new rows and reviews (the worker also wakes on every order/payment change). */
  pollMs: number;
  timeoutMs: number;
  /** Consecutive retryable failures in one pass taken as "the server is down": the pass stops and backs off. */
  downAfter: number;
  /** `runOnce`: give up after this many passes in a row that made no progress. */
  maxIdleFailures: number;
}

export const DEFAULT_TUNING: SyncTuning = {
  concurrency: 16,
  batch: 500,
  backoff: DEFAULT_BACKOFF,
  pollMs: 2000,
  timeoutMs: 15_000,
  downAfter: 3,
  maxIdleFailures: 8,
};

export interface SyncDeps {
  db: Db;
  settings: SettingsStore;
  bus: PushBus;
  now: () => Date;
  log: (msg: string, err?: unknown) => void;
  orders: OrderService;
  photos: PhotoRepo;
  photoStore: PhotoStore;
  payments: PaymentRepo;
  events: EventRepo;
  tuning?: Partial<SyncTuning>;
}

export interface RunSummary {
  /** Outbox rows delivered. */
  sent: number;
  /** Outbox rows parked (now). */
  parked: number;
  /** Outbox rows still pending. */
  pending: number;
  reviewsApplied: number;
  ordersSent: number;
  photosSent: number;
  bytesSent: number;
}

/** 'stale': the station moved to another server while the order was in flight (nothing written). */
type UnitOutcome = 'sent' | 'parked' | 'deferred' | 'auth' | 'stale';

interface PassResult {
  units: number;
  sentRows: number;
  ordersSent: number;
  parkedRows: number;
  retryFailures: number;
  down: boolean;
  auth: boolean;
  /** When the last order of the pass was acknowledged (stored once per pass). */
  lastSuccessAt: string | null;
}

const UNAUTHORIZED_CODES = ['unauthorized', 'cert_pin'];
/**
 * Least time between two sync.status pushes (the last state is always pushed, at most this much later). A status
 * counts the queue per topic over every pending outbox row: ≈ 30 ms with 10,000 rows, so at 4 pushes a second it
 * was a fifth of the worker's CPU during a big sync.
 */
const STATUS_PUSH_MS = 1000;
const BATCH = 64;
/** Orders read (and their fresh photos recorded) per transaction ahead of sending. */
const PREPARE = 32;

type PreparedUnit =
  | { order: null; maxId: number; fresh: Set<string>; event?: undefined }
  | {
      order: OrderRowWithFacts & { revision: number };
      maxId: number;
      event: ReturnType<EventRepo['get']>;
      final: PhotoRow | null;
      original: PhotoRow | null;
      payments: ReturnType<PaymentRepo['listByOrder']>;
      /** Photos this station never tried to upload before (recorded in the same transaction). */
      fresh: Set<string>;
    };

export class SyncService {
  readonly repo: SyncRepo;
  private readonly tuning: SyncTuning;
  private client: CentralClient | null = null;
  private clientKey = '';
  private state: SyncStatus['state'] = 'idle';
  private authFailed = false;
  private nextAttemptAt: string | null = null;
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Bookkeeping after a server answer, written in batches (one fsync per batch, not several per order). */
  private batch: (() => void)[] = [];
  /** Photos completed in this process whose row may still be in the batch. */
  private readonly completed = new Set<string>();
  private readonly uploads = new Map<string, { sha256: string; orderNo: string | null; sent: number; total: number }>();
  private session = { photos: 0, bytes: 0 };
  private running = false;
  private loopDone: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private unsubscribe: (() => void) | null = null;
  private emitTimer: NodeJS.Timeout | null = null;
  private lastEmit = 0;
  /**
   * Moves on when the station is configured for another server: an answer of the old server still in flight
   * (ack, upload URL, completed photo, review page) is then dropped, never written into the new server's books.
   */
  private generation = 0;
  /** The review scope whose bare (pre-scope) decisions have been adopted in this process. */
  private adoptedScope: string | null = null;

  constructor(private readonly deps: SyncDeps) {
    this.repo = new SyncRepo(deps.db);
    this.tuning = { ...DEFAULT_TUNING, ...deps.tuning };
  }

  // ---- configuration ------------------------------------------------------------------------------------

  config(): SyncConfig | null {
    return readSyncConfig(this.deps.settings);
  }

  /** Without a central server the station reviews its own orders (本机审核). */
  localReview(): boolean {
    return this.config() === null;
  }

  configure(req: { serverUrl: string | null; token?: string; fingerprint?: string | null }): SyncStatus {
    const stored = this.config();
    const next = nextSyncConfig(stored, req);
    const settings = this.deps.settings;
    const bound = settings.get(SYNC_SETTING_KEYS.boundServer) || null;
    const newServer = movesToNewServer(bound, stored, next);
    // what the old server answered so far goes in its books first; anything it answers later is dropped
    if (newServer) {
      this.flush();
      this.generation++;
      this.completed.clear();
    }
    this.deps.db
      .transaction(() => {
        writeSyncConfig(settings, next);
        if (next && newServer) {
          // decisions stored before they were keyed by server belong to the one the books described
          const old = bound || stored?.serverUrl;
          if (old) this.repo.adoptBareReviews(reviewScope(old));
          // another server: every order and photo goes again, its review stream starts from the beginning
          const reset = this.repo.resetForNewServer();
          settings.set(SYNC_SETTING_KEYS.reviewCursor, '0');
          settings.set(SYNC_SETTING_KEYS.lastSuccessAt, '');
          settings.set(SYNC_SETTING_KEYS.boundServer, next.serverUrl);
          if (reset.rows + reset.orders + reset.uploads > 0)
            this.deps.log(
              `sync: new server — ${reset.rows} queue rows, ${reset.orders} orders, ${reset.uploads} photos to send again`,
            );
        }
        if (next) {
          for (const code of UNAUTHORIZED_CODES) this.repo.requeueParked(code);
          this.repo.clearBackoff();
        }
      })
      .immediate();
    this.authFailed = false;
    this.nextAttemptAt = null;
    this.dropClient();
    this.wake();
    this.emitStatus(true);
    return this.status();
  }

  retryParked(): number {
    const n = this.repo.requeueParked();
    this.repo.clearBackoff();
    this.authFailed = false;
    this.wake();
    this.emitStatus(true);
    return n;
  }

  /** `orders.review` on the station: refused when the centre reviews. */
  assertLocalReview(): void {
    if (!this.localReview())
      throw new ApiError(
        'conflict',
        '本工作站已连接中心服务器：订单由中心审核员审核，本机不能审核通过或驳回。审核结果会自动同步回本机。',
      );
  }

  // ---- status -------------------------------------------------------------------------------------------

  status(): SyncStatus {
    const cfg = this.config();
    const parkedRows = this.repo.parked(100);
    const totals = this.repo.uploadTotals();
    const upload = [...this.uploads.values()].at(-1) ?? null;
    return {
      configured: cfg !== null,
      serverUrl: cfg?.serverUrl ?? null,
      tokenHint: tokenHint(cfg?.token),
      fingerprint: cfg?.fingerprint ?? null,
      localReview: cfg === null,
      reviewModeLabel: cfg === null ? REVIEW_MODE_LABELS.local : REVIEW_MODE_LABELS.central,
      state: cfg === null ? 'off' : this.authFailed ? 'auth_failed' : this.state,
      pending: this.repo.count('pending'),
      pendingByTopic: this.repo.pendingByTopic(),
      parked: parkedRows.map((r) => ({
        id: r.id,
        topic: r.topic,
        topicLabel: SYNC_TOPIC_LABELS[r.topic as SyncTopic] ?? r.topic,
        orderNo: r.order_no,
        error: r.last_error ?? '',
        attempts: r.attempts,
        createdAt: r.created_at,
      })),
      parkedCount: this.repo.count('parked'),
      sentCount: this.repo.count('sent'),
      lastSuccessAt: this.deps.settings.get(SYNC_SETTING_KEYS.lastSuccessAt) || null,
      lastError: this.repo.lastError(),
      nextAttemptAt: this.nextAttemptAt,
      photosSent: totals.photos,
      bytesSent: totals.bytes,
      upload: upload
        ? { sha256: upload.sha256, orderNo: upload.orderNo, bytesSent: upload.sent, bytesTotal: upload.total }
        : null,
      reviewsApplied: this.repo.reviewsApplied(),
    };
  }

  /** Push `sync.status` to every window, at most once per STATUS_PUSH_MS (always when forced). */
  private emitStatus(force = false): void {
    const due = this.lastEmit + STATUS_PUSH_MS - Date.now();
    if (force || due <= 0) {
      if (this.emitTimer) clearTimeout(this.emitTimer);
      this.emitTimer = null;
      this.lastEmit = Date.now();
      try {
        this.deps.bus.emit({ name: 'sync.status', data: this.status() });
      } catch (err) {
        this.deps.log('sync: status push failed', err);
      }
      return;
    }
    this.emitTimer ??= setTimeout(() => {
      this.emitTimer = null;
      this.emitStatus(true);
    }, due);
    this.emitTimer.unref?.();
  }

  // ---- batched bookkeeping ------------------------------------------------------------------------------
  //
  // What the worker writes after a server answer (order acknowledged, upload URL, upload complete) goes in one
  // transaction per BATCH operations or per pass. Losing a batch in a crash only means re-sending what the server
  // already has: PUT with the same revision is answered the same (or 409 = done), HEAD says a photo is complete —
  // so nothing arrives twice and nothing is lost; the upload URL falls back to /v1/photos/{sha256}.

  private later(op: () => void): void {
    const gen = this.generation;
    this.batch.push(() => {
      if (gen === this.generation) op();
    });
    if (this.batch.length >= BATCH) this.flush();
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    const ops = this.batch;
    this.batch = [];
    this.deps.db.transaction(() => ops.forEach((op) => op())).immediate();
  }

  // ---- the client ---------------------------------------------------------------------------------------

  private getClient(cfg: SyncConfig): CentralClient {
    const key = `${cfg.serverUrl}\n${cfg.token}\n${cfg.fingerprint ?? ''}`;
    if (!this.client || this.clientKey !== key) {
      this.client?.close();
      this.client = new CentralClient({ ...cfg, timeoutMs: this.tuning.timeoutMs });
      this.clientKey = key;
    }
    return this.client;
  }

  private dropClient(): void {
    this.client?.close();
    this.client = null;
    this.clientKey = '';
  }

  // ---- one pass over the queue --------------------------------------------------------------------------

  private async runPass(client: CentralClient): Promise<PassResult> {
    const gen = this.generation;
    const nowIso = this.deps.now().toISOString();
    const rows = this.repo.dueRows(nowIso, this.tuning.batch);
    for (const r of rows) if (!r.orderId) this.repo.parkRow(r.id, '同步数据不属于任何订单，无法发送');
    const units = SyncRepo.units(rows);
    const result: PassResult = {
      units: units.length,
      sentRows: 0,
      ordersSent: 0,
      parkedRows: 0,
      retryFailures: 0,
      down: false,
      auth: false,
      lastSuccessAt: null,
    };
    if (units.length === 0) return result;
    this.state = 'sending';
    this.emitStatus();
    let next = 0;
    let consecutiveRetries = 0;
    const prepared = new Map<string, PreparedUnit>();
    const worker = async () => {
      while (next < units.length && !result.auth && !result.down && this.running && gen === this.generation) {
        const i = next++;
        const unit = units[i]!;
        if (!prepared.has(unit.orderId))
          for (const [id, p] of this.prepare(units.slice(i, i + PREPARE))) prepared.set(id, p);
        const read = prepared.get(unit.orderId)!;
        prepared.delete(unit.orderId);
        const outcome = await this.processUnit(client, read, unit, result, gen);
        if (outcome === 'deferred') {
          result.retryFailures++;
          if (++consecutiveRetries >= this.tuning.downAfter) result.down = true;
        } else if (outcome !== 'stale') consecutiveRetries = 0;
        if (outcome === 'auth') result.auth = true;
        this.emitStatus();
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.tuning.concurrency, units.length) }, worker));
    this.flush();
    if (result.lastSuccessAt && gen === this.generation) {
      this.deps.settings.set(SYNC_SETTING_KEYS.lastSuccessAt, result.lastSuccessAt);
      // the server answers again: what waited out its backoff during the outage goes now, not minutes later
      if (result.retryFailures === 0) this.repo.clearBackoff();
    }
    return result;
  }

  /**
   * Reads the next PREPARE units' orders in ONE transaction (the snapshot of each as it is now, and the outbox id
   * it covers), and records in it an upload row for every photo the station has never tried to upload. Such a
   * "fresh" photo goes in one request (tus creation-with-upload: the bytes in the POST) without asking the server
   * first; any other — tried before, perhaps partly stored, perhaps complete — starts with HEAD. The row is
   * committed before a byte is sent, so after a crash the photo is never taken as fresh again.
   */
  private prepare(units: readonly WorkUnit[]): Map<string, PreparedUnit> {
    return this.deps.db
      .transaction(() => {
        const maxId = this.repo.maxOutboxId();
        const out = new Map<string, PreparedUnit>();
        for (const unit of units) {
          const order = this.deps.orders.repo.get(unit.orderId) as (OrderRowWithFacts & { revision: number }) | null;
          const fresh = new Set<string>();
          if (!order) {
            out.set(unit.orderId, { order: null, maxId, fresh });
            continue;
          }
          const event = this.deps.events.get(order.event_id);
          const final = this.finalPhotoOf(order);
          const original = final?.source_photo_id ? this.deps.photos.get(final.source_photo_id) : null;
          const payments = this.deps.payments.listByOrder(order.id);
          for (const p of final ? [original, final] : [])
            if (p && this.repo.markUpload(p.sha256, p.bytes)) fresh.add(p.sha256);
          out.set(unit.orderId, { order, maxId, event, final, original, payments, fresh });
        }
        return out;
      })
      .immediate();
  }

  private async processUnit(
    client: CentralClient,
    read: PreparedUnit,
    unit: WorkUnit,
    result: PassResult,
    gen: number,
  ): Promise<UnitOutcome> {
    const { maxId } = read;
    if (!read.order || !read.event) {
      result.parkedRows += this.repo.parkOrder(unit.orderId, maxId, '本机找不到该订单或其采集活动', 'local');
      return 'parked';
    }
    const order = read.order;
    try {
      const snapshot = buildSnapshot({
        order,
        event: read.event,
        payments: read.payments,
        final: read.final,
        original: read.original ?? null,
      });
      const valid = validateSnapshot(snapshot);
      if (!valid.ok) throw new SyncError('park', valid.message, null, 'local');
      // photos before the order that points at them (the two photos of one order travel side by side)
      const photos = read.final ? [read.original, read.final].filter((p): p is PhotoRow => !!p) : [];
      const uploads = photos.map((p) => this.ensureUploaded(client, p, order.order_no, read.fresh));
      const failed = (await Promise.allSettled(uploads)).find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
      await client.putOrder(order.id, snapshot, order.order_no); // 200, or 409 = the server has newer: done too
      const at = this.deps.now().toISOString();
      this.later(() => {
        result.sentRows += this.repo.ackOrder(order.id, maxId, snapshot.revision, at);
      });
      result.ordersSent++;
      result.lastSuccessAt = at;
      return 'sent';
    } catch (err) {
      // the station moved to another server meanwhile: the old one's answer says nothing about the new one
      if (gen !== this.generation) return 'stale';
      const e =
        err instanceof SyncError
          ? err
          : new SyncError('park', `本机错误：${err instanceof Error ? err.message : String(err)}`, null, 'local');
      if (!(err instanceof SyncError)) this.deps.log(`sync: order ${order.order_no} failed locally`, err);
      if (e.kind === 'retry') {
        const delay = backoffDelay(unit.attempts + 1, this.tuning.backoff);
        const nextAt = new Date(this.deps.now().getTime() + delay).toISOString();
        this.repo.deferOrder(order.id, maxId, e.message, nextAt);
        return 'deferred';
      }
      const code = e.kind === 'auth' ? (e.code ?? 'unauthorized') : (e.code ?? `http_${e.status ?? 0}`);
      result.parkedRows += this.repo.parkOrder(order.id, maxId, e.message, code);
      if (e.kind === 'auth') {
        this.authFailed = true;
        return 'auth';
      }
      return 'parked';
    }
  }

  /** The photo under review: the current final that passed 初审 (as the order sees it), else the latest final. */
  private finalPhotoOf(order: OrderRowWithFacts): PhotoRow | null {
    if (order.final_sha256) {
      const versions = this.deps.photos
        .listByOrder(order.id)
        .filter((p) => p.kind === 'final' && p.sha256 === order.final_sha256 && p.missing_since === null);
      if (versions.length) return versions.at(-1)!;
    }
    return this.deps.photos.currentFinal(order.id);
  }

  /** One upload per photo at a time: orders sharing a photo (the same file) wait for the first one's upload. */
  private ensureUploaded(
    client: CentralClient,
    photo: PhotoRow,
    orderNo: string,
    fresh: ReadonlySet<string>,
  ): Promise<void> {
    const running = this.inFlight.get(photo.sha256);
    if (running)
      return running.catch(() => undefined).then(() => this.ensureUploaded(client, photo, orderNo, new Set()));
    const p = this.uploadOnce(client, photo, orderNo, fresh.has(photo.sha256)).finally(() => {
      if (this.inFlight.get(photo.sha256) === p) this.inFlight.delete(photo.sha256);
    });
    this.inFlight.set(photo.sha256, p);
    return p;
  }

  private async uploadOnce(client: CentralClient, photo: PhotoRow, orderNo: string, fresh: boolean): Promise<void> {
    const gen = this.generation;
    const up = this.repo.upload(photo.sha256);
    if (up?.status === 'complete' || this.completed.has(photo.sha256)) return; // the server holds it: never again
    let bytes: Buffer;
    try {
      bytes = this.deps.photoStore.read(photo.sha256);
    } catch {
      throw new SyncError(
        'park',
        `照片文件缺失（订单 ${orderNo}，${photo.sha256.slice(0, 12)}…），请在照片检查中处理`,
        null,
        'local',
      );
    }
    if (createHash('sha256').update(bytes).digest('hex') !== photo.sha256)
      throw new SyncError('park', `本机照片文件已损坏（订单 ${orderNo}，sha256 不符），未上传`, null, 'local');
    const progress = { sha256: photo.sha256, orderNo, sent: 0, total: bytes.length };
    this.uploads.set(photo.sha256, progress);
    try {
      const r = await client.uploadPhoto(
        {
          sha256: photo.sha256,
          bytes,
          storedUrl: up?.upload_url ?? null,
          fresh: fresh && !up?.upload_url && (up?.attempts ?? 0) === 0,
          onUploadUrl: (url) =>
            this.later(() => {
              this.repo.ensureUpload(photo.sha256, photo.bytes);
              this.repo.setUploadUrl(photo.sha256, url);
            }),
          onProgress: (sent, total) => {
            progress.sent = sent;
            progress.total = total;
            this.emitStatus();
          },
        },
        orderNo,
      );
      const at = this.deps.now().toISOString();
      if (gen === this.generation) this.completed.add(photo.sha256);
      this.later(() => {
        this.repo.ensureUpload(photo.sha256, photo.bytes);
        this.repo.completeUpload(photo.sha256, r.bytesSent, at);
      });
      this.session.photos++;
      this.session.bytes += r.bytesSent;
    } catch (err) {
      const e = err instanceof SyncError ? err : new SyncError('retry', String(err));
      this.later(() => {
        this.repo.ensureUpload(photo.sha256, photo.bytes);
        this.repo.uploadAttempt(photo.sha256, 0, e.message);
      });
      // the server refused bytes that did not match the sha256 (and deleted them): our file is verified, so they
      // were damaged on the way — send again. 409: the offset moved (another upload of the same photo, e.g. from
      // another station): the next attempt asks the server where it stands (HEAD) first.
      if (e.code === 'checksum_mismatch' || e.status === 460 || e.status === 409)
        throw new SyncError('retry', e.message, e.status, e.code);
      throw e;
    } finally {
      this.uploads.delete(photo.sha256);
    }
  }

  // ---- reviews ------------------------------------------------------------------------------------------

  /**
   * Pull decisions since the stored cursor; each is applied once (cursor and effect in one transaction), keyed by
   * the server it came from (reviewScope).
   */
  private async pullReviews(client: CentralClient, serverUrl: string): Promise<number> {
    const gen = this.generation;
    const scope = reviewScope(serverUrl);
    if (this.adoptedScope !== scope) {
      this.repo.adoptBareReviews(scope);
      this.adoptedScope = scope;
    }
    let applied = 0;
    for (let page = 0; page < 100; page++) {
      const cursor = this.deps.settings.get(SYNC_SETTING_KEYS.reviewCursor) || '0';
      const res = await client.reviews(cursor, 200);
      if (gen !== this.generation) break; // another server now: this page belongs to the old one
      for (const r of res.reviews) if (this.applyReview(r, scope)) applied++;
      this.deps.settings.set(SYNC_SETTING_KEYS.reviewCursor, res.nextCursor);
      if (!res.hasMore || res.reviews.length === 0) break;
    }
    if (applied) this.emitStatus(true);
    return applied;
  }

  private applyReview(r: ReviewDecision, scope: string): boolean {
    const key = `${scope}:${r.cursor}`;
    const outcome = this.deps.db
      .transaction(() => {
        if (this.repo.hasReview(key)) return null;
        const order = this.deps.orders.repo.get(r.orderUuid);
        const plan = order
          ? planReview(order.state, { paid: order.paid === 1, hasFinalPhoto: !!order.final_sha256 }, r)
          : { actions: [], reason: '', note: '本机没有该订单' };
        for (const action of plan.actions)
          this.deps.orders.applyInTx(order!.id, action, r.reviewer, action === 'reject' ? plan.reason : '中心审核');
        this.repo.addReview({
          cursor: key,
          orderUuid: r.orderUuid,
          orderId: order?.id ?? null,
          decision: r.decision,
          reason: plan.reason,
          reviewer: r.reviewer,
          decidedAt: r.decidedAt,
          applied: plan.actions.length > 0,
          note: plan.note,
          receivedAt: this.deps.now().toISOString(),
        });
        this.deps.settings.set(SYNC_SETTING_KEYS.reviewCursor, r.cursor);
        return plan.actions.length > 0 ? order!.id : null;
      })
      .immediate();
    if (outcome) this.deps.orders.publish(outcome); // order.updated to every window
    return outcome !== null;
  }

  // ---- running ------------------------------------------------------------------------------------------

  /** Until the queue is empty (or the server stays unreachable / refuses the token): the CLI's `sync run --once`. */
  async runOnce(): Promise<RunSummary> {
    const summary: RunSummary = {
      sent: 0,
      parked: 0,
      pending: 0,
      reviewsApplied: 0,
      ordersSent: 0,
      photosSent: 0,
      bytesSent: 0,
    };
    if (!this.config()) throw new ApiError('conflict', '尚未配置中心服务器：请先运行 studio sync configure');
    const session0 = { ...this.session };
    const wasRunning = this.running;
    this.running = true;
    let failures = 0;
    try {
      for (;;) {
        const cfg = this.config(); // re-read: a sync.configure meanwhile sends to the new server
        if (!cfg) break;
        const client = this.getClient(cfg);
        const pass = await this.runPass(client);
        summary.sent += pass.sentRows;
        summary.ordersSent += pass.ordersSent;
        if (pass.auth) break;
        let reviewsFailed = false;
        try {
          summary.reviewsApplied += await this.pullReviews(client, cfg.serverUrl);
        } catch (err) {
          reviewsFailed = true;
          if (err instanceof SyncError && err.kind === 'auth') {
            this.authFailed = true;
            break;
          }
        }
        const progress = pass.sentRows > 0 || pass.ordersSent > 0;
        if (progress) failures = 0;
        else if (pass.retryFailures > 0 || reviewsFailed) failures++;
        const pending = this.repo.count('pending');
        if (pending === 0 && !reviewsFailed) break;
        if (failures >= this.tuning.maxIdleFailures) break;
        const wait =
          pass.down || reviewsFailed ? backoffDelay(Math.max(1, failures), this.tuning.backoff) : this.untilDue();
        if (wait > 0) await sleep(wait);
      }
    } finally {
      this.running = wasRunning;
      this.state = 'idle';
    }
    summary.parked = this.repo.count('parked');
    summary.pending = this.repo.count('pending');
    summary.photosSent = this.session.photos - session0.photos;
    summary.bytesSent = this.session.bytes - session0.bytes;
    this.emitStatus(true);
    return summary;
  }

  private untilDue(): number {
    const due = this.repo.earliestDue();
    if (!due) return 0;
    return Math.max(0, Math.min(this.tuning.backoff.maxMs, Date.parse(due) - this.deps.now().getTime()));
  }

  /** The background worker (desktop window, `studio host`): wakes on every change and polls for reviews. */
  start(): void {
    if (this.loopDone) return;
    this.running = true;
    this.unsubscribe = this.deps.bus.subscribe((ev) => {
      if (ev.name === 'order.updated' || ev.name === 'payment.updated') this.wake();
    });
    this.loopDone = this.loop();
  }

  isRunning(): boolean {
    return this.loopDone !== null;
  }

  /** Without a running worker: release the connection pool (synchronous). */
  dispose(): void {
    this.flush();
    if (this.emitTimer) clearTimeout(this.emitTimer);
    this.emitTimer = null;
    this.dropClient();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.wake();
    await this.loopDone;
    this.loopDone = null;
    this.flush();
    if (this.emitTimer) clearTimeout(this.emitTimer);
    this.emitTimer = null;
    this.dropClient();
  }

  private wake(): void {
    const w = this.wakeUp;
    this.wakeUp = null;
    w?.();
  }

  private idle(ms: number | null): Promise<void> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | null = null;
      const done = () => {
        if (timer) clearTimeout(timer);
        if (this.wakeUp === done) this.wakeUp = null;
        resolve();
      };
      if (ms !== null) timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (this.running) {
      const cfg = this.config();
      if (!cfg || this.authFailed) {
        this.state = 'idle';
        this.emitStatus();
        await this.idle(cfg ? null : this.tuning.pollMs);
        continue;
      }
      let wait: number = this.tuning.pollMs;
      let failed = false; // this attempt did not reach the server: say 等待重试 at once, never 已连接
      try {
        const client = this.getClient(cfg);
        const pass = await this.runPass(client);
        if (!this.authFailed) await this.pullReviews(client, cfg.serverUrl);
        if (pass.sentRows > 0 || pass.ordersSent > 0) failures = 0;
        if (pass.down) {
          failed = true;
          failures++;
          wait = backoffDelay(failures, this.tuning.backoff);
        } else if (pass.units > 0) wait = 0;
        else {
          const due = this.untilDue();
          if (due > 0) wait = Math.min(wait, due);
        }
      } catch (err) {
        if (err instanceof SyncError && err.kind === 'auth') this.authFailed = true;
        else {
          failed = true;
          failures++;
          wait = backoffDelay(failures, this.tuning.backoff);
          if (!(err instanceof SyncError)) this.deps.log('sync: worker pass failed', err);
        }
      }
      this.state = failed || wait > this.tuning.pollMs ? 'waiting' : 'idle';
      this.nextAttemptAt = wait > 0 ? new Date(this.deps.now().getTime() + wait).toISOString() : null;
      this.emitStatus();
      if (wait > 0 && this.running) await this.idle(wait);
    }
    this.state = 'idle';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

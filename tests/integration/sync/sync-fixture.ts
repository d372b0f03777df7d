import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createStudio, type Studio } from '../../../src/main/core/studio';
import { demoStudent } from '../../../src/main/checkin/demo-students';
import { startCentralServer, adminOrders, serverStats, type RunningCentralServer } from '../../../src/server';
import type { StudioEvent } from '../../../src/shared/domain/event';
import type { OrderView, PhotoView } from '../../../src/shared/contract/views';
import type { SyncTuning } from '../../../src/main/sync';
import { FEATURE_CODE, resizeProducer, testJpeg } from '../../helpers/records-fixture';
import { tempDir } from '../../helpers/temp-dir';

// A real central server (src/server, SQLite, loopback, random port) and a real station (createStudio) for the
// sync tests. Photo production is the records tests' stand-in (sync does not care how the final was made; the
// real production is exercised by `studio demo seed`'s own test).

export const ctx = { transport: 'cli' as const };

/** Fast timings so tests converge quickly; behaviour is the same as the defaults. */
export const FAST_SYNC: Partial<SyncTuning> = {
  backoff: { baseMs: 20, maxMs: 200 },
  pollMs: 100,
  timeoutMs: 3000,
  maxIdleFailures: 30,
};

export interface Central {
  dir: string;
  server: RunningCentralServer;
  url: string;
  token: string;
  /** Same data dir, new process-level server (after a stop), same or given port. */
  restart(port?: number): Promise<void>;
  stop(): Promise<void>;
  close(): Promise<void>;
}

export async function central(opts: { port?: number; dir?: string } = {}): Promise<Central> {
  const t = opts.dir ? { dir: opts.dir, cleanup: () => {} } : tempDir('central-');
  const start = (port?: number) =>
    startCentralServer({ dataDir: t.dir, port: port ?? 0, version: 'test', logStream: null });
  let server = await start(opts.port);
  const { token } = await server.services.tokens.createStationToken('S1');
  let stopped = false;
  const c: Central = {
    dir: t.dir,
    get server() {
      return server;
    },
    get url() {
      return server.url;
    },
    token,
    async restart(port) {
      if (!stopped) await server.close();
      server = await start(port ?? server.port);
      stopped = false;
    },
    async stop() {
      if (!stopped) await server.close();
      stopped = true;
    },
    async close() {
      if (!stopped) await server.close();
      stopped = true;
      t.cleanup();
    },
  };
  return c;
}

export interface Station {
  dir: string;
  studio: Studio;
  event: StudioEvent;
  call<T = unknown>(method: string, payload: unknown): Promise<T>;
  reopen(): Promise<void>;
  close(): Promise<void>;
}

export async function station(opts: { dir?: string; tuning?: Partial<SyncTuning> } = {}): Promise<Station> {
  const t = opts.dir ? { dir: opts.dir, cleanup: () => {} } : tempDir('station-');
  const open = () => {
    return createStudio({
      dataDir: t.dir,
      log: () => {},
      producer: resizeProducer(),
      syncTuning: { ...FAST_SYNC, ...opts.tuning },
    });
  };
  let studio = open();
  const existing = (await studio.dispatch('events.list', {}, ctx)) as { events?: StudioEvent[] } | StudioEvent[];
  const list = Array.isArray(existing) ? existing : (existing.events ?? []);
  const event =
    list[0] ??
    ((await studio.dispatch(
      'events.create',
      { schoolName: '山东师范大学', schoolCode: '10403', featureCode: FEATURE_CODE, date: '2026-06-01' },
      ctx,
    )) as StudioEvent);
  return {
    dir: t.dir,
    get studio() {
      return studio;
    },
    event,
    call: async <T>(m: string, p: unknown) => (await studio.dispatch(m, p, ctx)) as T,
    async reopen() {
      await studio.close();
      studio = open();
    },
    async close() {
      await studio.close();
      t.cleanup();
    },
  };
}

/** Check-in, capture (a distinct photo per seed), cash payment → 待审核. */
export async function completeOrder(
  st: Station,
  i: number,
  photoSize = { w: 64, h: 80 },
  photoSeed = i + 1,
): Promise<OrderView> {
  const s = demoStudent(i);
  const { order } = await st.call<{ order: OrderView }>('checkin.submit', {
    eventId: st.event.id,
    source: 'qr',
    payload: s.payload,
    featureCode: FEATURE_CODE,
    idLast4: s.idNumber.slice(-4),
    email: `s${i}@example.com`,
    phone: '13812345678',
    operator: '张老师',
  });
  await st.call<{ final: PhotoView | null }>('photos.capture', {
    orderId: order.id,
    imageBase64: (await testJpeg(photoSeed, photoSize.w, photoSize.h)).toString('base64'),
    operator: '张老师',
  });
  const paid = await st.call<{ orders: OrderView[] }>('payments.record', {
    eventId: st.event.id,
    method: 'cash',
    orderIds: [order.id],
    operator: '张老师',
  });
  return paid.orders[0]!;
}

export async function configure(st: Station, c: Central, token = c.token): Promise<void> {
  await st.call('sync.configure', { serverUrl: c.url, token });
}

/** Both sides, for the assertions: every station order with its final sha256 and the file's own sha256. */
export function stationSide(st: Station) {
  const rows = st.studio.db
    .prepare(
      `SELECT o.id, o.order_no, o.state, o.revision,
         (SELECT p.sha256 FROM photos p WHERE p.order_id = o.id AND p.kind = 'final' AND p.precheck = 'passed'
          ORDER BY p.version DESC LIMIT 1) AS final_sha
       FROM orders o ORDER BY o.order_no`,
    )
    .all() as { id: string; order_no: string; state: string; revision: number; final_sha: string | null }[];
  return rows.map((r) => ({
    ...r,
    fileSha: r.final_sha
      ? createHash('sha256')
          .update(readFileSync(st.studio.records.photoStore.pathOf(r.final_sha)))
          .digest('hex')
      : null,
  }));
}

export async function serverSide(c: Central) {
  const page = await adminOrders(c.server.services.central.db, { limit: 100_000, offset: 0 });
  const stats = await serverStats(c.server.services.central.db);
  const files = page.orders.map((o) => ({
    ...o,
    fileSha: o.finalPhotoSha256 ? sha256File(path.join(c.dir, 'photos', o.finalPhotoSha256)) : null,
  }));
  return { orders: files, stats };
}

function sha256File(file: string): string | null {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return null;
  }
}

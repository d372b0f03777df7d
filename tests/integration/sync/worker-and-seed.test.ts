import { afterEach, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { runCli } from '../../../src/main/cli/main';
import type { SyncStatus } from '../../../src/shared/contract/sync';
import type { OrderView } from '../../../src/shared/contract/views';
import type { SeedSummary } from '../../../src/main/cli/commands/demo-seed';
import { tempDir } from '../../helpers/temp-dir';
import {
  central,
  completeOrder,
  configure,
  serverSide,
  station,
  stationSide,
  type Central,
  type Station,
} from './sync-fixture';

let c: Central | null = null;
let st: Station | null = null;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await st?.studio.sync.stop();
  await st?.close();
  await c?.close();
  for (const f of cleanups.splice(0)) f();
  st = c = null;
});

function nextPush<T>(st: Station, name: string, pred: (data: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const off = st.studio.bus.subscribe((e) => {
      if (e.name === name && pred(e.data as T)) {
        off();
        resolve(e.data as T);
      }
    });
  });
}

function cliIO() {
  let out = '';
  let err = '';
  const sink = (f: (s: string) => void) =>
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        f(chunk.toString());
        cb();
      },
    });
  return {
    io: {
      stdout: sink((s) => (out += s)),
      stderr: sink((s) => (err += s)),
      env: process.env,
      untilSignal: () => new Promise<void>(() => {}),
    },
    out: () => out,
    err: () => err,
  };
}

describe('sync worker in the background', () => {
  it('sends a new order by itself and brings the centre’s 审核驳回 back to every window', async () => {
    c = await central();
    st = await station();
    await configure(st, c);
    st.studio.sync.start();
    const a = await completeOrder(st, 0);
    // the worker sends each change as it happens (check-in, photo, payment): wait for the last one to arrive
    const deadline = Date.now() + 45_000;
    let onServer: Awaited<ReturnType<typeof serverSide>>['orders'][number] | undefined;
    while (Date.now() < deadline) {
      onServer = (await serverSide(c)).orders.find((o) => o.uuid === a.id);
      if (onServer?.state === 'pending_review' && onServer.finalPhotoStored) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(onServer).toMatchObject({ state: 'pending_review', finalPhotoStored: true });

    const rejected = nextPush<OrderView>(st, 'order.updated', (o) => o.id === a.id && o.state === 'rejected');
    await c.server.services.reviews.decide({
      orderUuid: a.id,
      decision: 'rejected',
      reasonCode: 'background',
      reviewer: '王审核',
    });
    const view = await rejected; // pulled by the worker's poll, no call from the test
    expect(view.rejectReason).toBe('背景不符');
    expect(view.stateLabel).toBe('审核驳回');
    const status = await st.call<SyncStatus>('sync.status', {});
    expect(status.reviewsApplied).toBe(1);
  }, 60_000);
});

describe('studio demo seed + studio sync (CLI)', () => {
  it('makes complete orders through real photo production; sync run --once delivers them; status --json', async () => {
    const dir = tempDir('station-seed-');
    cleanups.push(dir.cleanup);
    c = await central();
    const seed = cliIO();
    expect(await runCli(['demo', 'seed', '--orders', '3', '--data', dir.dir, '--json'], seed.io)).toBe(0);
    const summary = JSON.parse(seed.out()) as SeedSummary;
    expect(summary.orders).toBe(3);
    expect(summary.pendingReview).toBeGreaterThan(0);
    expect(new Set(summary.finalPhotos.map((p) => p.sha256)).size).toBe(summary.finalPhotos.length);

    const conf = cliIO();
    expect(
      await runCli(['sync', 'configure', '--server', c.url, '--token', c.token, '--data', dir.dir, '--json'], conf.io),
    ).toBe(0);
    expect(conf.out()).not.toContain(c.token);
    const before = cliIO();
    await runCli(['sync', 'status', '--data', dir.dir, '--json'], before.io);
    const s0 = JSON.parse(before.out()) as {
      pending: number;
      parked: number;
      sent: number;
      lastSuccessAt: string | null;
    };
    expect(s0).toMatchObject({ parked: 0, sent: 0, lastSuccessAt: null });
    expect(s0.pending).toBeGreaterThan(0);

    const run = cliIO();
    const runCode = await runCli(['sync', 'run', '--once', '--data', dir.dir, '--json'], run.io);
    const st0 = cliIO();
    await runCli(['sync', 'status', '--data', dir.dir, '--json'], st0.io);
    expect(runCode, run.out() + run.err() + st0.out()).toBe(0);
    expect(JSON.parse(run.out())).toMatchObject({ sent: s0.pending, parked: 0, pending: 0, reviewsApplied: 0 });
    const after = cliIO();
    await runCli(['sync', 'status', '--data', dir.dir, '--json'], after.io);
    const s1 = JSON.parse(after.out()) as {
      pending: number;
      sent: number;
      lastError: string | null;
      lastSuccessAt: string;
    };
    expect(s1).toMatchObject({ pending: 0, sent: s0.pending, lastError: null });
    expect(Date.parse(s1.lastSuccessAt)).not.toBeNaN();

    st = await station({ dir: dir.dir });
    const local = stationSide(st);
    const side = await serverSide(c);
    expect(side.stats.orders).toBe(3);
    for (const o of local) {
      const s = side.orders.find((x) => x.uuid === o.id)!;
      expect(s.finalPhotoSha256).toBe(o.final_sha);
      expect(s.fileSha).toBe(o.fileSha);
    }
  }, 300_000);
});

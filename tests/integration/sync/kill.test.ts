import { afterEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { openCentral, serverStats } from '../../../src/server';
import { faultProxy, seededRandom, type FaultProxy } from './fault-proxy';
import { central, completeOrder, serverSide, station, stationSide, type Central } from './sync-fixture';
import { tempDir } from '../../helpers/temp-dir';

// Processes killed with SIGKILL: the station in the middle of `studio sync run` (10 rounds), and the server in the
// middle of a photo upload. The real CLI (bin/studio.mjs → the bundle `npm run build` makes, as in spawn-host).

const bin = path.resolve(__dirname, '../../../bin/studio.mjs');
const children = new Set<ChildProcess>();

function studio(args: string[]) {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    }),
  );
  return { child, exited, out: () => out, err: () => err };
}

let c: Central | null = null;
let proxy: FaultProxy | null = null;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  for (const ch of children) ch.kill('SIGKILL');
  await proxy?.close();
  await c?.close();
  for (const f of cleanups.splice(0)) f();
  c = proxy = null;
});

async function until(cond: () => Promise<boolean> | boolean, what: string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('sync under SIGKILL', () => {
  it('the station killed mid-sync, 10 rounds → no loss, no duplicate', async () => {
    c = await central();
    const t = tempDir('station-kill-');
    cleanups.push(t.cleanup);
    const random = seededRandom(42);
    let made = 0;
    const addOrders = async (n: number) => {
      const st = await station({ dir: t.dir });
      if (made === 0) await st.call('sync.configure', { serverUrl: c!.url, token: c!.token });
      for (let k = 0; k < n; k++) await completeOrder(st, made++, { w: 300, h: 375 });
      await st.studio.close();
    };
    await addOrders(4);
    let kills = 0;
    for (let round = 0; round < 10; round++) {
      const before = (await serverStats(c.server.services.central.db)).photos;
      const run = studio(['sync', 'run', '--data', t.dir, '--backoff-ms', '20']);
      // kill once something moved (a photo stored), at a random point after it
      await until(
        async () => (await serverStats(c!.server.services.central.db)).photos > before || run.child.exitCode !== null,
        'progress',
      );
      await new Promise((r) => setTimeout(r, Math.floor(random() * 150)));
      run.child.kill('SIGKILL');
      const { signal } = await run.exited;
      if (signal === 'SIGKILL') kills++;
      await addOrders(1); // the station keeps working between the crashes (and there is always work left)
    }
    expect(kills).toBe(10);
    const last = studio(['sync', 'run', '--data', t.dir, '--once', '--json', '--backoff-ms', '20']);
    const { code } = await last.exited;
    expect(last.err()).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(last.out()) as { pending: number; parked: number };
    expect(summary).toMatchObject({ pending: 0, parked: 0 });

    const st = await station({ dir: t.dir });
    try {
      const local = stationSide(st);
      expect(local).toHaveLength(made);
      const side = await serverSide(c);
      expect(side.stats.orders).toBe(made); // no duplicate
      expect(side.stats.photos).toBe(made * 2);
      for (const o of local) {
        const s = side.orders.find((x) => x.uuid === o.id)!;
        expect(s, o.order_no).toBeDefined();
        expect(s.revision).toBe(o.revision);
        expect(s.finalPhotoSha256).toBe(o.final_sha);
        expect(s.fileSha).toBe(o.final_sha);
        expect(o.fileSha).toBe(o.final_sha);
      }
    } finally {
      await st.studio.close();
    }
  }, 600_000);

  it('the server killed mid-upload → no half photo stored as complete; the resume completes it', async () => {
    const serverDir = tempDir('central-kill-');
    cleanups.push(serverDir.cleanup);
    const tokenRun = spawnSync(
      process.execPath,
      [bin, 'server', 'token', 'create', '--station', 'S1', '--data', serverDir.dir],
      { encoding: 'utf8' },
    );
    expect(tokenRun.status).toBe(0);
    const token = tokenRun.stdout.trim().split('\n').at(-1)!;
    const startServer = async (port: number) => {
      const s = studio(['server', '--port', String(port), '--data', serverDir.dir]);
      await until(() => /地址 URL:\s+http:\/\/127\.0\.0\.1:(\d+)/.test(s.out()) || s.child.exitCode !== null, 'server');
      return { ...s, port: Number(/地址 URL:\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(s.out())![1]) };
    };
    let server = await startServer(0);
    const port = server.port;
    let stalled = false;
    let blocked = false;
    let originalSha = '';
    proxy = await faultProxy(port, {
      decide: ({ photoBody, sha256 }) => {
        if (blocked) return 'error500';
        if (photoBody && sha256 === originalSha && !stalled) {
          stalled = true;
          return { stallAfterBytes: 300_000 };
        }
        return 'pass';
      },
    });
    const st = await station({ tuning: { maxIdleFailures: 400 } });
    cleanups.push(() => void 0);
    try {
      await completeOrder(st, 0, { w: 1000, h: 1250 });
      const sha = (st.studio.db.prepare("SELECT sha256, bytes FROM photos WHERE kind = 'original'").get() as {
        sha256: string;
        bytes: number;
      })!;
      originalSha = sha.sha256;
      await st.call('sync.configure', { serverUrl: proxy.url, token });
      const running = st.studio.sync.runOnce();
      const file = path.join(serverDir.dir, 'photos', sha.sha256);
      // the original's upload (its two photos travel side by side) stalled, with part of its bytes on the server
      await until(
        () =>
          proxy!.patches.some((p) => p.sha256 === sha.sha256 && p.bytes >= 300_000) &&
          existsSync(file) &&
          statSync(file).size > 0,
        'the upload to stall',
      );
      blocked = true;
      server.child.kill('SIGKILL');
      await server.exited;
      // with no server running: the bytes on disk are partial, and nothing counts them as a stored photo (the
      // order's small final photo travels beside it and may be complete by now: that one may be stored)
      expect(statSync(file).size).toBeLessThan(sha.bytes);
      const offline = await openCentral({ dataDir: serverDir.dir });
      const stored = await offline.central.db.selectFrom('photos').select(['sha256', 'bytes']).execute();
      expect(stored.map((p) => p.sha256)).not.toContain(sha.sha256);
      expect((await serverStats(offline.central.db)).photos).toBe(stored.length);
      expect(stored.length).toBeLessThanOrEqual(1);
      await offline.close();

      server = await startServer(port);
      blocked = false;
      const summary = await running;
      expect(summary).toMatchObject({ pending: 0, parked: 0 });
      server.child.kill('SIGTERM');
      await server.exited;

      c = await central({ dir: serverDir.dir }); // the same data, in-process, to compare
      const side = await serverSide(c);
      const local = stationSide(st);
      expect(side.stats).toMatchObject({ orders: 1, photos: 2 });
      expect(side.orders[0]!.finalPhotoSha256).toBe(local[0]!.final_sha);
      expect(side.orders[0]!.fileSha).toBe(local[0]!.final_sha);
      const original = await c.server.services.photos.photoBytes(sha.sha256);
      expect(original?.length).toBe(sha.bytes);
    } finally {
      await st.studio.close();
    }
  }, 120_000);
});

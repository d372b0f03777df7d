// npm run bench:sync — a seeded station (N complete orders, `studio demo seed`'s own code: check-in, capture of
// the sample portraits re-encoded to ~60 KB through real photo production, cash payment) synced to the reference
// server — its own process, `studio server`, SQLite or PostgreSQL with DATABASE_URL — over loopback:
//   1. a full sync, station → server directly: wall time (with the load average: other work on a shared machine
//      stretches it), orders/s, MB/s, and the CPU-seconds of each side (the steady figure on a shared machine);
//   2. the same station (a copy made before run 1) to a fresh server through a loopback proxy, the connection cut
//      when half the orders are there and back 2 s later: time from the reconnect to the end, and how many photo
//      bytes went twice (the proxy counts what it forwards).
// BENCH_ORDERS=2000 by default; the default sync timings (backoff 1 s … 60 s) are used.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import sharp from 'sharp';
import { createStudio } from '../../src/main/core/studio';
import { findSampleDir, listSamples } from '../../src/main/camera/replay-samples';
import { memoisedUniqueProducer, seedOrders } from '../../src/main/cli/commands/demo-seed';
import { producePhoto } from '../../src/main/production';
import { createVision } from '../../src/main/vision';
import type { PhotoProducer } from '../../src/main/captures/photo-producer';
import type { ServerStats } from '../../src/shared/central';
import { faultProxy } from '../../tests/integration/sync/fault-proxy';

const N = Number(process.env.BENCH_ORDERS ?? 2000);
const root = mkdtempSync(path.join(os.tmpdir(), 'studio-bench-sync-'));
const ctx = { transport: 'cli' as const };
// the server runs as `studio server` from the bundle (`npm run build` makes it; bin/studio.mjs builds it if missing)
const bin = path.resolve('bin/studio.mjs');

async function portraits60k(dir: string): Promise<string[]> {
  const src = findSampleDir();
  if (!src) throw new Error('no sample portraits (../shared/portraits)');
  mkdirSync(dir, { recursive: true });
  const out: string[] = [];
  for (const file of listSamples(src)) {
    // ~60 KB JPEG: the portrait at ≤ 720 px high, quality chosen to land near 60 KB
    let best: Buffer | null = null;
    for (const q of [92, 88, 84, 80, 76, 72, 68, 64, 60, 55, 50]) {
      const b = await sharp(file)
        .rotate()
        .resize({ height: 720, withoutEnlargement: true })
        .jpeg({ quality: q })
        .toBuffer();
      best = b;
      if (b.length <= 62_000) break;
    }
    const target = path.join(dir, `${path.parse(file).name}.jpg`);
    writeFileSync(target, best!);
    out.push(target);
  }
  return out;
}

function producerWith(vision: ReturnType<typeof createVision>): PhotoProducer {
  return async (source, profileId) => {
    const p = await producePhoto(source, profileId, vision);
    return {
      jpeg: p.jpeg,
      precheck: p.passed ? 'passed' : 'failed',
      checks: { reasons: p.reasons, geometry: p.geometry },
    };
  };
}

async function seed(stationDir: string, sources: string[]) {
  const vision = createVision();
  const studio = createStudio({
    dataDir: stationDir,
    log: () => {},
    producer: memoisedUniqueProducer(producerWith(vision)),
  });
  const t0 = performance.now();
  const summary = await seedOrders(studio, { orders: N, portraits: sources });
  const seconds = (performance.now() - t0) / 1000;
  const photoBytes = studio.db.prepare('SELECT coalesce(sum(bytes), 0) AS b, count(*) AS n FROM photos').get() as {
    b: number;
    n: number;
  };
  await studio.close();
  await vision.close();
  return { summary, seconds, photoBytes };
}

/** DATABASE_URL set: a fresh database on that PostgreSQL server for each run (else null: SQLite in the data dir). */
let databases = 0;
async function freshDatabaseUrl(): Promise<string | null> {
  const base = process.env.DATABASE_URL;
  if (!base) return null;
  const name = `bench_sync_${process.pid}_${++databases}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The reference server as its own process (`studio server`, the built CLI), as an office runs it. */
async function serverProcess(dataDir: string) {
  const databaseUrl = await freshDatabaseUrl();
  const env = databaseUrl ? { ...process.env, DATABASE_URL: databaseUrl } : process.env;
  const token = (role: string[]) => {
    const r = spawnSync(process.execPath, [bin, 'server', 'token', 'create', ...role, '--data', dataDir], {
      encoding: 'utf8',
      env,
    });
    if (r.status !== 0) throw new Error(r.stderr);
    return r.stdout.trim().split('\n').at(-1)!;
  };
  const station = token(['--station', 'S1']);
  const admin = token(['--admin', 'bench']);
  // BENCH_SERVER_NODE_ARGS: e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server process
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, bin, 'server', '--port', '0', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  // stderr: the server's JSON log, one line per answered request (counted, not kept); stdout: the start-up lines
  const log = { requests: 0, tail: '' };
  child.stderr.on('data', (d: Buffer) => {
    if (process.env.CENTRAL_DEBUG_BATCH) process.stderr.write(d);
    const text = log.tail + d.toString();
    const end = text.lastIndexOf('\n');
    log.tail = text.slice(end + 1);
    for (let i = text.indexOf('"msg":"request"'); i >= 0 && i < end; i = text.indexOf('"msg":"request"', i + 1))
      log.requests++;
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /地址 URL:\s+(\S+)/.exec(out);
      if (m) {
        child.stdout.off('data', onData);
        child.stdout.resume(); // the rest is read and dropped
        resolve(m[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  const stats = async (): Promise<ServerStats> => {
    const res = await fetch(`${url}/v1/admin/stats`, { headers: { Authorization: `Bearer ${admin}` } });
    return (await res.json()) as ServerStats;
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      child.on('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return {
    url,
    port: Number(new URL(url).port),
    station,
    stats,
    stop,
    requests: () => log.requests,
    cpuSeconds: () => procCpuSeconds(child.pid),
  };
}

async function syncRun(stationDir: string, serverDir: string, cutAtHalf: boolean) {
  const server = await serverProcess(serverDir);
  // the proxy only where the network is cut: in the full run it would be one more HTTP hop on the same cores
  const proxy = cutAtHalf ? await faultProxy(server.port, { decide: () => 'pass' }) : null;
  const studio = createStudio({ dataDir: stationDir, log: () => {} });
  await studio.dispatch('sync.configure', { serverUrl: proxy?.url ?? server.url, token: server.station }, ctx);
  const requests0 = server.requests();
  const t0 = performance.now();
  const cpu0 = { station: process.cpuUsage(), server: server.cpuSeconds() };
  let reconnectAt: number | null = null;
  const watcher = cutAtHalf
    ? (async () => {
        while ((await server.stats()).orders < N / 2) await sleep(50);
        proxy!.cut(); // the network goes: connections in flight are cut, new ones reset
        await sleep(2000);
        proxy!.restore();
        reconnectAt = performance.now();
      })()
    : null;
  const summary = await studio.sync.runOnce();
  await watcher;
  const t1 = performance.now();
  const stationCpu = process.cpuUsage(cpu0.station);
  const serverCpu1 = server.cpuSeconds();
  const cpu = {
    station: (stationCpu.user + stationCpu.system) / 1e6,
    server: serverCpu1 === null || cpu0.server === null ? null : serverCpu1 - cpu0.server,
  };
  const load = os.loadavg()[0]!;
  const stats = await server.stats();
  const result = {
    seconds: (t1 - t0) / 1000,
    afterReconnectSeconds: reconnectAt === null ? null : (t1 - reconnectAt) / 1000,
    summary,
    stats,
    /** Photo bytes on the wire: counted by the proxy when there is one, else what the station says it sent. */
    photoBytesSent: proxy?.patchBytes ?? summary.bytesSent,
    requests: server.requests() - requests0,
    cpu,
    load,
  };
  await studio.close();
  await proxy?.close();
  await server.stop();
  return result;
}

function reuseSeed(from: string, to: string) {
  cpSync(from, to, { recursive: true });
  const studio = createStudio({ dataDir: to, log: () => {}, producer: null });
  const orders = studio.records.orders.repo.list({ limit: 1, offset: 0 }).total;
  const pendingReview = studio.records.orders.repo.list({ state: 'pending_review', limit: 1, offset: 0 }).total;
  const photoBytes = studio.db.prepare('SELECT coalesce(sum(bytes), 0) AS b, count(*) AS n FROM photos').get() as {
    b: number;
    n: number;
  };
  void studio.close();
  return { summary: { orders, pendingReview }, seconds: 0, photoBytes };
}

/** CPU seconds (user + system) a process used so far, from /proc (Linux); null elsewhere. */
function procCpuSeconds(pid: number | undefined): number | null {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

async function main() {
  const stationA = path.join(root, 'station-a');
  // BENCH_SEED_DIR: a station seeded by an earlier run (copied, never changed) — the sync figures without
  // re-seeding; when the directory does not exist yet it is seeded there first and kept.
  const seedDir = process.env.BENCH_SEED_DIR;
  if (seedDir && !existsSync(seedDir)) {
    const s = await seed(seedDir, await portraits60k(path.join(root, 'portraits')));
    console.log(`seeded ${seedDir} in ${s.seconds.toFixed(1)} s (kept for BENCH_SEED_DIR)`);
  }
  const seeded = seedDir
    ? reuseSeed(seedDir, stationA)
    : await seed(stationA, await portraits60k(path.join(root, 'portraits')));
  if (process.env.BENCH_SEED_ONLY) return;
  const stationB = path.join(root, 'station-b');
  if (!process.env.BENCH_SKIP_CUT) cpSync(stationA, stationB, { recursive: true });
  const mb = seeded.photoBytes.b / 1e6;
  console.log(
    `seeded ${seeded.summary.orders} orders (${seeded.summary.pendingReview} 待审核), ${seeded.photoBytes.n} photos, ${mb.toFixed(1)} MB in ${seeded.seconds.toFixed(1)} s`,
  );

  const full = await syncRun(stationA, path.join(root, 'server-a'), false);
  const cpuTotal = full.cpu.server === null ? null : full.cpu.station + full.cpu.server;
  console.log(
    `full sync: ${full.seconds.toFixed(1)} s wall at load ${full.load.toFixed(1)} — ${(N / full.seconds).toFixed(0)} orders/s, ${(full.photoBytesSent / 1e6 / full.seconds).toFixed(1)} MB/s` +
      ` (server: ${full.stats.orders} orders, ${full.stats.photos} photos, ${(full.stats.photoBytes / 1e6).toFixed(1)} MB; pending ${full.summary.pending}, parked ${full.summary.parked})`,
  );
  console.log(
    `  CPU-seconds: station ${full.cpu.station.toFixed(1)} s, server ${full.cpu.server?.toFixed(1) ?? '?'} s, total ${cpuTotal?.toFixed(1) ?? '?'} s` +
      ` (${cpuTotal === null ? '?' : ((cpuTotal / N) * 1000).toFixed(1)} ms per order); ${full.requests} HTTP requests (${(full.requests / N).toFixed(1)} per order)`,
  );

  // BENCH_SKIP_CUT: only the full sync
  const cut = process.env.BENCH_SKIP_CUT ? null : await syncRun(stationB, path.join(root, 'server-b'), true);
  const resent = cut ? cut.photoBytesSent - cut.stats.photoBytes : null;
  if (cut)
    console.log(
      `cut at 50 %: total ${cut.seconds.toFixed(1)} s at load ${cut.load.toFixed(1)}, ${cut.afterReconnectSeconds?.toFixed(1)} s from the reconnect to the end` +
        ` (server: ${cut.stats.orders} orders, ${cut.stats.photos} photos); photo bytes sent ${cut.photoBytesSent} for ${cut.stats.photoBytes} stored` +
        ` → ${resent} bytes again (only the uploads cut in flight)`,
    );
  console.log(
    JSON.stringify({
      orders: N,
      photoMB: Number(mb.toFixed(1)),
      fullSeconds: Number(full.seconds.toFixed(1)),
      ordersPerSecond: Number((N / full.seconds).toFixed(0)),
      mbPerSecond: Number((full.photoBytesSent / 1e6 / full.seconds).toFixed(1)),
      requestsPerOrder: Number((full.requests / N).toFixed(1)),
      stationCpuSeconds: Number(full.cpu.station.toFixed(1)),
      serverCpuSeconds: full.cpu.server === null ? null : Number(full.cpu.server.toFixed(1)),
      cpuSecondsTotal: cpuTotal === null ? null : Number(cpuTotal.toFixed(1)),
      afterCutSeconds: cut?.afterReconnectSeconds == null ? null : Number(cut.afterReconnectSeconds.toFixed(1)),
      resentBytes: resent,
      loadAverage: Number(full.load.toFixed(1)),
      database: process.env.DATABASE_URL ? 'postgres' : 'sqlite',
    }),
  );
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => rmSync(root, { recursive: true, force: true }));

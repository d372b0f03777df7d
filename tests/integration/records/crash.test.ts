import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/db/open';
import { PhotoStore } from '../../../src/main/captures/photo-store';
import { tempDir } from '../../helpers/temp-dir';

// Kill a capturing + paying station with SIGKILL at random points, 50 times; after every restart the database
// is intact, every acknowledged capture and payment is there, every photo row's file exists with its sha256,
// and no student has two orders.

const ROUNDS = 50;
const t = tempDir('studio-crash-');
const worker = path.join(t.dir, 'crash-worker.cjs');
const dataDir = path.join(t.dir, 'data');

beforeAll(async () => {
  await build({
    entryPoints: [path.resolve('tests/helpers/crash-worker.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: worker,
    external: ['better-sqlite3', 'sharp', 'onnxruntime-node', 'exceljs', 'pdfkit', 'electron'],
    define: { __STUDIO_VERSION__: '"crash-test"' },
    logLevel: 'error',
    absWorkingDir: process.cwd(),
    nodePaths: [path.resolve('node_modules')],
  });
});
afterAll(() => t.cleanup());

// Deterministic pseudo-random kill points (reproducible failures).
let seed = 20261122;
const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;

/**
 * killAfterAcks < 0: kill delayMs after spawn (during start-up, migrations, photo scan). Otherwise wait for that
 * many committed steps after READY, then kill delayMs later, mid-operation — counting steps rather than
 * milliseconds keeps the test meaningful on a slow, busy machine.
 */
function runRound(killAfterAcks: number, delayMs: number): Promise<{ out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: process.cwd(),
      // the bundle lives in a temp dir: native externals resolve from the project's node_modules
      env: { ...process.env, NODE_PATH: path.resolve('node_modules') },
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | null = null;
    const arm = () => (timer ??= setTimeout(() => child.kill('SIGKILL'), delayMs));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (killAfterAcks >= 0 && out.includes('READY') && (out.match(/^ACK /gm) ?? []).length >= killAfterAcks) arm();
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    if (killAfterAcks < 0) arm();
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`worker exited on its own (${code}): ${err}`));
      else resolve({ out, err });
    });
  });
}

describe('crash safety: SIGKILL while capturing and paying', () => {
  it(`${ROUNDS} rounds: integrity ok, no photo lost, no order duplicated`, async () => {
    const captures = new Map<string, string[]>();
    const payments = new Set<string>();
    let acks = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // most kills land in the capture/pay loop; some during start-up (migrations, photo scan)
      const { out } = await runRound(rand() < 0.15 ? -1 : Math.floor(rand() * 4), Math.floor(rand() * 40));
      for (const line of out.split('\n')) {
        const [tag, kind, orderId, ...shas] = line.split(' ');
        if (tag !== 'ACK') continue;
        acks++;
        if (kind === 'capture')
          captures.set(
            orderId!,
            shas.filter((s) => s !== '-'),
          );
        if (kind === 'pay') payments.add(orderId!);
      }

      const db = openDatabase({ file: path.join(dataDir, 'studio.sqlite') });
      const store = new PhotoStore(dataDir);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        const photos = db.prepare('SELECT order_id, sha256 FROM photos').all() as {
          order_id: string;
          sha256: string;
        }[];
        for (const p of photos) {
          const file = store.pathOf(p.sha256);
          expect(existsSync(file), `round ${round}: file of ${p.sha256}`).toBe(true);
          expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(p.sha256);
        }
        for (const [orderId, shas] of captures)
          for (const sha of shas)
            expect(
              photos.some((p) => p.order_id === orderId && p.sha256 === sha),
              `round ${round}: ack ${sha}`,
            ).toBe(true);
        for (const orderId of payments) {
          const live = db
            .prepare('SELECT count(*) AS n FROM payment_orders WHERE order_id = ? AND active = 1')
            .get(orderId);
          expect(live, `round ${round}: payment of ${orderId}`).toEqual({ n: 1 });
        }
        const dup = db
          .prepare('SELECT student_no, count(*) AS n FROM orders GROUP BY event_id, student_no HAVING n > 1')
          .all();
        expect(dup).toEqual([]);
        expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 1 });
      } finally {
        db.close();
      }
    }
    // the test must actually have exercised the loop
    expect(acks).toBeGreaterThan(ROUNDS / 2);
    expect(captures.size).toBeGreaterThan(5);
  }, 300_000);
});

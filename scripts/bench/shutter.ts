// npm run bench:shutter — from the shutter to the final photo and its 初审 pushed, with a 24 MP capture.
//
// Drives the real studio core (createStudio, STUDIO_CAMERA=replay) through camera.captureForOrder, the call the
// 拍摄 page's Space makes: the replay camera hands over a 4000×6000 JPEG (made at run time from
// ../shared/portraits, with sensor-like grain so the file is camera-sized, ~8–10 MB), then the capture flow stores
// the original, produces the final photo, reviews it (初审) and pushes order.updated. The stages are the capture
// flow's own StageClock spans (CaptureService.onTimeline), not a reimplementation; `camera` is the call to the
// capture flow's start, `push` ends when order.updated reaches the bus, `answer` when dispatch returns; `cpu` is the
// process's CPU time during the shot (every thread), the figure that a loaded machine disturbs least.
//
//   SHOTS=24 (default)  BENCH_LIVE=1: live view (15 fps) and its analysis run during the shots, as on the station.
//   BENCH_PORTRAITS=01,04,05 (which samples; default all five)  BENCH_SOURCES=dir keeps the generated captures
//   BENCH_JSON=file appends every shot's stages as a JSON line (BENCH_LABEL tags them), to pool A/B runs
//   BENCH_SAME_BYTES=1: every shot of a sample is the same file, as the replay camera hands it over. By default each
//   shot gets a JPEG comment with its number (same pixels, other bytes), as a real camera never delivers the same
//   bytes twice: a cache keyed by the bytes (the face check's, by SHA-256) would otherwise hide the work of a shot.
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { OrderView } from '../../src/shared/contract/views';
import type { StudioEvent } from '../../src/shared/domain/event';

const SHOTS = Number(process.env.SHOTS ?? 24);
const LIVE = process.env.BENCH_LIVE === '1';
const W = 4000;
const H = 6000;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-shutter-'));
const replayDir = path.join(tmp, 'replay');
mkdirSync(replayDir);
process.env.STUDIO_CAMERA = 'replay';
process.env.STUDIO_REPLAY_DIR = replayDir;

/** A camera-like 24 MP JPEG: the portrait upscaled, with per-pixel grain (an upscale alone compresses to ~1 MB). */
async function camera24mp(file: string, out: string, seed: number): Promise<number> {
  const { data, info } = await sharp(file)
    .flatten({ background: '#ffffff' })
    .resize(W, H, { kernel: 'lanczos3' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  let s = seed >>> 0 || 1;
  for (let i = 0; i < data.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const v = data[i]! + ((s & 31) - 15);
    data[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  const info2 = await sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } })
    .jpeg({ quality: 92 })
    .toFile(out);
  return info2.size;
}

type Timeline = { orderId: string; spans: Record<string, { start: number; end: number }> };

const pct = (v: number[], p: number) => {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};
const fmt = (v: number) => v.toFixed(0).padStart(6);

async function main() {
  const want = process.env.BENCH_PORTRAITS?.split(',').map((s) => s.trim());
  const portraitDir = path.resolve(process.env.BENCH_PORTRAIT_DIR ?? '../shared/portraits');
  const all = ['portrait-01.jpg', 'portrait-02.webp', 'portrait-03.png', 'portrait-04.jpg', 'portrait-05.jpg'];
  const picked = all.filter((f) => !want || want.some((w) => f.includes(w)));
  const sizes: number[] = [];
  // BENCH_SOURCES=dir keeps the generated captures between runs (A/B runs on the same files, less set-up load)
  const keep = process.env.BENCH_SOURCES;
  if (keep) mkdirSync(keep, { recursive: true });
  for (const [i, f] of picked.entries()) {
    const out = path.join(replayDir, `shot-${i}.jpg`);
    const kept = keep ? path.join(keep, `${path.parse(f).name}-${W}x${H}.jpg`) : null;
    if (kept && existsSync(kept)) copyFileSync(kept, out);
    else await camera24mp(path.join(portraitDir, f), out, i + 1);
    if (kept && !existsSync(kept)) copyFileSync(out, kept);
    sizes.push(statSync(out).size);
  }

  // imported after the environment is set: the camera drivers read STUDIO_CAMERA / STUDIO_REPLAY_DIR
  const { createStudio } = await import('../../src/main/core/studio');
  const { demoStudent } = await import('../../src/main/checkin/demo-students');
  if (process.env.BENCH_SAME_BYTES !== '1') {
    const { ReplayCamera } = await import('../../src/main/camera/replay-camera');
    const { withJpegComment } = await import('../../src/main/cli/commands/demo-seed');
    const replayCapture = ReplayCamera.prototype.capture;
    let shotNo = 0;
    ReplayCamera.prototype.capture = async function (this: InstanceType<typeof ReplayCamera>) {
      return withJpegComment(await replayCapture.call(this), `bench shot ${++shotNo}`);
    };
  }
  const studio = createStudio({ dataDir: path.join(tmp, 'data'), log: () => {} });
  const call = <T>(m: string, req: unknown) => studio.dispatch(m, req, { transport: 'cli' }) as Promise<T>;
  const lines: Record<string, number>[] = [];
  let refused = 0;
  let failed = 0;
  try {
    const event = await call<StudioEvent>('events.create', {
      schoolName: '基准大学',
      schoolCode: '10403',
      featureCode: 'BENCH2026',
      date: '2026-12-01',
      stationName: '基准工作站',
    });
    let n = 0;
    const newOrder = async () => {
      const s = demoStudent(n++, event.schoolCode);
      const { order } = await call<{ order: OrderView }>('checkin.submit', {
        eventId: event.id,
        source: 'qr',
        payload: s.payload,
        name: s.fullName,
        featureCode: event.featureCode,
        idLast4: s.idNumber.slice(-4),
        email: `s${n}@example.com`,
        phone: `138${String(10_000_000 + n).slice(-8)}`,
        operator: '基准',
      });
      return order;
    };
    const seen: { timeline: Timeline | null } = { timeline: null };
    studio.records.photos.onTimeline = (orderId, clock) => (seen.timeline = { orderId, spans: clock.spans });
    let pushedAt = 0;
    let waitFor = '';
    studio.bus.subscribe((e) => {
      if (e.name === 'order.updated' && (e.data as OrderView).id === waitFor && !pushedAt) pushedAt = performance.now();
    });
    if (LIVE) await call('camera.start', { fps: 15 });
    // warm-up: every sample decoded once by the replay camera, the vision workers started, one capture each
    const usable: boolean[] = [];
    for (let i = 0; i < picked.length; i++) {
      const order = await newOrder();
      try {
        const r = await call<{ final: unknown }>('camera.captureForOrder', { orderId: order.id, operator: '基准' });
        usable.push(r.final !== null);
      } catch {
        usable.push(false);
      }
      await call('camera.next', {});
    }
    if (!usable.some(Boolean)) throw new Error('no sample portrait produces a final photo');
    console.log(
      `shutter bench: ${SHOTS} shots of ${W}×${H} JPEGs (${sizes.map((b) => (b / 1e6).toFixed(1)).join(' / ')} MB), ` +
        `samples producing a photo: ${usable
          .map((u, i) => (u ? picked[i] : null))
          .filter(Boolean)
          .join(', ')}; ` +
        `live view ${LIVE ? 'on (15 fps + analysis)' : 'off'}; ` +
        `${process.env.BENCH_SAME_BYTES === '1' ? 'same bytes every shot' : 'other bytes every shot'}; node ${process.version}, ${os.cpus().length} cores, ` +
        `load ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
    );
    let sample = 0;
    for (let shot = 0; shot < SHOTS; shot++) {
      while (!usable[sample]) {
        await call('camera.next', {});
        sample = (sample + 1) % picked.length;
      }
      const order = await newOrder();
      seen.timeline = null;
      pushedAt = 0;
      waitFor = order.id;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      let res: { timings?: Record<string, number>; final: unknown };
      try {
        res = await call('camera.captureForOrder', { orderId: order.id, operator: '基准' });
      } catch {
        refused++;
        continue;
      } finally {
        await call('camera.next', {});
        sample = (sample + 1) % picked.length;
      }
      const answered = performance.now();
      const cpu = process.cpuUsage(c0);
      if (!res.final) {
        failed++;
        continue;
      }
      const tl = seen.timeline as Timeline | null; // set by onTimeline during the call
      if (!tl || tl.orderId !== order.id) throw new Error('no stage clock for the capture');
      const starts = Object.values(tl.spans).map((s) => s.start);
      const line: Record<string, number> = { camera: Math.min(...starts) - t0 };
      for (const [k, s] of Object.entries(tl.spans)) line[k] = s.end - s.start;
      for (const [k, v] of Object.entries(res.timings ?? {})) if (k.startsWith('production.')) line[k] = v;
      line['shutter→push'] = (pushedAt || answered) - t0;
      line['shutter→answer'] = answered - t0;
      // CPU time of the whole process (main thread, vision workers, sharp's threads): less at the mercy of the load
      line['cpu (all threads)'] = (cpu.user + cpu.system) / 1000;
      lines.push(line);
    }
  } finally {
    await studio.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  // BENCH_JSON=file: every shot's line appended as JSON (pooling alternating runs)
  if (process.env.BENCH_JSON)
    for (const l of lines)
      appendFileSync(process.env.BENCH_JSON, JSON.stringify({ label: process.env.BENCH_LABEL, ...l }) + '\n');
  const keys = [...new Set(lines.flatMap((l) => Object.keys(l)))];
  console.log(
    `${'stage'.padEnd(28)}median    p95   (ms, ${lines.length} shots; ${refused} refused, ${failed} without final)`,
  );
  for (const k of keys) {
    const v = lines.map((l) => l[k]).filter((x): x is number => x !== undefined);
    console.log(`${k.padEnd(28)}${fmt(pct(v, 0.5))} ${fmt(pct(v, 0.95))}`);
  }
  console.log(
    `load average after: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

await main();

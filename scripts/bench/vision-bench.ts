// npm run bench:vision [-- --json] [-- --threads N] — 1280×720 RGBA frames through the whole live pipeline
// (worker thread inference with staggered stages, latest-wins submission, checks + smoothing on the caller's
// thread). Frames are submitted as fast as results come back plus one waiting frame (a camera faster than the
// pipeline). Prints per-stage ms, sustained fps, p95 latency and peak RSS; with --json the last line is JSON.
// Before the clock starts the vision is warmed up by warmUpVision, the function the studio calls at start-up; drops
// are reported for frames submitted in the first second (dropped_first_s) and after it (dropped_after_first_s).
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import path from 'node:path';
import sharp from 'sharp';
import { createVision } from '../../src/main/vision/vision-service';
import { createLivePipeline, STAGE_PERIOD } from '../../src/main/vision/live-pipeline';
import { warmUpVision } from '../../src/main/vision/warm-up';
import { chsiProfile } from '../../src/shared/spec/profile';
import type { RawImage } from '../../src/shared/image/raw-image';

const args = process.argv.slice(2);
const json = args.includes('--json');
const threads = Number(args[args.indexOf('--threads') + 1]) || 1;
const seconds = Number(args[args.indexOf('--seconds') + 1]) || 10;
/** --pace N: a camera delivering N frames per second (default: as fast as the pipeline takes them). */
const pace = args.includes('--pace') ? Number(args[args.indexOf('--pace') + 1]) : 0;
/** --detail: per-stage p50/p95 and where each frame's latency went (waiting, fast worker, checks), split by the
 *  slow worker's stage running at the same time. */
const detail = args.includes('--detail');
/** --cold: no warm-up (the app before it): the clock starts with the models still to load, as a first live view did. */
const cold = args.includes('--cold');

async function frame(): Promise<RawImage> {
  // A portrait placed in a 1280×720 grey frame, as a webcam/HDMI capture would show a seated student.
  const src = readFileSync(path.resolve(import.meta.dirname, '../../../shared/portraits/portrait-01.jpg'));
  const person = await sharp(src).resize({ height: 720 }).toBuffer();
  const { data, info } = await sharp({ create: { width: 1280, height: 720, channels: 4, background: '#b8b8b8' } })
    .composite([{ input: person, gravity: 'center' }])
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 4, data: new Uint8Array(data) };
}

async function main() {
  const img = await frame();
  const vision = createVision({ threads });
  // what the studio does at start-up: models loaded, stages and checks run once
  const warm = cold ? { ms: 0 } : await warmUpVision(vision);
  if ('skipped' in warm && warm.skipped) throw new Error(`models missing: ${warm.missing.join(', ')}`);
  // --detail: when each frame entered analyzeLatest and came back, and each detached slow run's stages and end.
  const trace = new Map<number, { called: number; resolved?: number; slow?: string[]; slowDone?: number }>();
  const gc: { ms: number; major: boolean }[] = [];
  const gcObserver = new PerformanceObserver((l) =>
    // detail.kind: perf_hooks constants.NODE_PERFORMANCE_GC_MAJOR (4) is a mark-compact; 1 scavenge, 8 incremental.
    l
      .getEntries()
      .forEach((e) =>
        gc.push({ ms: e.duration, major: (e as unknown as { detail?: { kind?: number } }).detail?.kind === 4 }),
      ),
  );
  if (detail) gcObserver.observe({ entryTypes: ['gc'] });
  const traced: typeof vision = detail
    ? {
        ...vision,
        analyzeLatest(image, o = {}) {
          const t = { called: performance.now() } as {
            called: number;
            resolved?: number;
            slow?: string[];
            slowDone?: number;
          };
          trace.set(o.frame ?? -1, t);
          return vision.analyzeLatest(image, o).then((r) => {
            t.resolved = performance.now();
            if (!r.dropped && r.detached) {
              t.slow = o.detached;
              r.detached.then(
                () => (t.slowDone = performance.now()),
                () => undefined,
              );
            }
            return r;
          });
        },
      }
    : vision;
  const live = createLivePipeline(traced, () => chsiProfile);
  const perFrame: { frame: number; latency: number; timings: Record<string, number> }[] = [];
  const latencies: number[] = [];
  const stageMs: Record<string, number[]> = {};
  let done = 0;
  let dropped = 0;
  // Dropped frames submitted in the first second after the clock started (the pipeline's start), by frame number.
  let droppedFirst = 0;
  const droppedAt: string[] = []; // --detail: "frame@ms since the start"
  const drop = (n: number) => {
    dropped++;
    droppedAt.push(`${n}@${Math.round(submittedAt[n]! - t0)}`);
    if (submittedAt[n]! - t0 < 1000) droppedFirst++;
  };
  let peakRss = 0;
  // Staleness of the staggered stages in each returned result: frames and ms since their source frame was submitted.
  const submittedAt: number[] = [];
  const stale: Record<'body' | 'mask', { frames: number[]; ms: number[] }> = {
    body: { frames: [], ms: [] },
    mask: { frames: [], ms: [] },
  };
  const submit = (image: RawImage) => {
    submittedAt.push(performance.now()); // live.submit numbers frames 0, 1, 2… in call order
    return live.submit(image);
  };
  // Frames before body, mask and crowd have all been measured carry no checks (pending): how many, and when the first
  // frame with checks came back.
  let pendingFrames = 0;
  let firstChecksMs: number | null = null;
  const record = (r: Awaited<ReturnType<typeof live.submit>>) => {
    if (r.pending) pendingFrames++;
    else firstChecksMs ??= performance.now() - t0;
    for (const s of ['body', 'mask'] as const) {
      const f = r.analysis!.frameOf?.[s];
      if (f === undefined) continue;
      stale[s].frames.push(r.frame - f);
      stale[s].ms.push(performance.now() - submittedAt[f]!);
    }
  };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage(); // this process, the worker threads included
  const end = t0 + seconds * 1000;
  // Two submitters: one in flight, one waiting (latest wins), as a live camera would keep it.
  async function submitter() {
    while (performance.now() < end) {
      const ts = performance.now();
      const r = await submit(img);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      if (r.dropped) {
        drop(r.frame);
        continue;
      }
      done++;
      latencies.push(performance.now() - ts);
      perFrame.push({ frame: r.frame, latency: performance.now() - ts, timings: r.analysis!.timings });
      for (const [k, v] of Object.entries(r.analysis!.timings)) (stageMs[k] ??= []).push(v);
      record(r);
    }
  }
  async function camera() {
    const pending: Promise<void>[] = [];
    for (let k = 0; performance.now() < end; k++) {
      const ts = performance.now();
      pending.push(
        submit(img).then((r) => {
          peakRss = Math.max(peakRss, process.memoryUsage().rss);
          if (r.dropped) return void drop(r.frame);
          done++;
          latencies.push(performance.now() - ts);
          perFrame.push({ frame: r.frame, latency: performance.now() - ts, timings: r.analysis!.timings });
          for (const [key, v] of Object.entries(r.analysis!.timings)) (stageMs[key] ??= []).push(v);
          record(r);
        }),
      );
      const next = t0 + ((k + 1) * 1000) / pace;
      await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
    }
    await Promise.all(pending);
  }
  if (pace > 0) await camera();
  else await Promise.all([submitter(), submitter()]);
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await vision.close();
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  const avg = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const q = (xs: number[], at: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return Math.round((s[Math.min(s.length - 1, Math.floor(at * s.length))] ?? NaN) * 10) / 10;
  };
  const staleness = Object.fromEntries(
    (['body', 'mask'] as const).map((s) => [
      s,
      { frames_max: q(stale[s].frames, 1), frames_p95: q(stale[s].frames, 0.95), ms_p95: q(stale[s].ms, 0.95) },
    ]),
  );
  const stages = Object.fromEntries(Object.entries(stageMs).map(([k, v]) => [k, Math.round(avg(v) * 100) / 100]));
  const result = {
    frame: '1280x720 RGBA',
    threads,
    mode: pace > 0 ? `camera ${pace} fps` : 'saturated',
    seconds: Math.round(elapsed * 10) / 10,
    fps: Math.round((done / elapsed) * 10) / 10,
    p50_ms: Math.round(p(0.5) * 10) / 10,
    p95_ms: Math.round(p(0.95) * 10) / 10,
    dropped,
    dropped_first_s: droppedFirst,
    dropped_after_first_s: dropped - droppedFirst,
    warm_up_ms: cold ? null : Math.round(warm.ms),
    pending_frames: pendingFrames,
    first_checks_ms: firstChecksMs === null ? null : Math.round(firstChecksMs),
    stage_ms_avg_when_run: stages,
    stage_period_frames: STAGE_PERIOD,
    stale: staleness,
    // CPU time of all threads (main + both workers) per analysed frame: the demand, less noisy than wall times.
    cpu_ms_per_frame: Math.round(((cpu.user + cpu.system) / 1000 / Math.max(1, done)) * 10) / 10,
    eyes_run_share: Math.round(((stageMs.eyes?.length ?? 0) / Math.max(1, done)) * 100) / 100,
    load_avg_1m: Math.round(loadavg()[0]! * 100) / 100,
    peak_rss_mb: Math.round(peakRss / 1048576),
  };
  console.log(
    `frames analysed ${done} in ${result.seconds}s (dropped ${dropped}: ${droppedFirst} in the first second, ${dropped - droppedFirst} after), threads ${threads}, warm-up ${result.warm_up_ms} ms`,
  );
  console.log(
    `stages (ms, when run): ${Object.entries(stages)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  console.log(
    `sustained ${result.fps} fps, latency p50 ${result.p50_ms} ms, p95 ${result.p95_ms} ms, peak RSS ${result.peak_rss_mb} MB, CPU ${result.cpu_ms_per_frame} ms/frame, Iris on ${Math.round(result.eyes_run_share * 100)} % of frames, load ${result.load_avg_1m}`,
  );
  console.log(
    `staleness (frames behind the result, max / p95; ms since submitted, p95): ${Object.entries(staleness)
      .map(([k, v]) => `${k} ${v.frames_max} / ${v.frames_p95}, ${v.ms_p95} ms`)
      .join('; ')}`,
  );
  if (detail) {
    gcObserver.disconnect();
    printDetail(perFrame, trace, gc, stageMs, q);
    console.log(`dropped frames (frame@ms after the start): ${droppedAt.join(' ') || 'none'}`);
    console.log(
      `first results (frame: latency ms, checks ms, stages run): ${[...perFrame]
        .sort((a, b) => a.frame - b.frame)
        .slice(0, 12)
        .map(
          (f) =>
            `${f.frame}: ${Math.round(f.latency)}, ${Math.round(f.timings.checks ?? 0)}, ${Object.keys(f.timings)
              .filter((k) => k !== 'checks')
              .join('+')}`,
        )
        .join('; ')}`,
    );
  }
  if (json) console.log(JSON.stringify(result));
}

/**
 * Where the latency goes. Per frame: waiting = analyzeLatest's time minus the fast worker's stages (queued behind
 * the previous frame, pixel copies, messaging), checks on this thread; split by the detached slow stage that was
 * running on the other worker while this frame's fast stages ran (approximated as the last fast-stage ms before
 * its result).
 */
function printDetail(
  perFrame: { frame: number; latency: number; timings: Record<string, number> }[],
  trace: Map<number, { called: number; resolved?: number; slow?: string[]; slowDone?: number }>,
  gc: { ms: number; major: boolean }[],
  stageMs: Record<string, number[]>,
  q: (xs: number[], at: number) => number,
) {
  console.log('stage ms p50 / p95 / max:');
  for (const [k, v] of Object.entries(stageMs))
    console.log(`  ${k}: ${q(v, 0.5)} / ${q(v, 0.95)} / ${q(v, 1)} (n ${v.length})`);
  const slowRuns = [...trace.entries()]
    .filter(([, t]) => t.slow && t.resolved !== undefined && t.slowDone !== undefined)
    .map(([, t]) => ({ stages: t.slow!.join('+'), from: t.resolved! - 20, to: t.slowDone! }));
  const groups = new Map<string, { latency: number[]; wait: number[]; fast: number[]; checks: number[] }>();
  for (const f of perFrame) {
    const t = trace.get(f.frame);
    if (!t?.resolved) continue;
    const fast = (f.timings.faces ?? 0) + (f.timings.landmarks ?? 0) + (f.timings.eyes ?? 0);
    const from = t.resolved - fast;
    const over = slowRuns.filter((r) => r.from < t.resolved! && r.to > from).map((r) => r.stages);
    const key = over.length ? [...new Set(over)].join(',') : 'none';
    const g = groups.get(key) ?? { latency: [], wait: [], fast: [], checks: [] };
    g.latency.push(f.latency);
    g.wait.push(t.resolved - t.called - fast);
    g.fast.push(fast);
    g.checks.push(f.timings.checks ?? 0);
    groups.set(key, g);
  }
  console.log(
    'latency by the slow stage running beside the fast one — n: latency p50/p95, wait p50/p95, fast p50/p95, checks p50/p95',
  );
  for (const [k, g] of groups)
    console.log(
      `  ${k}: ${g.latency.length}: ${q(g.latency, 0.5)}/${q(g.latency, 0.95)}, ${q(g.wait, 0.5)}/${q(g.wait, 0.95)}, ${q(g.fast, 0.5)}/${q(g.fast, 0.95)}, ${q(g.checks, 0.5)}/${q(g.checks, 0.95)}`,
    );
  const ms = gc.map((g) => g.ms);
  const major = gc.filter((g) => g.major).map((g) => g.ms);
  const sum = (xs: number[]) => Math.round(xs.reduce((t, x) => t + x, 0));
  console.log(
    `main-thread GC: ${gc.length} pauses, ${sum(ms)} ms in all, p95 ${q(ms, 0.95)} ms, max ${q(ms, 1)} ms; mark-compact ${major.length} (${sum(major)} ms)`,
  );
}

void main();

// npm run bench:camera — the station camera path without hardware:
//   1. MJPEG parsing throughput on a stream recorded with ffmpeg (the container gphoto2 --capture-movie writes);
//   2. live view over the web host (replay camera, 1280×720, target fps): delivered fps and frame-gap p95;
//   3. main-side live checks on those frames (camera.analysis pushes per second, vision worker included).
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { MjpegParser } from '../../src/main/camera/mjpeg-parser';
import { createStudio } from '../../src/main/core/studio';
import { startHost } from '../../src/main/host/host';
import { rendererDir } from '../../src/main/kernel/paths';

const FPS = Number(process.env.BENCH_FPS ?? 30);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const portrait = path.resolve('../shared/portraits/portrait-04.jpg');

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

function parserThroughput(): void {
  const rec = spawnSync(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-loop',
      '1',
      '-i',
      portrait,
      '-vf',
      'scale=1280:720',
      '-frames:v',
      '300',
      '-f',
      'mjpeg',
      '-',
    ],
    { maxBuffer: 1024 * 1024 * 1024 },
  );
  const stream = rec.stdout;
  let frames = 0;
  const t0 = performance.now();
  for (let round = 0; round < 5; round++) {
    const parser = new MjpegParser(() => frames++);
    for (let i = 0; i < stream.length; i += 16384) parser.push(stream.subarray(i, i + 16384));
  }
  const ms = performance.now() - t0;
  const mb = (stream.length * 5) / 1048576;
  console.log(
    `mjpeg parser: ${frames} frames of 1280×720 (${(stream.length / 300 / 1024).toFixed(0)} KB each), ${(mb / (ms / 1000)).toFixed(0)} MB/s, ${(frames / (ms / 1000)).toFixed(0)} frames/s`,
  );
}

async function liveOverHost(): Promise<void> {
  process.env.STUDIO_CAMERA = 'replay';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'studio-bench-camera-'));
  const studio = createStudio({ dataDir: dir, log: () => {} });
  const host = await startHost({ studio, rendererDir: rendererDir() });
  await studio.camera.start(FPS);
  const analyses: number[] = [];
  const off = studio.bus.subscribe((ev) => {
    if (ev.name === 'camera.analysis') analyses.push(performance.now());
  });
  const ac = new AbortController();
  const res = await fetch(`${host.url}/camera/live.mjpeg`, { signal: ac.signal });
  const arrivals: number[] = [];
  const parser = new MjpegParser(() => arrivals.push(performance.now()));
  const reader = res.body!.getReader();
  const until = performance.now() + SECONDS * 1000;
  while (performance.now() < until) {
    const { value, done } = await reader.read();
    if (done) break;
    parser.push(Buffer.from(value));
  }
  ac.abort();
  off();
  const gaps = arrivals.slice(1).map((t, i) => t - arrivals[i]!);
  const span = (arrivals.at(-1)! - arrivals[0]!) / 1000;
  console.log(
    `live view over the web host: target ${FPS} fps, delivered ${((arrivals.length - 1) / span).toFixed(1)} fps over ${span.toFixed(1)} s, frame gap median ${pct(gaps, 50).toFixed(1)} ms, p95 ${pct(gaps, 95).toFixed(1)} ms`,
  );
  // the first results wait for the vision worker to load its models: count from the first one
  const aSpan = analyses.length > 1 ? (analyses.at(-1)! - analyses[0]!) / 1000 : NaN;
  const aGaps = analyses.slice(1).map((t, i) => t - analyses[i]!);
  console.log(
    `live checks pushed (camera.analysis): ${analyses.length} results, ${((analyses.length - 1) / aSpan).toFixed(1)} per s after the first, gap p95 ${pct(aGaps, 95).toFixed(1)} ms`,
  );
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  await host.close();
  await studio.camera.close();
  studio.close();
  rmSync(dir, { recursive: true, force: true });
}

parserThroughput();
await liveOverHost();

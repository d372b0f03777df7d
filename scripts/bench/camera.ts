// npm run bench:camera — the station camera path without hardware:
//   1. MJPEG parsing throughput on a stream recorded with ffmpeg (the container gphoto2 --capture-movie writes);
//   2. live view over the web host (replay camera, 1280×720, target fps): delivered fps and frame-gap p95;
//   3. main-side live checks on those frames (camera.analysis pushes per second, vision worker included);
//   4. hot folder: from a shot's last byte written (or its rename into place) to the watcher handing it over, with
//      the station's default poll/settle times. BENCH_CAMERA_PART=hotfolder runs only this part.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { HotFolderWatcher } from '../../src/main/camera/hot-folder';
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

async function hotFolderLatency(): Promise<void> {
  const N = Number(process.env.BENCH_SHOTS ?? 20);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'studio-bench-hotfolder-'));
  const folder = path.join(dir, 'EOS');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(folder);
  // a camera-sized JPEG (noise compresses badly, like a detailed 24 MP frame does)
  const shots = await Promise.all(
    Array.from({ length: 3 }, () =>
      sharp({
        create: {
          width: 6000,
          height: 4000,
          channels: 3,
          background: '#888',
          noise: { type: 'gaussian', mean: 128, sigma: 25 },
        },
      })
        .jpeg({ quality: 85 })
        .toBuffer(),
    ),
  );
  let resolveShot: (() => void) | null = null;
  const watcher = new HotFolderWatcher({
    folder,
    journalFile: path.join(dir, 'journal.jsonl'),
    onShot: async () => {
      resolveShot?.();
      return { outcome: 'capture' };
    },
  });
  await watcher.start();
  const direct: number[] = [];
  const renamed: number[] = [];
  for (let i = 0; i < N; i++) {
    // distinct content, still a valid JPEG: a COM segment right after SOI
    const note = Buffer.from(`shot ${i}`);
    const com = Buffer.from([0xff, 0xfe, 0, note.length + 2]);
    const base = shots[i % shots.length]!;
    const jpeg = Buffer.concat([base.subarray(0, 2), com, note, base.subarray(2)]);
    const viaRename = i % 2 === 1;
    const done = new Promise<void>((r) => (resolveShot = r));
    const name = path.join(folder, `IMG_${String(i).padStart(4, '0')}.JPG`);
    let t0: number;
    if (viaRename) {
      writeFileSync(`${name}.tmp`, jpeg);
      t0 = performance.now();
      renameSync(`${name}.tmp`, name);
    } else {
      writeFileSync(name, jpeg);
      t0 = performance.now();
    }
    await done;
    (viaRename ? renamed : direct).push(performance.now() - t0);
  }
  await watcher.stop();
  const fmt = (v: number[]) =>
    `median ${pct(v, 50).toFixed(0)} ms, p95 ${pct(v, 95).toFixed(0)} ms, max ${Math.max(...v).toFixed(0)} ms`;
  console.log(
    `hot folder (poll 500 ms, settle 300 ms, ${(shots[0]!.length / 1048576).toFixed(1)} MB 6000×4000 JPEGs, ${N} shots): written in place ${fmt(direct)}; renamed into place ${fmt(renamed)}; load ${os.loadavg()[0]!.toFixed(2)}`,
  );
  rmSync(dir, { recursive: true, force: true });
}

if (process.env.BENCH_CAMERA_PART !== 'hotfolder') {
  parserThroughput();
  await liveOverHost();
}
await hotFolderLatency();

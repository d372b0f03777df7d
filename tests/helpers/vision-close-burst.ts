import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createVision } from '../../src/main/vision/vision-service';
import { decodeImage } from '../../src/main/vision/decode-image';
import type { RawImage } from '../../src/shared/image/raw-image';

// Child process of tests/integration/vision/shutdown.test.ts: a two-worker vision with a live burst in flight on
// both lanes (frame stages on the fast worker, detached body + mask on the slow one, plus a full analysis), then
// close() 0..80 ms later (one round per delay: the old terminate-at-once aborted the process with a native
// Napi::Error at some of these points, and lost the analyses at all of them). Prints one JSON line per round.

async function round(img: RawImage, delayMs: number) {
  const vision = createVision();
  await vision.analyze(img); // both workers loaded
  const burst: Promise<unknown>[] = [];
  for (let i = 0; i < 3; i++) {
    const live = vision.analyzeLatest(img, { stages: ['faces', 'landmarks'], detached: ['body', 'mask'], frame: i });
    burst.push(live.then(async (r): Promise<unknown> => (r.dropped ? 'dropped' : [r, await r.detached])));
    burst.push(vision.analyze(img));
  }
  // The requests reach the workers once the current microtasks have run; then they run inside ONNX for a while.
  await new Promise((r) => setTimeout(r, delayMs));
  const closed = await vision.close();
  const outcomes = await Promise.allSettled(burst);
  const refused = await vision.analyze(img).then(
    () => 'accepted',
    (e: Error) => e.message,
  );
  const line = {
    delayMs,
    closed,
    fulfilled: outcomes.filter((o) => o.status === 'fulfilled').length,
    rejected: outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason)),
    refused,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

async function main() {
  const img = await decodeImage(readFileSync(path.resolve(process.argv[2]!)));
  for (const d of process.argv.slice(3).map(Number)) await round(img, d);
}

main().then(
  () => (process.exitCode = 0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);

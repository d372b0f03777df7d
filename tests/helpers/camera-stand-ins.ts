// Cameras without hardware, for the camera tests and bench:camera: recorded live-view bytes (an MJPEG stream made
// by ffmpeg from a still, the container `gphoto2 --capture-movie --stdout` writes) and stand-in executables (sh
// scripts on PATH answering the command lines of gphoto2, imagesnap or CommandCam the way the real tools do).
import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface LiveViewRecording {
  /** ffmpeg scale filter, e.g. '640:-2' or '1280:720'. */
  scale: string;
  frames: number;
}

/** An MJPEG stream of `frames` copies of the still, scaled; written to `out` when given. */
export function recordLiveView(still: string, { scale, frames }: LiveViewRecording, out?: string): Buffer {
  const rec = spawnSync(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-loop',
      '1',
      '-i',
      still,
      '-vf',
      `scale=${scale}`,
      '-frames:v',
      String(frames),
      '-f',
      'mjpeg',
      '-',
    ],
    { maxBuffer: 1024 * 1024 * 1024 },
  );
  if (rec.status !== 0) throw new Error(`ffmpeg failed: ${rec.stderr.toString()}`);
  if (out) writeFileSync(out, rec.stdout);
  return rec.stdout;
}

/**
 * A stand-in executable `dir/name` (sh) running `script`; with `log`, each call's tool name and arguments are
 * appended to that file first, so a test can read which command lines were run.
 */
export function writeStandIn(dir: string, name: string, script: string, log?: string): string {
  const file = path.join(dir, name);
  const record = log ? `echo "${name} $*" >> "${log}"\n` : '';
  writeFileSync(file, `#!/bin/sh\n${record}${script}\n`);
  chmodSync(file, 0o755);
  return file;
}

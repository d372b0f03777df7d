import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { businessWallClock } from '../../shared/domain/business-time';

// One ZIP streamed to disk: photos are read one at a time (memory stays flat for thousands of photos), each
// is checked against its recorded sha256 on the way through, and the archive appears under its final name only
// when complete (temp name, fsync, rename) — a crash never leaves a half ZIP that looks finished.

export type ZipEntry = { name: string; file: string; size: number; sha256?: string } | { name: string; buffer: Buffer };

export interface ZipProgress {
  entriesDone: number;
  entriesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  current: string;
}

export class ZipIntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipIntegrityError';
  }
}

function checkingStream(entry: { name: string; size: number; sha256?: string }, onBytes: (n: number) => void) {
  const hash = createHash('sha256');
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      seen += chunk.length;
      onBytes(chunk.length);
      cb(null, chunk);
    },
    flush(cb) {
      const digest = hash.digest('hex');
      if (entry.sha256 && digest !== entry.sha256) {
        cb(new ZipIntegrityError(`照片文件已损坏或被改动：${entry.name}（校验值不符）`));
      } else if (seen !== entry.size) {
        cb(new ZipIntegrityError(`照片文件大小与记录不符：${entry.name}`));
      } else cb();
    },
  });
}

export async function writeZip(
  outFile: string,
  entries: ZipEntry[],
  onProgress?: (p: ZipProgress) => void,
  mtime = new Date(),
): Promise<{ bytes: number }> {
  const partial = `${outFile}.partial`;
  const zip = new yazl.ZipFile();
  const bytesTotal = entries.reduce((s, e) => s + ('buffer' in e ? e.buffer.length : e.size), 0);
  let bytesDone = 0;
  let entriesDone = 0;
  let failure: Error | null = null;
  // a failed entry must end the whole archive: yazl would otherwise wait for the broken stream forever
  const abort = (err: Error) => {
    failure ??= err;
    (zip.outputStream as NodeJS.ReadableStream & { destroy(e?: Error): void }).destroy(err);
  };
  zip.on('error', abort);
  const report = (current: string) =>
    onProgress?.({ entriesDone, entriesTotal: entries.length, bytesDone, bytesTotal, current });

  // China time in the entries' DOS date/time, and no UTC extra field beside it (unzip and file managers would show
  // that converted to the machine's zone): the archive reads China time wherever it is opened
  const stamp = { mtime: businessWallClock(mtime), forceDosTimestamp: true };
  for (const e of entries) {
    if ('buffer' in e) {
      // JPEGs are already compressed; the text manifests are worth deflating
      zip.addBuffer(e.buffer, e.name, { ...stamp, compress: true });
      continue;
    }
    zip.addReadStreamLazy(e.name, { ...stamp, compress: false, size: e.size }, (cb) => {
      const source = createReadStream(e.file);
      const check = checkingStream(e, (n) => (bytesDone += n));
      source.on('error', (err) => abort(err));
      check.on('error', (err) => abort(err));
      check.on('end', () => {
        entriesDone += 1;
        report(e.name);
      });
      cb(null, source.pipe(check));
    });
  }
  zip.end();

  try {
    await pipeline(zip.outputStream, createWriteStream(partial));
    if (failure) throw failure;
    for (const e of entries) if ('buffer' in e) bytesDone += e.buffer.length;
    entriesDone = entries.length;
    report('');
    const fd = openSync(partial, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, outFile);
  } catch (err) {
    rmSync(partial, { force: true });
    throw failure ?? err;
  }
  return { bytes: statSync(outFile).size };
}

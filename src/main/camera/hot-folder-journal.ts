import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CameraError } from './camera-error';

/**
 * Where a hot-folder file went: an order, the 未归属 tray, a caller of capture() (CLI, tools), or nowhere (already
 * in the folder when watching began, or a copy of a shot already taken).
 */
export type JournalOutcome = 'order' | 'tray' | 'capture' | 'preexisting';

export interface JournalEntry {
  /** Path relative to the watched folder. */
  name: string;
  size: number;
  mtimeMs: number;
  sha256: string;
  outcome: JournalOutcome;
  /** The order id when outcome = order. */
  orderId?: string;
  /** When the station took it (ms since epoch, UTC). */
  at: number;
}

/**
 * The hot folder's memory across restarts: one JSON line per file taken (or found there when the folder was first
 * watched). A file is known by its content (sha256), so the same shot is never taken twice, even renamed or copied
 * back; a same-named new shot (the camera's numbering restarted) is a new file. Lines are appended synchronously so
 * a crash loses at most the line being written; a torn last line is skipped when read.
 */
export class HotFolderJournal {
  /** The first entry of each content (the shot a later byte-identical copy repeats). */
  private readonly bySha = new Map<string, JournalEntry>();
  private readonly byStat = new Set<string>();
  private readonly existed: boolean;

  constructor(readonly file: string) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
      this.existed = true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      this.existed = false;
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        this.remember(JSON.parse(line) as JournalEntry);
      } catch {
        // a line torn by a crash mid-write: the file it named is not known, so it is looked at again
      }
    }
  }

  /** False the first time this folder is watched: what is already there then is old, not a new shot. */
  get hasHistory(): boolean {
    return this.existed;
  }

  /** Cheap test before reading a file: same name, size and modification time as a file already taken. */
  knowsStat(name: string, size: number, mtimeMs: number): boolean {
    return this.byStat.has(statKey(name, size, mtimeMs));
  }

  knowsContent(sha256: string): boolean {
    return this.bySha.has(sha256);
  }

  /** The first file taken (or found) with this content, if any. */
  firstOf(sha256: string): JournalEntry | undefined {
    return this.bySha.get(sha256);
  }

  record(entry: JournalEntry): void {
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      appendFileSync(this.file, `${JSON.stringify(entry)}\n`, { flush: true } as { flush: boolean });
    } catch (err) {
      throw diskError(err, '热文件夹记录');
    }
    this.remember(entry);
  }

  private remember(e: JournalEntry): void {
    if (!this.bySha.has(e.sha256)) this.bySha.set(e.sha256, e);
    this.byStat.add(statKey(e.name, e.size, e.mtimeMs));
  }
}

function statKey(name: string, size: number, mtimeMs: number): string {
  return `${name}\u0000${size}\u0000${Math.round(mtimeMs)}`;
}

/** A write failure as a CameraError: a full disk is said plainly (the photographer must free space). */
export function diskError(err: unknown, what: string): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new CameraError(
      'disk_full',
      `磁盘空间已满，无法保存${what}：请清理数据盘后继续拍摄（照片仍在相机热文件夹中）`,
    );
  return err instanceof Error ? err : new Error(String(err));
}

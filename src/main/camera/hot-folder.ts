import { createHash } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { HotFolderJournal, type JournalEntry, type JournalOutcome } from './hot-folder-journal';

/** One new, completely written JPEG from the hot folder. */
export interface HotFolderShot {
  /** Path relative to the watched folder. */
  name: string;
  file: string;
  jpeg: Buffer;
  sha256: string;
  size: number;
  mtimeMs: number;
  /** When the watcher first saw the file (ms since epoch). */
  seenAt: number;
}

/** Where the shot went; the watcher journals it so it is never taken again. */
export type ShotDestination = { outcome: Exclude<JournalOutcome, 'preexisting'>; orderId?: string };

export interface HotFolderWatcherOptions {
  folder: string;
  journalFile: string;
  /** Stores the shot (order or 未归属 tray). A throw leaves the file untaken: it is offered again on the next scan. */
  onShot: (shot: HotFolderShot) => Promise<ShotDestination>;
  /**
   * A file not taken because it is a byte-identical copy of one already taken (or already there when watching
   * began): `first` is that file's journal entry. Told once per file; the operator should hear of it.
   */
  onSkipped?: (skipped: { name: string; sha256: string; first: JournalEntry | null }) => void;
  log?: (msg: string, err?: unknown) => void;
  /** Rescan period; also the fallback when fs.watch misses events (network shares, some Windows setups). */
  pollMs?: number;
  /** A file must keep its size and mtime this long before it is read. */
  settleMs?: number;
  now?: () => number;
}

interface Candidate {
  seq: number;
  seenAt: number;
  size: number;
  mtimeMs: number;
  /** When size/mtime last changed. */
  changedAt: number;
  /** The last size/mtime found undecodable: not read again until the file changes. */
  badAt: string | null;
}

/** Files tethering software writes that we take: JPEG only (RAW-only shots need the software's JPEG copy). */
export function isShotName(name: string): boolean {
  const base = path.basename(name);
  if (base.startsWith('.') || base.startsWith('~')) return false;
  return /\.jpe?g$/i.test(base);
}

/** A JPEG whose bytes are all there: SOI at the start and EOI at the end (trailing padding allowed). */
export function jpegLooksComplete(buf: Buffer): boolean {
  if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== 0xd8) return false;
  let end = buf.length;
  while (end > 4 && buf[end - 1] === 0x00) end--;
  return buf[end - 2] === 0xff && buf[end - 1] === 0xd9;
}

async function decodes(buf: Buffer): Promise<boolean> {
  try {
    // shrink-on-load keeps this cheap for a 24 MP file; a truncated or corrupt scan fails here
    await sharp(buf, { failOn: 'truncated' }).resize(64, 64, { fit: 'inside' }).raw().toBuffer();
    return true;
  } catch {
    return false;
  }
}

/**
 * Watches the folder tethering software (EOS Utility, digiCamControl, NX Tether …) drops shots into. fs.watch only
 * makes a rescan come sooner; the periodic rescan is what finds files, so a missed event costs latency, never a
 * photo. A file is taken once its size and mtime have settled and it decodes as a whole JPEG, in the order the
 * watcher first saw the files, one at a time; the journal (by content) keeps it from being taken twice, also after
 * a restart. On the very first watch of a folder the files already there are noted as old, not taken.
 */
export class HotFolderWatcher {
  private readonly journal: HotFolderJournal;
  private readonly pending = new Map<string, Candidate>();
  private readonly pollMs: number;
  private readonly settleMs: number;
  private readonly now: () => number;
  private readonly log: (msg: string, err?: unknown) => void;
  private seq = 0;
  private timer: NodeJS.Timeout | null = null;
  private watcher: FSWatcher | null = null;
  private soon: NodeJS.Timeout | null = null;
  private scanning: Promise<void> | null = null;
  private rescan = false;
  private stopped = true;
  private newest: HotFolderShot | null = null;

  constructor(private readonly opts: HotFolderWatcherOptions) {
    this.journal = new HotFolderJournal(opts.journalFile);
    this.pollMs = opts.pollMs ?? 500;
    this.settleMs = opts.settleMs ?? 300;
    this.now = opts.now ?? Date.now;
    this.log = opts.log ?? (() => {});
  }

  get folder(): string {
    return this.opts.folder;
  }

  /** The newest shot taken since start (live view of a hot folder without a webcam shows it). */
  get lastShot(): HotFolderShot | null {
    return this.newest;
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    // wall-clock (file times are): a shot written while the baseline is read is a shot, not old work
    const startedAt = Date.now();
    await stat(this.opts.folder); // a missing folder is an error now, not a silent empty watch
    this.stopped = false;
    if (!this.journal.hasHistory) await this.baseline(startedAt);
    try {
      this.watcher = watch(this.opts.folder, { recursive: process.platform !== 'linux' }, () => this.scanSoon());
      this.watcher.on('error', (err) => {
        this.log('hot folder: fs.watch failed, polling only', err);
        this.watcher?.close();
        this.watcher = null;
      });
    } catch (err) {
      this.log('hot folder: fs.watch unavailable, polling only', err);
    }
    this.timer = setInterval(() => this.scanSoon(0), this.pollMs);
    this.scanSoon(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.soon) clearTimeout(this.soon);
    this.timer = this.soon = null;
    this.watcher?.close();
    this.watcher = null;
    await this.scanning;
  }

  /** Resolves after one full scan that started after this call (tests, and `studio camera watch --once`). */
  async scanNow(): Promise<void> {
    await this.scanning;
    await this.runScan();
  }

  private scanSoon(delay = 30): void {
    if (this.stopped || this.soon) return;
    this.soon = setTimeout(() => {
      this.soon = null;
      void this.runScan();
    }, delay);
  }

  private runScan(): Promise<void> {
    if (this.scanning) {
      this.rescan = true;
      return this.scanning;
    }
    this.scanning = (async () => {
      try {
        do {
          this.rescan = false;
          await this.scan();
        } while (this.rescan && !this.stopped);
      } catch (err) {
        this.log('hot folder: scan failed', err);
      } finally {
        this.scanning = null;
      }
    })();
    return this.scanning;
  }

  private async listShots(): Promise<{ name: string; size: number; mtimeMs: number }[]> {
    const names = (await readdir(this.opts.folder, { recursive: true })).filter(isShotName);
    const found: { name: string; size: number; mtimeMs: number }[] = [];
    for (const name of names) {
      try {
        const s = await stat(path.join(this.opts.folder, name));
        if (s.isFile()) found.push({ name, size: s.size, mtimeMs: s.mtimeMs });
      } catch {
        // gone between readdir and stat (renamed by the tethering software): the next scan sees the new name
      }
    }
    return found.sort((a, b) => a.mtimeMs - b.mtimeMs || a.name.localeCompare(b.name));
  }

  /**
   * First watch of this folder: what is there is old work, noted in the journal, not taken — only files last written
   * before the watch started (a shot that lands while this runs, e.g. right as the hot folder is selected, is taken).
   */
  private async baseline(startedAt: number): Promise<void> {
    for (const f of await this.listShots()) {
      if (Math.floor(f.mtimeMs) > startedAt) continue;
      const jpeg = await readFile(path.join(this.opts.folder, f.name)).catch(() => null);
      if (!jpeg) continue;
      const sha256 = createHash('sha256').update(jpeg).digest('hex');
      this.journal.record({ ...f, sha256, outcome: 'preexisting', at: this.now() });
    }
    if ((await this.listShots()).length === 0)
      this.journal.record({ name: '', size: 0, mtimeMs: 0, sha256: '', outcome: 'preexisting', at: this.now() });
  }

  private async scan(): Promise<void> {
    const now = this.now();
    const listed = await this.listShots();
    const present = new Set(listed.map((f) => f.name));
    for (const name of this.pending.keys()) if (!present.has(name)) this.pending.delete(name);
    for (const f of listed) {
      if (this.journal.knowsStat(f.name, f.size, f.mtimeMs)) {
        this.pending.delete(f.name);
        continue;
      }
      const c = this.pending.get(f.name);
      if (!c) {
        this.pending.set(f.name, {
          seq: this.seq++,
          seenAt: now,
          size: f.size,
          mtimeMs: f.mtimeMs,
          changedAt: now,
          badAt: null,
        });
      } else if (c.size !== f.size || c.mtimeMs !== f.mtimeMs) {
        Object.assign(c, { size: f.size, mtimeMs: f.mtimeMs, changedAt: now });
      }
    }
    const ready = [...this.pending.entries()]
      .filter(([, c]) => c.size > 0 && now - c.changedAt >= this.settleMs && c.badAt !== `${c.size}/${c.mtimeMs}`)
      .sort(([, a], [, b]) => a.seq - b.seq);
    for (const [name, c] of ready) {
      if (this.stopped) return;
      await this.take(name, c);
    }
    if (this.pending.size > 0) this.scanSoon(Math.max(30, this.settleMs));
  }

  private async take(name: string, c: Candidate): Promise<void> {
    const file = path.join(this.opts.folder, name);
    let jpeg: Buffer;
    try {
      jpeg = await readFile(file);
    } catch (err) {
      // Windows: EBUSY/EPERM while the tethering software still holds the file open
      this.log(`hot folder: ${name} not readable yet`, err);
      return;
    }
    const s = await stat(file).catch(() => null);
    if (!s || s.size !== jpeg.length || s.size !== c.size || s.mtimeMs !== c.mtimeMs) {
      if (s) Object.assign(c, { size: s.size, mtimeMs: s.mtimeMs, changedAt: this.now() });
      return; // still being written: looked at again once it settles
    }
    if (!jpegLooksComplete(jpeg) || !(await decodes(jpeg))) {
      c.badAt = `${c.size}/${c.mtimeMs}`; // partial (a pause in the writing) or corrupt: retried when it changes
      return;
    }
    const sha256 = createHash('sha256').update(jpeg).digest('hex');
    const entry = { name, size: c.size, mtimeMs: c.mtimeMs, sha256 };
    if (this.journal.knowsContent(sha256)) {
      const first = this.journal.firstOf(sha256) ?? null;
      this.journal.record({ ...entry, outcome: 'preexisting', at: this.now() }); // a copy of a shot already taken
      this.pending.delete(name);
      try {
        this.opts.onSkipped?.({ name, sha256, first });
      } catch (err) {
        this.log(`hot folder: telling of the skipped copy ${name} failed`, err);
      }
      return;
    }
    const shot: HotFolderShot = { ...entry, file, jpeg, seenAt: c.seenAt };
    let dest: ShotDestination;
    try {
      dest = await this.opts.onShot(shot);
    } catch (err) {
      this.log(`hot folder: storing ${name} failed; it stays in the folder and is offered again`, err);
      return;
    }
    this.pending.delete(name);
    this.newest = shot;
    this.journal.record({ ...entry, outcome: dest.outcome, orderId: dest.orderId, at: this.now() });
  }
}

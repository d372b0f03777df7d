import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { HotFolderWatcher, type HotFolderShot, type ShotDestination } from '../../../src/main/camera/hot-folder';
import { tempDir } from '../../helpers/temp-dir';

const tmp = tempDir('studio-hotfolder-');
afterAll(() => tmp.cleanup());

let n = 0;
function fresh(): { folder: string; journal: string } {
  const root = path.join(tmp.dir, `case-${n++}`);
  const folder = path.join(root, 'EOS');
  mkdirSync(folder, { recursive: true });
  return { folder, journal: path.join(root, 'data', 'hot-folder.jsonl') };
}

/** A distinct JPEG (noise, so every one differs) big enough to be written in pieces. */
async function shotJpeg(): Promise<Buffer> {
  return sharp({
    create: {
      width: 600,
      height: 400,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .jpeg({ quality: 90 })
    .toBuffer();
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const running: HotFolderWatcher[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.stop()));
});

/** A watcher on a hand-driven clock: scans happen when the test says, time passes when the test says. */
function watcher(
  where: { folder: string; journal: string },
  onShot: (s: HotFolderShot) => Promise<ShotDestination> = async () => ({ outcome: 'tray' }),
  clock = { t: 1_000_000 },
) {
  const taken: HotFolderShot[] = [];
  const w = new HotFolderWatcher({
    folder: where.folder,
    journalFile: where.journal,
    pollMs: 3_600_000, // the test drives the scans
    settleMs: 300,
    now: () => clock.t,
    onShot: async (s) => {
      const d = await onShot(s);
      taken.push(s);
      return d;
    },
  });
  running.push(w);
  /** Two scans with the settle time between them: whatever has stopped changing is taken. */
  const settle = async () => {
    await w.scanNow();
    clock.t += 1000;
    await w.scanNow();
  };
  return { w, taken, clock, settle };
}

describe('HotFolderWatcher', () => {
  it('takes a JPEG written slowly in three pieces once, only when complete', async () => {
    const where = fresh();
    const { w, taken, settle } = watcher(where);
    await w.start();
    const jpeg = await shotJpeg();
    const file = path.join(where.folder, 'IMG_0001.JPG');
    const third = Math.ceil(jpeg.length / 3);
    writeFileSync(file, jpeg.subarray(0, third));
    await settle(); // stable, but a truncated JPEG: not taken
    expect(taken).toHaveLength(0);
    appendFileSync(file, jpeg.subarray(third, 2 * third));
    await settle();
    expect(taken).toHaveLength(0);
    appendFileSync(file, jpeg.subarray(2 * third));
    await settle();
    expect(taken).toHaveLength(1);
    expect(taken[0]!.sha256).toBe(sha(jpeg));
    expect(taken[0]!.jpeg.equals(jpeg)).toBe(true);
    await settle();
    await settle();
    expect(taken).toHaveLength(1);
  });

  it('does not read a file that is still growing, even if each piece is a whole JPEG so far', async () => {
    const where = fresh();
    const { w, taken, clock } = watcher(where);
    await w.start();
    const file = path.join(where.folder, 'IMG_0002.jpg');
    const jpeg = await shotJpeg();
    writeFileSync(file, jpeg.subarray(0, 1000));
    await w.scanNow();
    clock.t += 100; // less than the settle time
    appendFileSync(file, jpeg.subarray(1000));
    await w.scanNow();
    expect(taken).toHaveLength(0); // changed since the last look: waits for it to settle
    clock.t += 1000;
    await w.scanNow();
    expect(taken.map((s) => s.sha256)).toEqual([sha(jpeg)]);
  });

  it('takes a file renamed into place (temporary name first) once', async () => {
    const where = fresh();
    const { w, taken, settle } = watcher(where);
    await w.start();
    const jpeg = await shotJpeg();
    const part = path.join(where.folder, 'IMG_0003.JPG.part');
    writeFileSync(part, jpeg);
    await settle();
    expect(taken).toHaveLength(0); // not a JPEG name yet
    renameSync(part, path.join(where.folder, 'IMG_0003.JPG'));
    await settle();
    await settle();
    expect(taken.map((s) => [s.name, s.sha256])).toEqual([['IMG_0003.JPG', sha(jpeg)]]);
  });

  it('takes a burst of 10 in arrival order, each once; a restart in the middle takes the rest and nothing twice', async () => {
    const where = fresh();
    const shots = await Promise.all(Array.from({ length: 10 }, () => shotJpeg()));
    const names = shots.map((_, i) => `IMG_${String(100 + i).padStart(4, '0')}.JPG`);
    const clock = { t: 2_000_000 };
    // the first run stores three, then the station "crashes" (storing fails from the fourth on)
    let stored = 0;
    const first = watcher(
      where,
      async () => {
        if (stored >= 3) throw new Error('station went down');
        stored++;
        return { outcome: 'tray' };
      },
      clock,
    );
    await first.w.start();
    for (const [i, b] of shots.entries()) writeFileSync(path.join(where.folder, names[i]!), b);
    await first.settle();
    expect(first.taken.map((s) => s.name)).toEqual(names.slice(0, 3));
    await first.w.stop();

    // a shot lands while the station is down
    const late = await shotJpeg();
    writeFileSync(path.join(where.folder, 'IMG_0200.JPG'), late);

    const second = watcher(where, async () => ({ outcome: 'tray' }), clock);
    await second.w.start();
    await second.settle();
    await second.settle();
    expect(second.taken.map((s) => s.name)).toEqual([...names.slice(3), 'IMG_0200.JPG']);
    const all = [...first.taken, ...second.taken].map((s) => s.sha256);
    expect(new Set(all).size).toBe(11);
    expect(all.sort()).toEqual([...shots, late].map(sha).sort());
  });

  it('never takes a copy of a shot already taken; a new shot reusing an old name is taken', async () => {
    const where = fresh();
    const { w, taken, settle } = watcher(where);
    await w.start();
    const a = await shotJpeg();
    writeFileSync(path.join(where.folder, 'IMG_0001.JPG'), a);
    await settle();
    writeFileSync(path.join(where.folder, 'copy of IMG_0001.JPG'), a);
    await settle();
    expect(taken).toHaveLength(1);
    const b = await shotJpeg(); // the camera's numbering restarted: same name, new photo
    writeFileSync(path.join(where.folder, 'IMG_0001.JPG'), b);
    await settle();
    expect(taken.map((s) => s.sha256)).toEqual([sha(a), sha(b)]);
  });

  it('the first watch of a folder leaves the photos already there alone; later restarts do not', async () => {
    const where = fresh();
    writeFileSync(path.join(where.folder, 'old.jpg'), await shotJpeg());
    const first = watcher(where);
    await first.w.start();
    await first.settle();
    expect(first.taken).toHaveLength(0);
    await first.w.stop();
    writeFileSync(path.join(where.folder, 'new.jpg'), await shotJpeg());
    const again = watcher(where);
    await again.w.start();
    await again.settle();
    expect(again.taken.map((s) => s.name)).toEqual(['new.jpg']);
  });

  it('the first watch takes a shot written while it starts (file time after the start), not older work', async () => {
    const where = fresh();
    const old = path.join(where.folder, 'old.jpg');
    const landing = path.join(where.folder, 'landing.jpg');
    writeFileSync(old, await shotJpeg());
    writeFileSync(landing, await shotJpeg());
    const past = new Date(Date.now() - 60_000);
    const during = new Date(Date.now() + 60_000); // written after the watch began (as when selected just now)
    utimesSync(old, past, past);
    utimesSync(landing, during, during);
    const first = watcher(where);
    await first.w.start();
    await first.settle();
    expect(first.taken.map((s) => s.name)).toEqual(['landing.jpg']);
  });

  it('a shot whose storing fails stays untaken and is offered again (never lost)', async () => {
    const where = fresh();
    let fail = true;
    const { w, taken, settle } = watcher(where, async () => {
      if (fail) throw new Error('disk full');
      return { outcome: 'order', orderId: 'o1' };
    });
    await w.start();
    writeFileSync(path.join(where.folder, 'IMG_9.jpg'), await shotJpeg());
    await settle();
    expect(taken).toHaveLength(0);
    fail = false;
    await settle();
    expect(taken).toHaveLength(1);
  });

  it('with real timers, fs.watch/polling notice a file written in three pauses and take it once', async () => {
    const where = fresh();
    const taken: HotFolderShot[] = [];
    const w = new HotFolderWatcher({
      folder: where.folder,
      journalFile: where.journal,
      pollMs: 50,
      settleMs: 80,
      onShot: async (s) => {
        taken.push(s);
        return { outcome: 'tray' };
      },
    });
    running.push(w);
    await w.start();
    const jpeg = await shotJpeg();
    const file = path.join(where.folder, 'sub', 'IMG_0500.JPG'); // a dated subfolder, as some software makes
    mkdirSync(path.dirname(file));
    const third = Math.ceil(jpeg.length / 3);
    for (let i = 0; i < 3; i++) {
      appendFileSync(file, jpeg.subarray(i * third, (i + 1) * third));
      await new Promise((r) => setTimeout(r, 400));
    }
    for (let i = 0; i < 200 && taken.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    expect(taken.map((s) => s.sha256)).toEqual([sha(jpeg)]);
    expect(w.lastShot?.sha256).toBe(sha(jpeg));
  });
});

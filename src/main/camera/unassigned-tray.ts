import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { ApiError } from '../../shared/api-error';
import type { UnassignedShot } from '../../shared/contract/camera';
import { diskError } from './hot-folder-journal';

export type { UnassignedShot } from '../../shared/contract/camera';

/**
 * 未归属: shots nobody asked for (the shutter pressed on the camera with no current order). Kept as files in the
 * data folder until the operator assigns one to an order or discards it; a discarded shot is moved aside to
 * `discarded/`, never deleted, so a mistaken discard can be undone by hand.
 */
export class UnassignedTray {
  constructor(readonly dir: string) {}

  async add(
    shot: { name: string; sha256: string; jpeg: Buffer; source: string; reason?: string },
    now = new Date(),
  ): Promise<UnassignedShot> {
    const stamp = now.toISOString().replace(/[-:.]/g, '');
    const id = `${stamp}-${shot.sha256.slice(0, 12)}`;
    const entry: UnassignedShot = {
      id,
      name: shot.name,
      sha256: shot.sha256,
      bytes: shot.jpeg.length,
      arrivedAt: now.toISOString(),
      source: shot.source,
      ...(shot.reason ? { reason: shot.reason } : {}),
    };
    try {
      await mkdir(this.dir, { recursive: true });
      await writeAtomically(path.join(this.dir, `${id}.jpg`), shot.jpeg);
      await writeAtomically(path.join(this.dir, `${id}.json`), Buffer.from(JSON.stringify(entry)));
    } catch (err) {
      throw diskError(err, '未归属照片');
    }
    return entry;
  }

  async list(): Promise<UnassignedShot[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const out: UnassignedShot[] = [];
    for (const n of names.filter((x) => x.endsWith('.json'))) {
      try {
        out.push(JSON.parse(await readFile(path.join(this.dir, n), 'utf8')) as UnassignedShot);
      } catch {
        // a sidecar torn by a crash: its JPEG stays on disk, listed once the sidecar is rewritten by hand
      }
    }
    return out.sort((a, b) => a.arrivedAt.localeCompare(b.arrivedAt) || a.id.localeCompare(b.id));
  }

  async read(id: string): Promise<Buffer> {
    return readFile(this.file(id, 'jpg')).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') throw new ApiError('not_found', '找不到这张未归属照片：可能已被归属或丢弃', 'id');
      throw err;
    });
  }

  /**
   * Hands the shot to `store` (an order's photo versions) and removes it from the tray only once stored — also when
   * `store` throws an error `storedDespite` says came after storing (refused by production): the order has it then,
   * and assigning it again would store it twice.
   */
  async assign<T>(
    id: string,
    store: (jpeg: Buffer) => Promise<T>,
    storedDespite: (err: unknown) => boolean = () => false,
  ): Promise<T> {
    let result: T;
    try {
      result = await store(await this.read(id));
    } catch (err) {
      if (storedDespite(err)) await this.remove(id);
      throw err;
    }
    await this.remove(id);
    return result;
  }

  private async remove(id: string): Promise<void> {
    await rm(this.file(id, 'json'), { force: true });
    await rm(this.file(id, 'jpg'), { force: true });
  }

  /** Moves the shot aside to discarded/, its sidecar noting why, by whom and when (never deleted). */
  async discard(id: string, why: { reason: string; operator?: string }, now = new Date()): Promise<void> {
    await this.read(id);
    const entry = JSON.parse(await readFile(this.file(id, 'json'), 'utf8')) as UnassignedShot;
    const aside = path.join(this.dir, 'discarded');
    try {
      await mkdir(aside, { recursive: true });
      const note = { ...entry, discardedAt: now.toISOString(), reason: why.reason, operator: why.operator ?? null };
      await writeAtomically(path.join(aside, `${id}.json`), Buffer.from(JSON.stringify(note)));
      await rename(this.file(id, 'jpg'), path.join(aside, `${id}.jpg`));
    } catch (err) {
      throw diskError(err, '未归属照片');
    }
    await rm(this.file(id, 'json'), { force: true });
  }

  /** A small JPEG of the shot for the tray (made on demand, about 240 px high). */
  async thumbnail(id: string): Promise<Buffer> {
    return sharp(await this.read(id))
      .rotate()
      .resize({ height: 240, withoutEnlargement: true })
      .jpeg({ quality: 75 })
      .toBuffer();
  }

  private file(id: string, ext: 'jpg' | 'json'): string {
    if (!/^[0-9TZ]+-[0-9a-f]{12}$/.test(id)) throw new ApiError('invalid_request', '未归属照片编号无效', 'id');
    return path.join(this.dir, `${id}.${ext}`);
  }
}

async function writeAtomically(file: string, data: Buffer): Promise<void> {
  const tmp = `${file}.tmp`;
  await writeFile(tmp, data, { flush: true });
  await rename(tmp, file);
}

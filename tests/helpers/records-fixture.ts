import sharp from 'sharp';
import { createStudio, type Studio } from '../../src/main/core/studio';
import type { PhotoProducer } from '../../src/main/captures/photo-producer';
import type { StudioEvent } from '../../src/shared/domain/event';
import { tempDir } from './temp-dir';

export const FEATURE_CODE = '1a2d9fb8a5f1c2ba03ae58a7';
export const ctx = { transport: 'cli' as const };

/** A small JPEG whose content depends on seed (so every capture is a distinct file). */
export async function testJpeg(seed: number, width = 64, height = 80): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  let x = seed * 2654435761 + 1;
  for (let i = 0; i < raw.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = x & 0xff;
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

/**
 * Stand-in for photo production in records tests (the real producePhoto needs face models and real portraits,
 * covered by the photo module's own tests): resizes to 480×640 and passes 初审 unless told otherwise.
 */
export function resizeProducer(precheck: 'passed' | 'failed' | (() => 'passed' | 'failed') = 'passed'): PhotoProducer {
  return async (source) => ({
    jpeg: await sharp(source).resize(480, 640, { fit: 'fill' }).jpeg({ quality: 90 }).toBuffer(),
    precheck: typeof precheck === 'function' ? precheck() : precheck,
    checks: { test: true },
  });
}

export interface RecordsFixture {
  dir: string;
  studio: Studio;
  event: StudioEvent;
  logs: string[];
  /** 初审 verdict the stand-in producer gives the next captures ('passed' unless a test changes it). */
  precheck: 'passed' | 'failed';
  call<T = unknown>(method: string, payload: unknown): Promise<T>;
  reopen(): Promise<void>;
  close(): void;
}

export async function recordsFixture(dir?: string): Promise<RecordsFixture> {
  const t = dir ? { dir, cleanup: () => {} } : tempDir('studio-records-');
  const logs: string[] = [];
  let precheck: 'passed' | 'failed' = 'passed';
  const open = () =>
    createStudio({
      dataDir: t.dir,
      log: (m, e) => logs.push(`${m} ${e ? String(e) : ''}`),
      producer: resizeProducer(() => precheck),
    });
  let studio = open();
  const event = (await studio.dispatch(
    'events.create',
    {
      schoolName: '山东师范大学',
      schoolCode: '10403',
      featureCode: FEATURE_CODE,
      date: '2026-06-01',
      stationName: '一号机',
    },
    ctx,
  )) as StudioEvent;
  const f: RecordsFixture = {
    dir: t.dir,
    get studio() {
      return studio;
    },
    event,
    logs,
    get precheck() {
      return precheck;
    },
    set precheck(v) {
      precheck = v;
    },
    call: async <T>(method: string, payload: unknown) => (await studio.dispatch(method, payload, ctx)) as T,
    reopen: async () => {
      await studio.close();
      studio = open();
    },
    close: async () => {
      await studio.close();
      t.cleanup();
    },
  };
  return f;
}

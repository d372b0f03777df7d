import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import type { PhotoProducer } from '../../captures/photo-producer';
import { demoStudent } from '../../checkin/demo-students';
import { findSampleDir, listSamples } from '../../camera/replay-samples';
import { producePhoto } from '../../production';
import { createVision, type Vision } from '../../vision';
import type { Studio } from '../../core/studio';
import type { OrderView, PhotoView } from '../../../shared/contract/views';
import type { StudioEvent } from '../../../shared/domain/event';
import { intOption, parse, UsageError } from '../args';
import type { CliIO } from '../command';
import { dataDirFrom, printJson, withStudio } from './records-cli';

// `studio demo seed --orders N`: N complete orders made through the station's own services — check-in (the demo
// students' 采集码), capture of the sample portraits (../shared/portraits) through real photo production, a cash
// payment. For demos, the sync benchmark and the fault tests.
//
// Photo production is deterministic, so it runs once per sample portrait (the studio is opened with a producer
// that remembers its result per source) and the result is reused for the other sitters with that portrait; each order's final JPEG gets a comment segment (COM) naming a unique token,
// so every order has its own photo bytes (its own sha256) with the pixels production made and checked.

const OPERATOR = '演示';

export interface SeedSummary {
  eventId: string;
  orders: number;
  /** Orders that reached 待审核 (paid and a final photo that passed 初审). */
  pendingReview: number;
  orderIds: string[];
  finalPhotos: { orderId: string; orderNo: string; sha256: string }[];
}

/** JPEG with a COM segment right after SOI: same image, other bytes. */
export function withJpegComment(jpeg: Buffer, text: string): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG');
  const body = Buffer.from(text, 'utf8');
  const seg = Buffer.alloc(4 + body.length);
  seg[0] = 0xff;
  seg[1] = 0xfe;
  seg.writeUInt16BE(body.length + 2, 2);
  body.copy(seg, 4);
  return Buffer.concat([jpeg.subarray(0, 2), seg, jpeg.subarray(2)]);
}

const DEMO_COMMENT = 'collection-studio demo ';

/** The JPEG without the demo's own comment segment (the key for "same image"). */
function withoutDemoComment(jpeg: Buffer): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8 || jpeg[2] !== 0xff || jpeg[3] !== 0xfe) return jpeg;
  const len = jpeg.readUInt16BE(4);
  if (!jpeg.subarray(6, 6 + DEMO_COMMENT.length).equals(Buffer.from(DEMO_COMMENT))) return jpeg;
  return Buffer.concat([jpeg.subarray(0, 2), jpeg.subarray(4 + len)]);
}

/** A JPEG source gets a unique comment too, so every sitter's original is its own file; other formats stay. */
export function uniqueSource(source: Buffer): Buffer {
  return source[0] === 0xff && source[1] === 0xd8 ? withJpegComment(source, `${DEMO_COMMENT}${randomUUID()}`) : source;
}

/** Wraps photo production: one real production per distinct image, a unique final per call. */
export function memoisedUniqueProducer(real: PhotoProducer): PhotoProducer {
  const cache = new Map<string, ReturnType<PhotoProducer>>();
  return async (source, profileId) => {
    const image = withoutDemoComment(source);
    const key = `${profileId}:${createHash('sha256').update(image).digest('hex')}`;
    let produced = cache.get(key);
    if (!produced) {
      produced = real(image, profileId);
      cache.set(key, produced);
      produced.catch(() => cache.delete(key));
    }
    const out = await produced;
    return { ...out, jpeg: withJpegComment(out.jpeg, `${DEMO_COMMENT}${randomUUID()}`) };
  };
}

async function ensureEvent(studio: Studio, eventId: string | undefined): Promise<StudioEvent> {
  const call = (m: string, req: unknown) => studio.dispatch(m, req, { transport: 'cli' });
  if (eventId) {
    const list = (await call('events.list', {})) as { events?: StudioEvent[] } | StudioEvent[];
    const events = Array.isArray(list) ? list : (list.events ?? []);
    const found = events.find((e) => e.id === eventId);
    if (!found) throw new UsageError(`采集活动 ${eventId} 不存在`);
    return found;
  }
  return (await call('events.create', {
    schoolName: '演示大学',
    schoolCode: '10403',
    featureCode: 'DEMO2026',
    date: new Date().toISOString().slice(0, 10),
    stationName: '演示工作站',
  })) as StudioEvent;
}

export async function seedOrders(
  studio: Studio,
  opts: { orders: number; eventId?: string; portraits: string[] },
): Promise<SeedSummary> {
  const call = (m: string, req: unknown) => studio.dispatch(m, req, { transport: 'cli' });
  const event = await ensureEvent(studio, opts.eventId);
  const sources = opts.portraits.map((p) => readFileSync(p));
  const existing = studio.records.orders.repo.list({ eventId: event.id, limit: 1, offset: 0 }).total;
  const summary: SeedSummary = { eventId: event.id, orders: 0, pendingReview: 0, orderIds: [], finalPhotos: [] };
  for (let i = 0; i < opts.orders; i++) {
    const s = demoStudent(existing + i, event.schoolCode);
    const { order } = (await call('checkin.submit', {
      eventId: event.id,
      source: 'qr',
      payload: s.payload,
      name: s.fullName,
      featureCode: event.featureCode,
      idLast4: s.idNumber.slice(-4),
      email: `student${existing + i}@example.com`,
      phone: `138${String(10_000_000 + existing + i).slice(-8)}`,
      operator: OPERATOR,
    })) as { order: OrderView };
    // a sitter whose photo fails 初审 is retaken with the next portrait, as at the station
    let final: PhotoView | null = null;
    for (let k = 0; k < sources.length && final?.precheck !== 'passed'; k++) {
      const src = sources[(existing + i + k) % sources.length]!;
      const shot = (await call('photos.capture', {
        orderId: order.id,
        imageBase64: uniqueSource(src).toString('base64'),
        operator: OPERATOR,
      })) as { final: PhotoView | null };
      final = shot.final;
    }
    const paid = (await call('payments.record', {
      eventId: event.id,
      method: 'cash',
      orderIds: [order.id],
      operator: OPERATOR,
    })) as { orders: OrderView[] };
    summary.orders++;
    summary.orderIds.push(order.id);
    if (paid.orders[0]?.state === 'pending_review') summary.pendingReview++;
    if (final) summary.finalPhotos.push({ orderId: order.id, orderNo: order.orderNo, sha256: final.sha256 });
  }
  return summary;
}

/** Photo production as createStudio wires it for captures (ProducedPhoto → the captures' producer). */
function productionWith(vision: Vision): PhotoProducer {
  return async (source, profileId) => {
    const p = await producePhoto(source, profileId, vision);
    return {
      jpeg: p.jpeg,
      precheck: p.passed ? 'passed' : 'failed',
      checks: { reasons: p.reasons, geometry: p.geometry },
    };
  };
}

export async function runDemoSeed(argv: string[], io: CliIO): Promise<number> {
  const { values } = parse(argv, {
    orders: { type: 'string' },
    event: { type: 'string' },
    data: { type: 'string' },
    portraits: { type: 'string' },
    json: { type: 'boolean' },
  });
  const orders = intOption(values.orders, 'orders', 1, 100_000);
  if (orders === undefined) throw new UsageError('--orders N is required');
  const dir = values.portraits ? path.resolve(values.portraits) : findSampleDir(io.env);
  const portraits = dir ? listSamples(dir) : [];
  if (portraits.length === 0)
    throw new UsageError('找不到示例人像：请用 --portraits DIR 指定（默认 ../shared/portraits 或 STUDIO_REPLAY_DIR）');
  const vision = createVision();
  try {
    return await withStudio(
      dataDirFrom(values.data, io),
      io,
      async (studio) => {
        const summary = await seedOrders(studio, { orders, eventId: values.event, portraits });
        if (values.json) printJson(io, summary);
        else
          io.stdout.write(
            `已生成 ${summary.orders} 个演示订单（活动 ${summary.eventId}），其中 ${summary.pendingReview} 个待审核\n`,
          );
        return 0;
      },
      { producer: memoisedUniqueProducer(productionWith(vision)) },
    );
  } finally {
    await vision.close();
  }
}

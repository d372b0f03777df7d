import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../../src/main/core/studio';
import { embedFace } from '../../../src/main/vision/face-embedder';
import type { FaceConsistencyView } from '../../../src/shared/contract/face';
import type { StudioEvent } from '../../../src/shared/domain/event';
import { ctx, FEATURE_CODE, resizeProducer } from '../../helpers/records-fixture';
import { tempDir } from '../../helpers/temp-dir';

// Face consistency in the capture flow (issue 13), with the real face models on the shared portraits (never
// copied): person A (portrait-01) is captured on A's order; then person B (portrait-04) on A's order → the
// "different person" warning; A again (a re-shot copy) → no warning; B on B's order → "matches another student"
// (the photo of B still bound to A's order); A on B's order → both warnings (swapped numbers); in event mode the same
// check is a bind guard: the binding waits for the photographer's confirmation. The embeddings stay in the local database, never in the outbox (sync queue).
const portraits = path.resolve(__dirname, '../../../../shared/portraits');
const t = tempDir('studio-faces-');
let studio: Studio;
let event: StudioEvent;
const call = async <T>(method: string, payload: unknown) => (await studio.dispatch(method, payload, ctx)) as T;
type CaptureAnswer = { original: { id: string }; face?: FaceConsistencyView | null };
const capture = (orderId: string, bytes: Buffer) =>
  call<CaptureAnswer>('photos.capture', { orderId, imageBase64: bytes.toString('base64'), operator: '王摄影' });

const A = readFileSync(path.join(portraits, 'portrait-01.jpg'));
const B = readFileSync(path.join(portraits, 'portrait-04.jpg'));

async function order(name: string, studentNo: string, idNumber: string): Promise<string> {
  const r = await call<{ order: { id: string } }>('checkin.submit', {
    eventId: event.id,
    featureCode: FEATURE_CODE,
    email: 'a@b.cn',
    phone: '13812345678',
    operator: '张老师',
    gender: '男',
    educationLevel: '本科',
    campusType: '本部',
    source: 'manual',
    name,
    studentNo,
    collectionCode: studentNo.padStart(16, '0'), // 手动登记 needs the 采集码
    idNumber,
    idLast4: idNumber.slice(-4),
  });
  return r.order.id;
}

beforeAll(async () => {
  studio = createStudio({
    dataDir: t.dir,
    log: () => {},
    producer: resizeProducer(),
    faceEmbedder: (bytes) => embedFace(studio.vision(), bytes),
  });
  event = (await studio.dispatch(
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
}, 60_000);

afterAll(async () => {
  await studio?.close();
  t.cleanup();
});

describe('face consistency in the capture flow', () => {
  let orderA: string;
  let orderB: string;

  it('first capture of A: checked, nothing to compare with, embedding kept with the original', async () => {
    orderA = await order('黄志正', '1001', '11010519491231002X');
    orderB = await order('孙七', '1002', '440524188001010014');
    const r = await capture(orderA, A);
    expect(r.face).toMatchObject({ status: 'first', warnings: [] });
    const kept = studio.faces!.repo.byPhoto(r.original.id);
    expect(kept?.embedding.vector).toHaveLength(1024);
  }, 120_000);

  it('B captured on A’s order after A: the mismatch warning', async () => {
    const r = await capture(orderA, B);
    expect(r.face?.status).toBe('warn');
    expect(r.face?.warnings).toEqual([expect.objectContaining({ kind: 'different_person' })]);
    expect(r.face!.warnings[0]!.message).toContain('不是同一人');
    expect(r.face!.sameSimilarity!).toBeLessThan(0.6);
  }, 120_000);

  it('A again on A’s order (a re-shot copy): no warning', async () => {
    const again = await sharp(A).resize(500).modulate({ brightness: 1.08 }).jpeg({ quality: 85 }).toBuffer();
    const r = await capture(orderA, again);
    expect(r.face).toMatchObject({ status: 'ok', warnings: [] });
    expect(r.face!.sameSimilarity!).toBeGreaterThan(0.9);
  }, 120_000);

  it('B on B’s order: B is already on A’s order (the mistaken capture above stays bound) → swap warning', async () => {
    const r = await capture(orderB, B);
    expect(r.face?.warnings).toEqual([
      expect.objectContaining({ kind: 'matches_other_student', orderId: orderA, nameMasked: '黄*正' }),
    ]);
  }, 120_000);

  it('A on B’s order after B’s own capture: not B, and A is already bound to another student', async () => {
    const r = await capture(orderB, A);
    expect(r.face?.warnings.map((w) => w.kind)).toEqual(['different_person', 'matches_other_student']);
    const swap = r.face!.warnings[1]!;
    expect(swap).toMatchObject({ kind: 'matches_other_student', orderId: orderA, nameMasked: '黄*正' });
  }, 120_000);

  it('event mode: binding B to C’s 拍摄号 after C’s capture (of A) is held until the photographer confirms', async () => {
    // order A already holds a photo of B (the mistaken capture above), so a fresh order C with one capture
    const orderC = await order('王芳', '1003', '370102200001011237');
    await capture(orderC, A);
    const ticket = await call<{ id: string; label: string; qrPayload: string }>('queue.issue', {
      eventId: event.id,
      orderId: orderC,
      operator: '登记员',
    });
    await call('queue.callNext', { eventId: event.id, operator: '王摄影' });
    const req = {
      eventId: event.id,
      ticketId: ticket.id,
      by: 'ticket_qr',
      proof: ticket.qrPayload,
      imageBase64: (await sharp(B).resize(450).jpeg({ quality: 88 }).toBuffer()).toString('base64'),
      operator: '王摄影',
    };
    const held = await call<{ status: string; warnings: string[]; bindingId: string }>('queue.bind', req);
    expect(held.status).toBe('warning');
    expect(held.warnings.join()).toContain('不是同一人');
    const bound = await call<{ status: string; warnings: string[] }>('queue.bind', {
      ...req,
      bindingId: held.bindingId,
      confirmWarnings: true,
    });
    expect(bound.status).toBe('bound');
    expect(bound.warnings).toEqual(held.warnings);
  }, 120_000);

  it('no embedding in the outbox (sync queue) or in any API answer', async () => {
    const outbox = studio.db.prepare('SELECT payload_json FROM outbox').all() as { payload_json: string }[];
    expect(outbox.length).toBeGreaterThan(0);
    for (const row of outbox) expect(row.payload_json).not.toMatch(/embedding|vector/);
    const r = await capture(orderA, A);
    expect(JSON.stringify(r)).not.toMatch(/"vector"|"embedding"/);
  }, 120_000);
});

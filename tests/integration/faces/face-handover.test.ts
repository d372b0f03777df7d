import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhotoProducer } from '../../../src/main/captures/photo-producer';
import { createStudio, type Studio } from '../../../src/main/core/studio';
import { PhotoRefusedError } from '../../../src/main/production';
import { embedFace } from '../../../src/main/vision/face-embedder';
import type { FaceConsistencyView } from '../../../src/shared/contract/face';
import type { StudioEvent } from '../../../src/shared/domain/event';
import { ctx, FEATURE_CODE } from '../../helpers/records-fixture';
import { tempDir } from '../../helpers/temp-dir';

// The capture's face check on photo production's analysis (the shutter's second analysis, 2026-12-02): with the
// station's real production, the embedding comes from production's own analysis of the capture — the face check's
// own embedder (decode + analyse again) is not called, the verdicts are those of issue 13, and the kept embedding
// matches the one the face check computes itself for the same photo. When production fails, the face check
// analyses the capture itself; when production refuses the photo, the capture is refused and nothing is analysed
// again. Real models, the shared portraits (never copied).
const portraits = path.resolve(__dirname, '../../../../shared/portraits');
const A = readFileSync(path.join(portraits, 'portrait-01.jpg'));
const B = readFileSync(path.join(portraits, 'portrait-04.jpg'));
type CaptureAnswer = { original: { id: string }; final: { id: string } | null; face?: FaceConsistencyView | null };

interface Station {
  studio: Studio;
  event: StudioEvent;
  /** How often the face check analysed a capture itself. */
  ownAnalyses: number;
  cleanup(): void;
}

async function station(producer?: PhotoProducer): Promise<Station> {
  const t = tempDir('studio-face-handover-');
  const s = { ownAnalyses: 0, cleanup: t.cleanup } as Station;
  s.studio = createStudio({
    dataDir: t.dir,
    log: () => {},
    ...(producer ? { producer } : {}),
    faceEmbedder: (bytes) => {
      s.ownAnalyses++;
      return embedFace(s.studio.vision(), bytes);
    },
  });
  s.event = (await s.studio.dispatch(
    'events.create',
    { schoolName: '山东师范大学', schoolCode: '10403', featureCode: FEATURE_CODE, date: '2026-06-01' },
    ctx,
  )) as StudioEvent;
  return s;
}

async function order(s: Station, studentNo: string, idNumber: string): Promise<string> {
  const r = (await s.studio.dispatch(
    'checkin.submit',
    {
      eventId: s.event.id,
      featureCode: FEATURE_CODE,
      email: 'a@b.cn',
      phone: '13812345678',
      operator: '张老师',
      gender: '男',
      educationLevel: '本科',
      campusType: '本部',
      source: 'manual',
      name: '黄志正',
      studentNo,
      collectionCode: studentNo.padStart(16, '0'),
      idNumber,
      idLast4: idNumber.slice(-4),
    },
    ctx,
  )) as { order: { id: string } };
  return r.order.id;
}

const capture = (s: Station, orderId: string, bytes: Buffer) =>
  s.studio.dispatch(
    'photos.capture',
    { orderId, imageBase64: bytes.toString('base64'), operator: '王摄影' },
    ctx,
  ) as Promise<CaptureAnswer>;

describe('face check on production’s analysis', () => {
  let s: Station;
  beforeAll(async () => {
    s = await station(); // the studio's own photo production
  }, 60_000);
  afterAll(async () => {
    await s?.studio.close();
    s?.cleanup();
  });

  it('A then B on A’s order: final photos made, verdicts as before, the capture never analysed a second time', async () => {
    const orderA = await order(s, '1001', '11010519491231002X');
    const first = await capture(s, orderA, A);
    expect(first.final).not.toBeNull();
    expect(first.face).toMatchObject({ status: 'first', warnings: [] });
    const kept = s.studio.faces!.repo.byPhoto(first.original.id);
    expect(kept?.embedding.vector).toHaveLength(1024);
    const second = await capture(s, orderA, B);
    expect(second.final).not.toBeNull();
    expect(second.face?.warnings).toEqual([expect.objectContaining({ kind: 'different_person' })]);
    expect(s.ownAnalyses).toBe(0);
    // production's embedding (its 1024 px analysis copy) and the face check's own (1280 px) are the same person's
    const own = await embedFace(s.studio.vision(), A);
    const dot = own!.vector.reduce((sum, v, i) => sum + v * kept!.embedding.vector[i]!, 0);
    expect(dot).toBeGreaterThan(0.9);
  }, 180_000);
});

describe('face check when production does not give the embedding', () => {
  it('production failed: the original is kept and the face check analyses the capture itself', async () => {
    const s = await station(async () => {
      throw new Error('成片服务异常（测试）');
    });
    try {
      const orderA = await order(s, '1001', '11010519491231002X');
      const r = await capture(s, orderA, A);
      expect(r.final).toBeNull();
      expect(r.face).toMatchObject({ status: 'first', warnings: [] });
      expect(s.ownAnalyses).toBe(1);
      expect(s.studio.faces!.repo.byPhoto(r.original.id)?.embedding.vector).toHaveLength(1024);
      const again = await capture(s, orderA, B);
      expect(again.face?.warnings).toEqual([expect.objectContaining({ kind: 'different_person' })]);
    } finally {
      await s.studio.close();
      s.cleanup();
    }
  }, 180_000);

  it('production refused the photo: the capture is refused, the face check does not analyse it', async () => {
    const s = await station(async () => {
      throw new PhotoRefusedError('no_face');
    });
    try {
      const orderA = await order(s, '1001', '11010519491231002X');
      await expect(capture(s, orderA, A)).rejects.toThrow(PhotoRefusedError);
      expect(s.ownAnalyses).toBe(0);
    } finally {
      await s.studio.close();
      s.cleanup();
    }
  }, 60_000);
});

import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { ApiError } from '../../shared/api-error';
import { canAddPhoto } from '../../shared/domain/order-state';
import type { OrderView, PhotoView } from '../../shared/contract/views';
import type { Db } from '../db/open';
import type { OrderService } from '../orders';
import type { OutboxRepo } from '../outbox';
import type { FaceConsistency } from '../../shared/vision/face-consistency';
import type { CaptureFaceHook, FaceCheckResult } from './face-hook';
import type { PhotoProducer, PrecheckedFinal } from './photo-producer';
import { StageClock } from './stage-clock';
import { toPhotoView, type PhotoRow, type PhotoRepo } from './photo-repo';
import { sniffImageMime, type PhotoStore } from './photo-store';

export const MAX_PHOTO_BYTES = 22 * 1024 * 1024;

/** Where a capture's time went: stage → ms (see StageClock), `total` from the call to the answer. */
export type CaptureTimings = Record<string, number>;

export interface FinalInput {
  orderId: string;
  sourcePhotoId: string;
  jpeg: Buffer;
  profileId: string;
  precheck: 'passed' | 'failed';
  checks: unknown;
  operator: string;
}

/** Captures and photo versions. The file is durable before its row is committed; the row before the ack. */
export class CaptureService {
  constructor(
    private readonly db: Db,
    private readonly store: PhotoStore,
    readonly repo: PhotoRepo,
    private readonly orders: OrderService,
    private readonly outbox: OutboxRepo,
    private readonly now: () => Date,
    private readonly log: (msg: string, err?: unknown) => void,
    private readonly producer: PhotoProducer | null,
  ) {}

  private assertCanAdd(orderId: string): void {
    const order = this.orders.repo.get(orderId);
    if (!order) throw new ApiError('not_found', '订单不存在', 'orderId');
    if (!canAddPhoto(order.state))
      throw new ApiError('conflict', `订单状态为「${this.orders.view(orderId).stateLabel}」，不能再拍照或上传照片`);
  }

  /** The checks that need no decoding: empty, too large, not an image. */
  private sniff(bytes: Buffer): string {
    if (bytes.length === 0) throw new ApiError('invalid_request', '照片数据为空');
    if (bytes.length > MAX_PHOTO_BYTES) throw new ApiError('invalid_request', '照片过大（上限 22 MB）');
    const mime = sniffImageMime(bytes);
    if (!mime) throw new ApiError('invalid_request', '照片数据不是 JPG/PNG/WebP 图片');
    return mime;
  }

  private async inspect(bytes: Buffer): Promise<{ mime: string; width: number | null; height: number | null }> {
    const mime = this.sniff(bytes);
    try {
      const meta = await sharp(bytes).metadata();
      return { mime, width: meta.width ?? null, height: meta.height ?? null };
    } catch {
      throw new ApiError('invalid_request', '照片文件已损坏，无法读取');
    }
  }

  /** Observer of every capture's stage clock (the shutter benchmark, diagnostics); never changes the outcome. */
  onTimeline: ((orderId: string, clock: StageClock) => void) | null = null;

  /** Face consistency (issue 13, src/main/faces), plugged in by studio.ts; null = captures are not checked. */
  faces: CaptureFaceHook | null = null;

  /**
   * Store the original capture and, when photo production is available, its final version with 初审. Production
   * starts at once and runs while the original is written; the original is durable and its row committed before
   * the final's row (which points at it), and before anything is answered or pushed: a photo is never lost, even
   * when production fails or refuses.
   */
  async capture(
    orderId: string,
    bytes: Buffer,
    profileId: string,
    operator: string,
  ): Promise<{
    original: PhotoView;
    final: PhotoView | null;
    order: OrderView;
    timings: CaptureTimings;
    face?: FaceConsistency | null;
  }> {
    const clock = new StageClock();
    try {
      this.assertCanAdd(orderId);
      this.sniff(bytes);
      const produce = this.producer;
      const produced = produce ? clock.time('production', () => produce(bytes, profileId)) : null;
      // a failure here is reported below, after the original is stored (or instead of it when that fails)
      produced?.catch(() => undefined);
      // Face consistency: its warnings come with the answer, the embedding is kept with the original once that is
      // stored. It never fails or holds back the capture. Production's analysis of the capture computes the
      // embedding too (the capture is decoded and analysed once); only without production, or when production
      // failed or gave none, does the face check analyse the capture itself. A refused capture is not checked.
      const faces = this.faces;
      const face = faces
        ? this.faceCheck(faces, orderId, bytes, produced, clock).catch((err: unknown) => {
            this.log(`face check failed for order ${orderId}`, err);
            return null;
          })
        : null;
      const original = await clock.time('store', async () => {
        const info = await this.inspect(bytes);
        return this.storeOriginal(orderId, bytes, info, profileId, operator);
      });
      let final: PhotoView | null = null;
      if (produced) {
        try {
          const out = await produced;
          for (const [k, ms] of Object.entries(out.timings ?? {})) clock.parts[`production.${k}`] = ms;
          final = await clock.time('storeFinal', async () =>
            this.addFinalChecked(
              {
                orderId,
                sourcePhotoId: original.id,
                jpeg: out.jpeg,
                profileId,
                precheck: out.precheck,
                checks: out.checks,
                operator,
              },
              await this.inspect(out.jpeg),
            ),
          );
        } catch (err) {
          // the original is safe; the operator can retake or the final can be added later
          this.log(`photo production failed for order ${orderId}`, err);
          // refused: the refusal is the answer, and says the original is stored (a hot-folder shot is not kept again)
          if (err instanceof ApiError) throw Object.assign(err, { storedOriginal: original });
        }
      }
      const faceCheck = face ? await face : null;
      if (faces && faceCheck) {
        try {
          faces.keep(original.id, orderId, faceCheck);
        } catch (err) {
          this.log(`face embedding not kept for photo ${original.id}`, err);
        }
      }
      const order = await clock.time('push', () => this.orders.publish(orderId));
      const timings = clock.durations();
      return faces
        ? { original, final, order, timings, face: faceCheck?.consistency ?? null }
        : { original, final, order, timings };
    } finally {
      this.onTimeline?.(orderId, clock);
    }
  }

  /** The face check on production's embedding of the capture, else (`face` on the clock) on its own analysis. */
  private async faceCheck(
    faces: CaptureFaceHook,
    orderId: string,
    bytes: Buffer,
    produced: Promise<PrecheckedFinal> | null,
    clock: StageClock,
  ): Promise<FaceCheckResult | null> {
    if (produced) {
      try {
        const out = await produced;
        if (out.embedding !== undefined) return await faces.check(orderId, bytes, { embedding: out.embedding });
      } catch (err) {
        if (err instanceof ApiError) return null; // refused (e.g. no face, two faces): the capture is refused too
      }
    }
    return clock.time('face', () => faces.check(orderId, bytes));
  }

  /** The file durably stored (written, fsynced, renamed) before its row is committed. */
  async storeOriginal(
    orderId: string,
    bytes: Buffer,
    info: { mime: string; width: number | null; height: number | null },
    profileId: string,
    operator: string,
  ): Promise<PhotoView> {
    const sha = await this.store.putAsync(bytes);
    const row: PhotoRow = {
      id: randomUUID(),
      order_id: orderId,
      kind: 'original',
      version: 0,
      source_photo_id: null,
      sha256: sha,
      bytes: bytes.length,
      mime: info.mime,
      width: info.width,
      height: info.height,
      profile_id: profileId,
      precheck: null,
      checks_json: null,
      missing_since: null,
      created_by: operator,
      created_at: this.now().toISOString(),
    };
    this.db
      .transaction(() => {
        this.assertCanAdd(orderId);
        row.version = this.repo.nextVersion(orderId, 'original');
        this.repo.insert(row);
        this.repo.clearOrphan(sha);
        this.orders.repo.touch(orderId, row.created_at);
      })
      .immediate();
    return toPhotoView(row);
  }

  async addFinal(input: FinalInput): Promise<{ final: PhotoView; order: OrderView }> {
    this.assertCanAdd(input.orderId);
    const info = await this.inspect(input.jpeg);
    if (info.mime !== 'image/jpeg') throw new ApiError('invalid_request', '最终照片须为 JPG 格式');
    const final = await this.addFinalChecked(input, info);
    return { final, order: this.orders.publish(input.orderId) };
  }

  private async addFinalChecked(
    input: FinalInput,
    info?: { width: number | null; height: number | null },
  ): Promise<PhotoView> {
    const source = this.repo.get(input.sourcePhotoId);
    if (!source || source.order_id !== input.orderId || source.kind !== 'original')
      throw new ApiError('invalid_request', '原始照片不存在或不属于该订单', 'sourcePhotoId');
    const sha = await this.store.putAsync(input.jpeg);
    const row: PhotoRow = {
      id: randomUUID(),
      order_id: input.orderId,
      kind: 'final',
      version: 0,
      source_photo_id: source.id,
      sha256: sha,
      bytes: input.jpeg.length,
      mime: 'image/jpeg',
      width: info?.width ?? null,
      height: info?.height ?? null,
      profile_id: input.profileId,
      precheck: input.precheck,
      checks_json: input.checks === undefined ? null : JSON.stringify(input.checks),
      missing_since: null,
      created_by: input.operator,
      created_at: this.now().toISOString(),
    };
    this.db
      .transaction(() => {
        this.assertCanAdd(input.orderId);
        row.version = this.repo.nextVersion(input.orderId, 'final');
        this.repo.insert(row);
        this.repo.clearOrphan(sha);
        this.orders.repo.touch(input.orderId, row.created_at);
        this.outbox.add('photo.final', input.orderId, {
          orderId: input.orderId,
          photoId: row.id,
          sha256: sha,
          version: row.version,
          precheck: row.precheck,
        });
        // only a photo that passed 初审 counts for submission (the seed: 初审合格, else 重新上传)
        if (row.precheck === 'passed') {
          const state = this.orders.repo.get(input.orderId)!.state;
          if (state === 'rejected') this.orders.applyInTx(input.orderId, 'reupload', input.operator, '重新上传照片');
          else this.orders.submitIfReadyInTx(input.orderId, input.operator);
        }
      })
      .immediate();
    return toPhotoView(row);
  }
}

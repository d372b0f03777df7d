import { createHash, randomUUID } from 'node:crypto';
import { ApiError } from '../../shared/api-error';
import type { BindResult, MergeResultView, OfflineTicketInput, TicketView } from '../../shared/contract/event-mode';
import type { PushBus } from '../kernel/push-bus';
import type { Db } from '../db/open';
import type { OrderService } from '../orders';
import type { CaptureService } from '../captures';
import type { EventRepo } from '../events';
import { decodePayload, type PayloadDecoder } from '../../shared/domain/qr-payload';
import { normalizeCollectionCode } from '../../shared/domain/validators';
import {
  formatTicketLabel,
  identifies,
  matchOfflineOrder,
  nextSeq,
  nextTicketState,
  parseTicketQr,
  pickNext,
  planOfflineMerge,
  type IdentifiedBy,
  type QueueAction,
  type TicketState,
} from '../../shared/domain/shooting-queue';
import type { BindGuard } from './bind-guard';
import { eventClassSlips } from './class-slips';
import { QueueRepo, toBindingView, toTicketView, type TicketRow } from './queue-repo';

/** Who is calling: this station's own UI, or a station paired over the LAN (its name goes in the audit trail). */
export interface Caller {
  station: string;
}

export interface BindInput {
  bindingId?: string;
  eventId: string;
  ticketId: string;
  by: IdentifiedBy;
  proof: string;
  bytes: Buffer;
  profileId: string;
  operator: string;
  confirmWarnings: boolean;
  capturedAt?: string;
  /** Sent later from a station's queue while the host was away. */
  offline?: boolean;
}

export interface QueueServiceDeps {
  db: Db;
  bus: PushBus;
  now: () => Date;
  log: (msg: string, err?: unknown) => void;
  events: EventRepo;
  orders: OrderService;
  photos: CaptureService;
  decoders: () => readonly PayloadDecoder[];
  guards: readonly BindGuard[];
}

/** The 拍摄号 queue as the hosting station runs it: issue, call, skip, recall, 离开队伍, identify, bind. */
export class QueueService {
  readonly repo: QueueRepo;
  private readonly inFlight = new Map<string, Promise<BindResult>>();

  constructor(private readonly d: QueueServiceDeps) {
    this.repo = new QueueRepo(d.db);
  }

  private at(): string {
    return this.d.now().toISOString();
  }

  private ticketOrThrow(id: string): TicketRow {
    const t = this.repo.ticket(id);
    if (!t) throw new ApiError('not_found', '拍摄号不存在', 'ticketId');
    return t;
  }

  private publish(id: string): TicketView {
    const view = toTicketView(this.repo.ticket(id)!);
    this.d.bus.emit({ name: 'queue.updated', data: view });
    return view;
  }

  /** A 拍摄号 for a checked-in student; the same live ticket again when the desk issues twice. */
  issue(eventId: string, orderId: string, operator: string, caller: Caller): TicketView {
    if (!this.d.events.get(eventId)) throw new ApiError('not_found', '采集活动不存在', 'eventId');
    const order = this.d.orders.repo.get(orderId);
    if (!order || order.event_id !== eventId) throw new ApiError('not_found', '订单不存在或不属于本次活动', 'orderId');
    const id = this.d.db
      .transaction(() => {
        const live = this.repo.liveTicketOfOrder(orderId);
        if (live) return live.id;
        const at = this.at();
        // a capture station cut off from the LAN may already have given this student a number of its block
        const offline = this.repo.unlinkedTicketOf(eventId, order.collection_code, order.student_no);
        if (offline) {
          this.repo.setOrder(offline.id, orderId, at);
          this.repo.addTransition({
            ticketId: offline.id,
            action: 'link',
            from: offline.state,
            to: offline.state,
            station: caller.station,
            operator,
            at,
          });
          return offline.id;
        }
        const seq = nextSeq(this.repo.hostSeqs(eventId));
        const ticketId = randomUUID();
        this.repo.insertTicket({
          id: ticketId,
          event_id: eventId,
          label: formatTicketLabel(seq, null),
          block: null,
          seq,
          order_id: orderId,
          collection_code: order.collection_code,
          student_no: order.student_no,
          name_masked: order.name_masked,
          class_label: order.major,
          state: 'waiting',
          called_by: null,
          issued_by: caller.station,
          issued_offline: 0,
          issued_at: at,
          updated_at: at,
        });
        this.repo.addTransition({
          ticketId,
          action: 'issue',
          from: null,
          to: 'waiting',
          station: caller.station,
          operator,
          at,
        });
        return ticketId;
      })
      .immediate();
    return this.publish(id);
  }

  /**
   * The 拍摄号 a paired station issued from its block while cut off (idempotent: a resend after an interrupted
   * merge inserts nothing). Each keeps its number as printed; its order is the one the station knew, else found by
   * 采集码 / 学号, else none yet (linked when the desk issues for that student, see issue()).
   */
  mergeOffline(tickets: readonly OfflineTicketInput[], caller: Caller & { stationNo: number }): MergeResultView[] {
    const results = this.d.db
      .transaction(() => {
        const out: MergeResultView[] = [];
        const byEvent = new Map<string, OfflineTicketInput[]>();
        for (const t of tickets) byEvent.set(t.eventId, [...(byEvent.get(t.eventId) ?? []), t]);
        for (const [eventId, list] of byEvent) {
          if (!this.d.events.get(eventId)) {
            for (const t of list)
              out.push({
                id: t.id,
                label: t.label,
                status: 'refused',
                ticketId: t.id,
                orderId: null,
                message: '采集活动不存在',
              });
            continue;
          }
          const held = this.repo.tickets(eventId);
          const plan = planOfflineMerge(
            caller.stationNo,
            list,
            new Map(held.map((h) => [h.label, h.id])),
            new Set(held.map((h) => h.id)),
          );
          for (const t of plan.alreadyMerged) {
            const h = this.repo.ticket(t.id)!;
            out.push({
              id: t.id,
              label: h.label,
              status: 'already',
              ticketId: h.id,
              orderId: h.order_id,
              message: null,
            });
          }
          for (const r of plan.refused)
            out.push({
              id: r.ticket.id,
              label: r.ticket.label,
              status: 'refused',
              ticketId: r.ticket.id,
              orderId: null,
              message: r.message,
            });
          const orders = this.repo.orderKeys(eventId);
          const at = this.at();
          for (const t of plan.insert) {
            const orderId = matchOfflineOrder(t, orders);
            // the desk already gave this student a number: the station's own number was only on its screen — its
            // bindings go to the desk's number (one number per student; the student holds that ticket)
            const held = orderId ? this.repo.newestTicketOfOrder(orderId) : null;
            if (held) {
              out.push({
                id: t.id,
                label: held.label,
                status: 'merged',
                ticketId: held.id,
                orderId,
                message: `拍摄号 ${t.label} 并入该学生在登记台的拍摄号 ${held.label}`,
              });
              continue;
            }
            this.repo.insertTicket({
              id: t.id,
              event_id: eventId,
              label: t.label,
              block: t.block,
              seq: t.seq,
              order_id: orderId,
              collection_code: t.collectionCode,
              student_no: t.studentNo,
              name_masked: t.nameMasked,
              class_label: t.classLabel,
              state: 'waiting',
              called_by: null,
              issued_by: caller.station,
              issued_offline: 1,
              issued_at: t.issuedAt,
              updated_at: at,
            });
            this.repo.addTransition({
              ticketId: t.id,
              action: 'issue',
              from: null,
              to: 'waiting',
              station: caller.station,
              operator: t.operator,
              at: t.issuedAt,
            });
            out.push({ id: t.id, label: t.label, status: 'merged', ticketId: t.id, orderId, message: null });
          }
        }
        return out;
      })
      .immediate();
    for (const r of results) if (r.status === 'merged' && r.ticketId === r.id) this.publish(r.id);
    return results;
  }

  /** What a scanned 采集码 says about the student (a cut-off station issues its own number from it). */
  scannedStudent(proof: string) {
    const decoded = decodePayload(proof.trim(), this.d.decoders());
    if (!decoded.ok) throw new ApiError('invalid_request', decoded.reason, 'proof');
    return decoded.student;
  }

  list(eventId: string, states?: readonly TicketState[]): TicketView[] {
    return this.repo.tickets(eventId, states).map(toTicketView);
  }

  callNext(eventId: string, operator: string, caller: Caller): TicketView | null {
    const id = this.d.db
      .transaction(() => {
        const next = pickNext(
          this.repo.tickets(eventId, ['waiting', 'recalled']).map((t) => ({ ...t, issuedAt: t.issued_at })),
        );
        if (!next) return null;
        this.move(next, 'call', operator, caller);
        return next.id;
      })
      .immediate();
    return id ? this.publish(id) : null;
  }

  act(ticketId: string, action: Exclude<QueueAction, 'bind'>, operator: string, caller: Caller): TicketView {
    this.d.db
      .transaction(() => {
        this.move(this.ticketOrThrow(ticketId), action, operator, caller);
      })
      .immediate();
    return this.publish(ticketId);
  }

  private move(t: TicketRow, action: QueueAction, operator: string, caller: Caller): TicketState {
    const r = nextTicketState(t.state, action);
    if (!r.ok) throw new ApiError('conflict', r.message, 'ticketId');
    const at = this.at();
    const calledBy = action === 'call' ? caller.station : action === 'bind' ? t.called_by : null;
    this.repo.setState(t.id, r.to, calledBy, at);
    this.repo.addTransition({ ticketId: t.id, action, from: t.state, to: r.to, station: caller.station, operator, at });
    return r.to;
  }

  /** The ticket the scan (or the confirmed name) names; with ticketId: refused unless it names that ticket. */
  identify(eventId: string, ticketId: string | undefined, by: IdentifiedBy, proof: string): TicketView {
    const t = this.resolve(eventId, ticketId, by, proof);
    return toTicketView(t);
  }

  private resolve(eventId: string, ticketId: string | undefined, by: IdentifiedBy, proof: string): TicketRow {
    let ticket: TicketRow | null;
    const p = by === 'collection_code' ? this.collectionCodeOf(proof) : proof.trim();
    if (ticketId) ticket = this.ticketOrThrow(ticketId);
    else if (by === 'ticket_qr') {
      const qr = parseTicketQr(p);
      if (!qr) throw new ApiError('invalid_request', '扫描的不是拍摄号二维码', 'proof');
      ticket = this.repo.ticket(qr.ticketId);
      if (!ticket) throw new ApiError('not_found', `拍摄号 ${qr.label} 不在本次活动的队列中`, 'proof');
    } else if (by === 'collection_code') {
      ticket =
        this.repo
          .tickets(eventId)
          .filter((t) => t.collection_code === p)
          .sort((a, b) => (a.issued_at < b.issued_at ? 1 : -1))[0] ?? null;
      if (!ticket) throw new ApiError('not_found', '该采集码的学生还没有拍摄号：请先到登记台登记', 'proof');
    } else throw new ApiError('invalid_request', '核对姓名时请先选择拍摄号', 'ticketId');
    if (ticket.event_id !== eventId) throw new ApiError('invalid_request', '该拍摄号不属于本次活动', 'ticketId');
    const ok = identifies(
      {
        ticketId: ticket.id,
        label: ticket.label,
        collectionCode: ticket.collection_code,
        nameMasked: ticket.name_masked,
      },
      by,
      p,
    );
    if (!ok.ok) throw new ApiError('conflict', ok.message, 'proof');
    return ticket;
  }

  /** A scanned 采集码 (bare 16 hex or a full CSQR1 payload) → the code. */
  private collectionCodeOf(proof: string): string {
    const bare = normalizeCollectionCode(proof);
    if (bare) return bare;
    const decoded = decodePayload(proof.trim(), this.d.decoders());
    if (!decoded.ok) throw new ApiError('invalid_request', decoded.reason, 'proof');
    return decoded.student.collectionCode;
  }

  /** Bind a capture to the identified student's order. Idempotent per bindingId (a retry after a cut). */
  bind(input: BindInput, caller: Caller): Promise<BindResult> {
    const bindingId = input.bindingId ?? randomUUID();
    const running = this.inFlight.get(bindingId);
    if (running) return running;
    const p = this.bindOnce({ ...input, bindingId }, caller).finally(() => this.inFlight.delete(bindingId));
    this.inFlight.set(bindingId, p);
    return p;
  }

  private async bindOnce(input: BindInput & { bindingId: string }, caller: Caller): Promise<BindResult> {
    const done = this.repo.binding(input.bindingId);
    if (done) {
      return {
        status: 'bound',
        bindingId: done.id,
        binding: toBindingView(done),
        ticket: done.ticket_id ? toTicketView(this.repo.ticket(done.ticket_id)!) : null,
        warnings: toBindingView(done).warnings,
      };
    }
    const ticket = this.resolve(input.eventId, input.ticketId, input.by, input.proof);
    if (!ticket.order_id) throw new ApiError('conflict', `拍摄号 ${ticket.label} 还没有对应的登记`, 'ticketId');
    const orderId = ticket.order_id;
    const sha256 = createHash('sha256').update(input.bytes).digest('hex');
    const warnings: string[] = [];
    for (const guard of this.d.guards) {
      try {
        warnings.push(
          ...(await guard({
            eventId: input.eventId,
            orderId,
            ticketId: ticket.id,
            bytes: input.bytes,
            sha256,
            station: caller.station,
          })),
        );
      } catch (err) {
        this.d.log('queue.bind: a bind guard failed', err);
        warnings.push('人脸一致性检查未能完成，请人工核对学生');
      }
    }
    if (warnings.length > 0 && !input.confirmWarnings) {
      return { status: 'warning', bindingId: input.bindingId, binding: null, ticket: toTicketView(ticket), warnings };
    }
    // The original is stored first; photo production may refuse it afterwards (初审), which does not undo the capture.
    let captureError: unknown = null;
    try {
      await this.d.photos.capture(orderId, input.bytes, input.profileId, input.operator);
    } catch (err) {
      captureError = err;
    }
    const original = this.repo.originalBySha(orderId, sha256);
    if (!original) throw captureError instanceof Error ? captureError : new ApiError('internal', '照片未能保存');
    const proof =
      input.by === 'ticket_qr'
        ? ticket.label
        : input.by === 'collection_code'
          ? this.collectionCodeOf(input.proof)
          : ticket.name_masked;
    const at = this.at();
    this.d.db
      .transaction(() => {
        const fresh = this.repo.ticket(ticket.id)!;
        this.move(fresh, 'bind', input.operator, caller);
        this.repo.insertBinding({
          id: input.bindingId,
          event_id: input.eventId,
          ticket_id: ticket.id,
          order_id: orderId,
          photo_id: original.id,
          sha256,
          identified_by: input.by,
          proof,
          station: caller.station,
          operator: input.operator,
          offline: input.offline ? 1 : 0,
          warnings_json: JSON.stringify(warnings),
          captured_at: input.capturedAt ?? at,
          bound_at: at,
        });
      })
      .immediate();
    const view = this.publish(ticket.id);
    return {
      status: 'bound',
      bindingId: input.bindingId,
      binding: toBindingView(this.repo.binding(input.bindingId)!),
      ticket: view,
      warnings,
    };
  }

  bindings(eventId: string, orderId?: string) {
    return this.repo.bindings(eventId, orderId).map(toBindingView);
  }

  history(ticketId: string) {
    this.ticketOrThrow(ticketId);
    return this.repo.transitions(ticketId);
  }

  /** Class 收费条 and the cashier's reconciliation against who was shot (src/shared/domain/class-slip.ts). */
  classSlips(eventId: string) {
    const r = eventClassSlips(this.d.db, eventId);
    if (!r) throw new ApiError('not_found', '采集活动不存在', 'eventId');
    return r;
  }

  events() {
    return this.d.events.list();
  }
}

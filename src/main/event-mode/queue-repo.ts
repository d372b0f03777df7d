import type { Db } from '../db/open';
import type { BindingView, TicketView } from '../../shared/contract/event-mode';
import { ticketQrPayload, type IdentifiedBy, type TicketState } from '../../shared/domain/shooting-queue';

// SQL of the 拍摄号 queue (migration 007): tickets, their transitions, photo bindings.

export interface TicketRow {
  id: string;
  event_id: string;
  label: string;
  block: number | null;
  seq: number;
  order_id: string | null;
  collection_code: string | null;
  student_no: string;
  name_masked: string;
  class_label: string;
  state: TicketState;
  called_by: string | null;
  issued_by: string;
  issued_offline: number;
  issued_at: string;
  updated_at: string;
  bindings?: number;
}

export interface BindingRow {
  id: string;
  event_id: string;
  ticket_id: string | null;
  ticket_label?: string | null;
  order_id: string;
  photo_id: string;
  sha256: string;
  identified_by: IdentifiedBy;
  proof: string;
  station: string;
  operator: string;
  offline: number;
  warnings_json: string;
  captured_at: string;
  bound_at: string;
}

const TICKET_SELECT = `SELECT t.*, (SELECT count(*) FROM queue_bindings b WHERE b.ticket_id = t.id) AS bindings
  FROM queue_tickets t`;

export function toTicketView(r: TicketRow): TicketView {
  return {
    id: r.id,
    eventId: r.event_id,
    label: r.label,
    state: r.state,
    orderId: r.order_id,
    nameMasked: r.name_masked,
    studentNo: r.student_no,
    classLabel: r.class_label,
    hasCollectionCode: r.collection_code !== null,
    calledBy: r.called_by,
    issuedBy: r.issued_by,
    issuedOffline: r.issued_offline === 1,
    issuedAt: r.issued_at,
    updatedAt: r.updated_at,
    qrPayload: ticketQrPayload(r.id, r.label),
    bindings: r.bindings ?? 0,
  };
}

export function toBindingView(r: BindingRow): BindingView {
  return {
    id: r.id,
    eventId: r.event_id,
    ticketId: r.ticket_id,
    ticketLabel: r.ticket_label ?? null,
    orderId: r.order_id,
    photoId: r.photo_id,
    sha256: r.sha256,
    identifiedBy: r.identified_by,
    proof: r.proof,
    station: r.station,
    operator: r.operator,
    offline: r.offline === 1,
    warnings: JSON.parse(r.warnings_json) as string[],
    capturedAt: r.captured_at,
    boundAt: r.bound_at,
  };
}

export class QueueRepo {
  constructor(private readonly db: Db) {}

  ticket(id: string): TicketRow | null {
    return (this.db.prepare(`${TICKET_SELECT} WHERE t.id = ?`).get(id) as TicketRow | undefined) ?? null;
  }

  tickets(eventId: string, states?: readonly TicketState[]): TicketRow[] {
    const rows = this.db
      .prepare(`${TICKET_SELECT} WHERE t.event_id = ? ORDER BY t.issued_at, t.label`)
      .all(eventId) as TicketRow[];
    return states && states.length > 0 ? rows.filter((r) => states.includes(r.state)) : rows;
  }

  liveTicketOfOrder(orderId: string): TicketRow | null {
    return (
      (this.db
        .prepare(`${TICKET_SELECT} WHERE t.order_id = ? AND t.state NOT IN ('bound', 'left') ORDER BY t.issued_at DESC`)
        .get(orderId) as TicketRow | undefined) ?? null
    );
  }

  hostSeqs(eventId: string): number[] {
    return (
      this.db.prepare('SELECT seq FROM queue_tickets WHERE event_id = ? AND block IS NULL').all(eventId) as {
        seq: number;
      }[]
    ).map((r) => r.seq);
  }

  /** The student's newest number, whatever its state (a number merged from a station joins it, see mergeOffline). */
  newestTicketOfOrder(orderId: string): TicketRow | null {
    return (
      (this.db.prepare(`${TICKET_SELECT} WHERE t.order_id = ? ORDER BY t.issued_at DESC LIMIT 1`).get(orderId) as
        TicketRow | undefined) ?? null
    );
  }

  /** An offline number merged before the desk registered its student: linked when the desk issues for them. */
  unlinkedTicketOf(eventId: string, collectionCode: string | null, studentNo: string): TicketRow | null {
    return (
      (this.db
        .prepare(
          `${TICKET_SELECT} WHERE t.event_id = ? AND t.order_id IS NULL AND t.state != 'left'
             AND ((? IS NOT NULL AND t.collection_code = ?) OR t.student_no = ?) ORDER BY t.issued_at LIMIT 1`,
        )
        .get(eventId, collectionCode, collectionCode, studentNo) as TicketRow | undefined) ?? null
    );
  }

  setOrder(ticketId: string, orderId: string, at: string): void {
    this.db.prepare('UPDATE queue_tickets SET order_id = ?, updated_at = ? WHERE id = ?').run(orderId, at, ticketId);
  }

  /** The event's orders as an offline ticket is matched to them. */
  orderKeys(eventId: string): { id: string; collectionCode: string | null; studentNo: string }[] {
    return this.db
      .prepare('SELECT id, collection_code AS collectionCode, student_no AS studentNo FROM orders WHERE event_id = ?')
      .all(eventId) as { id: string; collectionCode: string | null; studentNo: string }[];
  }

  insertTicket(r: Omit<TicketRow, 'bindings'>): void {
    this.db
      .prepare(
        `INSERT INTO queue_tickets (id, event_id, label, block, seq, order_id, collection_code, student_no, name_masked,
           class_label, state, called_by, issued_by, issued_offline, issued_at, updated_at)
         VALUES (@id, @event_id, @label, @block, @seq, @order_id, @collection_code, @student_no, @name_masked,
           @class_label, @state, @called_by, @issued_by, @issued_offline, @issued_at, @updated_at)`,
      )
      .run(r);
  }

  setState(id: string, state: TicketState, calledBy: string | null, at: string): void {
    this.db
      .prepare('UPDATE queue_tickets SET state = ?, called_by = ?, updated_at = ? WHERE id = ?')
      .run(state, calledBy, at, id);
  }

  addTransition(t: {
    ticketId: string;
    action: string;
    from: TicketState | null;
    to: TicketState;
    station: string;
    operator: string;
    at: string;
  }): void {
    this.db
      .prepare(
        `INSERT INTO queue_transitions (ticket_id, action, from_state, to_state, station, operator, at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(t.ticketId, t.action, t.from, t.to, t.station, t.operator, t.at);
  }

  transitions(ticketId: string) {
    return this.db
      .prepare(
        'SELECT action, from_state AS "from", to_state AS "to", station, operator, at FROM queue_transitions WHERE ticket_id = ? ORDER BY id',
      )
      .all(ticketId) as {
      action: string;
      from: string | null;
      to: string;
      station: string;
      operator: string;
      at: string;
    }[];
  }

  binding(id: string): BindingRow | null {
    return (
      (this.db
        .prepare(
          'SELECT b.*, t.label AS ticket_label FROM queue_bindings b LEFT JOIN queue_tickets t ON t.id = b.ticket_id WHERE b.id = ?',
        )
        .get(id) as BindingRow | undefined) ?? null
    );
  }

  bindings(eventId: string, orderId?: string): BindingRow[] {
    const sql = `SELECT b.*, t.label AS ticket_label FROM queue_bindings b LEFT JOIN queue_tickets t ON t.id = b.ticket_id
      WHERE b.event_id = ? ${orderId ? 'AND b.order_id = ?' : ''} ORDER BY b.bound_at, b.id`;
    return (orderId ? this.db.prepare(sql).all(eventId, orderId) : this.db.prepare(sql).all(eventId)) as BindingRow[];
  }

  insertBinding(r: Omit<BindingRow, 'ticket_label'>): void {
    this.db
      .prepare(
        `INSERT INTO queue_bindings (id, event_id, ticket_id, order_id, photo_id, sha256, identified_by, proof, station,
           operator, offline, warnings_json, captured_at, bound_at)
         VALUES (@id, @event_id, @ticket_id, @order_id, @photo_id, @sha256, @identified_by, @proof, @station,
           @operator, @offline, @warnings_json, @captured_at, @bound_at)`,
      )
      .run(r);
  }

  /** The newest original of an order with this content (the one a capture just stored). */
  originalBySha(orderId: string, sha256: string): { id: string } | null {
    return (
      (this.db
        .prepare(
          "SELECT id FROM photos WHERE order_id = ? AND sha256 = ? AND kind = 'original' ORDER BY version DESC, rowid DESC LIMIT 1",
        )
        .get(orderId, sha256) as { id: string } | undefined) ?? null
    );
  }
}

import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { ApiError, type ApiErrorBody } from '../../shared/api-error';
import type { BindResult, MergeResultView, OfflineTicketInput, TicketView } from '../../shared/contract/event-mode';
import type { StudioEvent } from '../../shared/domain/event';
import { maskName } from '../../shared/domain/masking';
import {
  hostBaseUrl,
  nextOfflineLabel,
  normalizeFingerprint,
  parsePairingQr,
  parseTicketQr,
  ticketQrPayload,
  type StationRole,
} from '../../shared/domain/shooting-queue';
import { PhotoStore } from '../captures';
import type { Db } from '../db/open';
import { createAgent, PinMismatchError, request, type HttpAnswer } from '../kernel/pinned-https';
import type { StationSettings } from '../station';

// A station that joined a hosting station: its link (host address, station token, number), the calls it forwards,
// and its queue of what the host has not confirmed yet. A photo taken while the LAN is down is stored in
// <data>/event-outbox/photos/ (the photo store's durable put) and its binding to queue_outbox, then sent — oldest
// first, with the capture station's binding id, so a resend after a cut is stored once on the host.
// Cut off, the station keeps working on its local queue: the last queue it saw (kept in station_settings, so a
// restart keeps it) plus the 拍摄号 it issues itself from its block `<station no>-001` for a student whose 采集码 is
// scanned here and who has no number in that queue. On return those tickets are merged first (queue.merge,
// idempotent per ticket id), then the bindings that name them; a ticket whose student the desk has not registered
// yet stays here (pending) with its bindings until the desk issues for that student (the host links the number).

export const LINK_KEYS = {
  hostUrl: 'lan_host_url',
  token: 'lan_station_token',
  stationNo: 'lan_station_no',
  stationId: 'lan_station_id',
  hostName: 'lan_host_name',
  /** An https host: the SHA-256 of its certificate given with the pairing code; any other certificate is refused. */
  fingerprint: 'lan_host_fingerprint',
  /** The host's events as last seen (the joined station's 当前活动 lists them, also while cut off). */
  hostEvents: 'lan_host_events',
} as const;

const BIND_TIMEOUT_MS = 120_000;
const CACHE_KEY = (eventId: string) => `lan_queue_cache:${eventId}`;
const WAITING_FOR_DESK = '等待登记台登记该学生（登记后自动发送）';

/** The host did not answer (network, timeout, host down): the call can be retried, nothing was refused. */
export class HostUnreachable extends Error {}

/** The https host showed a certificate other than the pinned one: nothing was sent to it. */
export class CertificateMismatch extends HostUnreachable {}

interface OutboxRow {
  id: string;
  kind: 'bind' | 'ticket';
  payload_json: string;
  sha256: string | null;
  status: 'pending' | 'sent' | 'refused';
  attempts: number;
  last_error: string | null;
  result_json: string | null;
  created_at: string;
}

export type ForwardedBind = Record<string, unknown> & { bindingId: string; imageBase64: string };

interface TicketPayload {
  ticket: OfflineTicketInput;
  issuedBy: string;
}

/** The student a 采集码 scanned at a cut-off station names (decoded locally). */
export interface ScannedStudent {
  collectionCode: string;
  studentNo?: string;
  name?: string;
  major?: string;
}

export class LanClient {
  online: boolean | null = null;
  lastError: string | null = null;
  private readonly dir: string;
  private readonly store: PhotoStore;
  private flushing: Promise<void> | null = null;
  private agent: { key: string; agent: http.Agent } | null = null;
  /** Last queue seen per event (as stored): what the station shows while the host is away. */
  private readonly cacheText = new Map<string, string>();

  constructor(
    private readonly db: Db,
    private readonly settings: StationSettings,
    dataDir: string,
    private readonly now: () => Date,
    private readonly timeoutMs = 8000,
  ) {
    this.dir = path.join(dataDir, 'event-outbox');
    this.store = new PhotoStore(this.dir);
  }

  link(): { hostUrl: string; token: string; stationNo: number; fingerprint: string | null } | null {
    const hostUrl = this.settings.get(LINK_KEYS.hostUrl);
    const token = this.settings.get(LINK_KEYS.token);
    const no = this.settings.get(LINK_KEYS.stationNo);
    const fingerprint = this.settings.get(LINK_KEYS.fingerprint);
    return hostUrl && token && no ? { hostUrl, token, stationNo: Number(no), fingerprint } : null;
  }

  async join(
    address: string,
    code: string,
    stationName: string,
    roles: StationRole[],
    typedFingerprint?: string,
  ): Promise<void> {
    const qr = parsePairingQr(address);
    // a fingerprint typed beside a typed address (with a QR the QR's own is pinned)
    const typed = !qr && typedFingerprint?.trim() ? typedFingerprint.trim() : null;
    const where = (qr ? qr.address : address).trim();
    // a typed fingerprint means TLS: an address typed without a scheme is the https one
    const base = hostBaseUrl(typed && !/^[a-z]+:\/\//i.test(where) ? `https://${where}` : where);
    if (!base) throw new ApiError('invalid_request', '主机地址格式不正确，例如 192.168.1.20:5710', 'address');
    let fingerprint: string | null = null;
    if (base.startsWith('https:')) {
      // pinned: the fingerprint shown with the pairing code on the host (in its QR), never what the host says now
      fingerprint = qr?.fingerprint ?? (typed ? normalizeFingerprint(typed) : null);
      if (!fingerprint)
        throw new ApiError(
          'invalid_request',
          typed
            ? '证书指纹格式不正确：应为 64 位十六进制（SHA-256），可带空格，照主机「活动组网」上显示的抄写'
            : 'HTTPS 主机须核对证书指纹：请扫描主机的配对二维码，或输入主机显示的证书指纹',
          'fingerprint',
        );
    } else if (typed) {
      throw new ApiError(
        'invalid_request',
        '填写了证书指纹，但地址是 http://（不加密）：主机使用 HTTPS 时请输入 https:// 开头的地址，否则清空证书指纹',
        'fingerprint',
      );
    }
    const body = await this.post(
      `${base}/lan/pair`,
      null,
      { code: qr?.code ?? code, stationName, roles },
      this.timeoutMs,
      fingerprint,
    ).catch((err: unknown) => {
      if (err instanceof CertificateMismatch)
        throw new ApiError(
          'forbidden',
          typed
            ? `证书指纹与主机 ${base} 的证书不一致：未连接。请核对主机「活动组网」上显示的证书指纹（可能输错，或不是这台主机）`
            : `主机 ${base} 的证书与配对时给出的指纹不一致：未连接（请核对主机）`,
          'fingerprint',
        );
      if (err instanceof HostUnreachable)
        throw new ApiError(
          'unavailable',
          `连接不上主机 ${base}：请核对地址，并确认两台电脑在同一网络${
            base.startsWith('http:') ? '（主机显示证书指纹时，请输入 https:// 开头的地址并填写证书指纹）' : ''
          }`,
          'address',
        );
      throw err;
    });
    const r = body as { token: string; stationNo: number; stationId: string; hostName?: string };
    this.db.transaction(() => {
      if (r.hostName) this.settings.set(LINK_KEYS.hostName, r.hostName);
      if (fingerprint) this.settings.set(LINK_KEYS.fingerprint, fingerprint);
      else this.db.prepare('DELETE FROM station_settings WHERE key = ?').run(LINK_KEYS.fingerprint);
      this.settings.set(LINK_KEYS.hostUrl, base);
      this.settings.set(LINK_KEYS.token, r.token);
      this.settings.set(LINK_KEYS.stationNo, String(r.stationNo));
      this.settings.set(LINK_KEYS.stationId, r.stationId);
    })();
    this.online = true;
    this.lastError = null;
  }

  leave(): void {
    if (this.pendingCount() > 0)
      throw new ApiError('conflict', `还有 ${this.pendingCount()} 张照片未送达主机：请先恢复网络并发送`);
    this.db
      .prepare(
        `DELETE FROM station_settings WHERE key IN (${Object.values(LINK_KEYS)
          .map(() => '?')
          .join(', ')})`,
      )
      .run(...Object.values(LINK_KEYS));
    this.online = null;
  }

  /** Call a queue method on the host with this station's token. */
  async call(method: string, request: unknown): Promise<unknown> {
    const l = this.link();
    if (!l) throw new ApiError('unavailable', '本工作站尚未加入主机', 'address');
    try {
      // a binding waits for the host's photo production (初审) of the capture: give it time
      const timeout = method === 'queue.bind' ? Math.max(this.timeoutMs, BIND_TIMEOUT_MS) : this.timeoutMs;
      const out = await this.post(`${l.hostUrl}/lan/api/${method}`, l.token, request, timeout, l.fingerprint);
      this.online = true;
      this.lastError = null;
      if (method === 'queue.events') this.rememberEvents((out as { events: unknown[] }).events);
      if (method === 'queue.list') {
        const req = request as { eventId: string; states?: string[] };
        if (!req.states) this.remember(req.eventId, (out as { tickets: TicketView[] }).tickets);
      }
      return out;
    } catch (err) {
      if (err instanceof HostUnreachable) {
        this.online = false;
        this.lastError = err.message;
      }
      throw err;
    }
  }

  private rememberEvents(events: unknown[]): void {
    const text = JSON.stringify(events);
    if (this.settings.get(LINK_KEYS.hostEvents) !== text) this.settings.set(LINK_KEYS.hostEvents, text);
  }

  /**
   * The host's events, for this station's lists (read-only, marked with the host's name): asked of the host, or
   * the last seen when it does not answer. Empty when this station has joined no host.
   */
  async hostEvents(): Promise<StudioEvent[]> {
    if (!this.link()) return [];
    // remembered by call(); cut off (the worker's ping says when it is back): the last seen, without waiting
    if (this.online !== false) await this.call('queue.events', {}).catch(() => undefined);
    return this.cachedHostEvents();
  }

  /** The host's events as last seen (no call). */
  cachedHostEvents(): StudioEvent[] {
    if (!this.link()) return [];
    const text = this.settings.get(LINK_KEYS.hostEvents);
    if (!text) return [];
    const hostName = this.settings.get(LINK_KEYS.hostName) ?? '主机';
    return (JSON.parse(text) as (Partial<StudioEvent> & Pick<StudioEvent, 'id' | 'schoolName' | 'date'>)[]).map(
      (e) => ({
        schoolCode: '',
        featureCode: '',
        feeFen: 0,
        mode: 'centralized',
        shippingRegion: '',
        shippingAddress: '',
        createdAt: '',
        archivedAt: null,
        ...e,
        // shown in the 当前活动 list after the school and date: whose event it is
        stationName: `主机 ${hostName}${e.stationName ? ` · ${e.stationName}` : ''}`,
        hostedBy: hostName,
      }),
    );
  }

  private remember(eventId: string, tickets: TicketView[]): void {
    const text = JSON.stringify(tickets);
    if (this.cacheText.get(eventId) === text) return;
    this.cacheText.set(eventId, text);
    this.settings.set(CACHE_KEY(eventId), text);
  }

  /** The last queue the host showed this station (survives a restart), or null if it never saw one. */
  cachedQueue(eventId: string): TicketView[] | null {
    const text = this.cacheText.get(eventId) ?? this.settings.get(CACHE_KEY(eventId));
    if (text === null) return null;
    this.cacheText.set(eventId, text);
    return JSON.parse(text) as TicketView[];
  }

  /**
   * The station's own queue: the host's tickets (as given, or the last seen) plus the numbers this station issued
   * that the host does not list yet; a ticket this station bound a photo to while cut off shows as bound.
   */
  localQueue(eventId: string, hostTickets: TicketView[] | null = this.cachedQueue(eventId)): TicketView[] {
    const out = [...(hostTickets ?? [])];
    const known = new Set(out.map((t) => t.id));
    for (const row of this.ticketRows()) {
      const p = JSON.parse(row.payload_json) as TicketPayload;
      if (p.ticket.eventId === eventId && !known.has(p.ticket.id) && this.hostTicketOf(p.ticket.id) === p.ticket.id)
        out.push(this.viewOf(p, row));
    }
    const pendingBinds = new Map<string, number>();
    for (const r of this.db
      .prepare("SELECT payload_json FROM queue_outbox WHERE kind = 'bind' AND status = 'pending'")
      .all() as { payload_json: string }[]) {
      const named = (JSON.parse(r.payload_json) as { ticketId?: string }).ticketId;
      const id = named ? this.hostTicketOf(named) : null;
      if (id) pendingBinds.set(id, (pendingBinds.get(id) ?? 0) + 1);
    }
    return out.map((t) =>
      pendingBinds.has(t.id) ? { ...t, state: 'bound', bindings: t.bindings + pendingBinds.get(t.id)! } : t,
    );
  }

  private viewOf(p: TicketPayload, row: OutboxRow): TicketView {
    const t = p.ticket;
    const merged = row.result_json ? (JSON.parse(row.result_json) as MergeResultView) : null;
    return {
      id: t.id,
      eventId: t.eventId,
      label: t.label,
      state: 'waiting',
      orderId: merged?.orderId ?? t.orderId,
      nameMasked: t.nameMasked,
      studentNo: t.studentNo,
      classLabel: t.classLabel,
      hasCollectionCode: t.collectionCode !== null,
      calledBy: null,
      issuedBy: p.issuedBy,
      issuedOffline: true,
      issuedAt: t.issuedAt,
      updatedAt: t.issuedAt,
      qrPayload: ticketQrPayload(t.id, t.label),
      bindings: 0,
    };
  }

  private ticketRows(): OutboxRow[] {
    return this.db
      .prepare("SELECT * FROM queue_outbox WHERE kind = 'ticket' ORDER BY created_at, id")
      .all() as OutboxRow[];
  }

  /**
   * Cut off: who stands here, from the scan. A ticket QR names its ticket by itself (the host checks it again
   * when the binding arrives); a scanned 采集码 finds the student's number in the local queue, or — when they have
   * none there — this station issues one from its block. A bare 16-hex code names nobody here: refused.
   */
  identifyOffline(
    eventId: string,
    ticketId: string | undefined,
    by: 'ticket_qr' | 'collection_code' | 'name_confirmed',
    proof: string,
    student: ScannedStudent | null,
    operator: string,
    issuedBy: string,
  ): TicketView {
    const queue = this.localQueue(eventId);
    if (by === 'ticket_qr') {
      const qr = parseTicketQr(proof);
      if (!qr) throw new ApiError('invalid_request', '扫描的不是拍摄号二维码', 'proof');
      if (ticketId && ticketId !== qr.ticketId)
        throw new ApiError('conflict', `扫描的是拍摄号 ${qr.label}：请核对学生`, 'proof');
      const known = queue.find((t) => t.id === qr.ticketId);
      if (known) return known;
      // issued after the cut: the number is on the ticket; the host checks who it belongs to on arrival
      return {
        id: qr.ticketId,
        eventId,
        label: qr.label,
        state: 'waiting',
        orderId: null,
        nameMasked: '（离线：主机恢复后核对）',
        studentNo: '',
        classLabel: '',
        hasCollectionCode: false,
        calledBy: null,
        issuedBy: '',
        issuedOffline: false,
        issuedAt: this.now().toISOString(),
        updatedAt: this.now().toISOString(),
        qrPayload: ticketQrPayload(qr.ticketId, qr.label),
        bindings: 0,
      };
    }
    if (by === 'name_confirmed') {
      const t = queue.find((x) => x.id === ticketId);
      if (!t) throw new ApiError('unavailable', '连接不上主机：离线时请扫描拍摄号二维码或学生的采集二维码');
      if (proof.trim() !== t.nameMasked)
        throw new ApiError('conflict', `请核对姓名（${t.nameMasked}）后再确认`, 'proof');
      return t;
    }
    if (!student?.studentNo || !student.name)
      throw new ApiError(
        'unavailable',
        '连接不上主机：离线时无法按采集码查到学生，请扫描学生的采集二维码（含姓名、学号）或拍摄号二维码',
        'proof',
      );
    const mine = queue
      .filter((t) => t.studentNo === student.studentNo)
      .sort((a, b) => (a.issuedAt < b.issuedAt ? 1 : -1));
    const found = mine.find((t) => t.state !== 'left') ?? null;
    if (found) {
      if (ticketId && ticketId !== found.id)
        throw new ApiError('conflict', `扫描的采集码不是拍摄号的学生：请核对学生`, 'proof');
      return found;
    }
    if (ticketId) throw new ApiError('conflict', '扫描的采集码不是拍摄号的学生：请核对学生', 'proof');
    return this.issueOffline(
      eventId,
      {
        orderId: mine[0]?.orderId ?? null,
        collectionCode: student.collectionCode,
        studentNo: student.studentNo,
        nameMasked: maskName(student.name),
        classLabel: student.major ?? '',
      },
      operator,
      issuedBy,
    );
  }

  /** A number from this station's block (`<no>-001`, …), kept here and merged into the host's queue on return. */
  issueOffline(
    eventId: string,
    s: {
      orderId: string | null;
      collectionCode: string | null;
      studentNo: string;
      nameMasked: string;
      classLabel: string;
    },
    operator: string,
    issuedBy: string,
  ): TicketView {
    const l = this.link();
    if (!l) throw new ApiError('unavailable', '本工作站尚未加入主机', 'address');
    const id = this.db
      .transaction(() => {
        const labels = this.ticketRows()
          .map((r) => (JSON.parse(r.payload_json) as TicketPayload).ticket)
          .filter((t) => t.eventId === eventId)
          .map((t) => t.label);
        const { label, seq } = nextOfflineLabel(l.stationNo, labels);
        const at = this.now().toISOString();
        const ticket: OfflineTicketInput = {
          id: randomUUID(),
          eventId,
          label,
          block: l.stationNo,
          seq,
          issuedAt: at,
          operator,
          ...s,
        };
        this.db
          .prepare(
            "INSERT INTO queue_outbox (id, kind, payload_json, sha256, status, created_at) VALUES (?, 'ticket', ?, NULL, 'pending', ?)",
          )
          .run(ticket.id, JSON.stringify({ ticket, issuedBy } satisfies TicketPayload), at);
        return ticket.id;
      })
      .immediate();
    const row = this.row(id)!;
    return this.viewOf(JSON.parse(row.payload_json) as TicketPayload, row);
  }

  /** Send the numbers issued here while cut off (all of them, one call); returns false when the host is away. */
  private async mergeTickets(): Promise<boolean> {
    const rows = this.db
      .prepare("SELECT * FROM queue_outbox WHERE kind = 'ticket' AND status = 'pending' ORDER BY created_at, id")
      .all() as OutboxRow[];
    if (rows.length === 0) return true;
    let results: MergeResultView[];
    try {
      const out = (await this.call('queue.merge', {
        tickets: rows.map((r) => (JSON.parse(r.payload_json) as TicketPayload).ticket),
      })) as { results: MergeResultView[] };
      results = out.results;
    } catch (err) {
      if (err instanceof HostUnreachable) return false;
      const msg = err instanceof Error ? err.message : String(err);
      for (const r of rows) this.db.prepare('UPDATE queue_outbox SET last_error = ? WHERE id = ?').run(msg, r.id);
      return true;
    }
    const at = this.now().toISOString();
    for (const r of results) {
      if (r.status === 'refused')
        this.db
          .prepare("UPDATE queue_outbox SET status = 'refused', last_error = ?, result_json = ? WHERE id = ?")
          .run(r.message, JSON.stringify(r), r.id);
      else if (r.orderId === null)
        this.db
          .prepare('UPDATE queue_outbox SET attempts = attempts + 1, last_error = ?, result_json = ? WHERE id = ?')
          .run(`拍摄号 ${r.label}：${WAITING_FOR_DESK}`, JSON.stringify(r), r.id);
      else
        this.db
          .prepare(
            "UPDATE queue_outbox SET status = 'sent', sent_at = ?, result_json = ?, last_error = NULL WHERE id = ?",
          )
          .run(at, JSON.stringify(r), r.id);
    }
    return true;
  }

  /** The host ticket a number stands for: a number of this block merged into the student's desk number → that one. */
  private hostTicketOf(ticketId: string): string {
    const t = this.row(ticketId);
    if (!t || t.kind !== 'ticket' || !t.result_json) return ticketId;
    return (JSON.parse(t.result_json) as Partial<MergeResultView>).ticketId ?? ticketId;
  }

  /** A binding may go to the host once its ticket is there with an order (a host ticket always is). */
  private ticketReady(ticketId: unknown): boolean {
    if (typeof ticketId !== 'string') return true;
    const t = this.row(ticketId);
    return !t || t.kind !== 'ticket' || t.status !== 'pending';
  }

  /** The connection to the host: one keep-alive agent per address and pin (pinned for an https host). */
  private agentFor(url: string, fingerprint: string | null): http.Agent {
    const base = new URL(url).origin;
    const key = `${base}|${fingerprint ?? ''}`;
    if (this.agent?.key !== key) {
      this.agent?.agent.destroy();
      this.agent = { key, agent: createAgent({ serverUrl: base, fingerprint }) };
    }
    return this.agent.agent;
  }

  /** Closes the idle connections to the host (the station closes). */
  close(): void {
    this.agent?.agent.destroy();
    this.agent = null;
  }

  private async post(
    url: string,
    token: string | null,
    body: unknown,
    timeoutMs = this.timeoutMs,
    fingerprint: string | null = null,
  ): Promise<unknown> {
    // an https host is trusted by its pinned certificate only (no CA: a campus laptop's is self-signed); the pin is
    // checked after the handshake, before anything of the request (headers, token, body) is written
    if (url.startsWith('https:') && !fingerprint)
      throw new CertificateMismatch('HTTPS 主机没有配对时的证书指纹：请重新配对');
    const text = JSON.stringify(body);
    const headers = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(text)),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    };
    let res: HttpAnswer;
    try {
      res = await request(this.agentFor(url, fingerprint), url, { method: 'POST', headers, body: text, timeoutMs });
    } catch (err) {
      if (err instanceof PinMismatchError)
        throw new CertificateMismatch('主机证书与配对时给出的指纹不一致：未发送（可能不是配对的主机）');
      throw new HostUnreachable(`主机无应答：${(err as Error).message}`);
    }
    if (res.status >= 500) throw new HostUnreachable(`主机出错（HTTP ${res.status}）`);
    let json: unknown;
    try {
      json = res.body ? JSON.parse(res.body) : {};
    } catch {
      throw new HostUnreachable(`主机的应答无法读取（HTTP ${res.status}）`);
    }
    if (res.status < 200 || res.status >= 300) {
      const e = (json as { error?: ApiErrorBody }).error;
      if (e && typeof e.message === 'string') throw ApiError.fromBody(e);
      throw new HostUnreachable(`主机拒绝（HTTP ${res.status}）`);
    }
    return json;
  }

  // ---------- bindings waiting for the host ----------

  /** The kept photo: the photo store's layout; a flat `<sha>` file from before it is read too. */
  private readPhoto(sha: string): Buffer {
    const flat = path.join(this.dir, sha);
    return this.store.has(sha) || !existsSync(flat) ? this.store.read(sha) : readFileSync(flat);
  }

  /**
   * Keep the capture (durably) and its binding here first, then try to send it at once. Returns the host's answer,
   * or `pending` when the host is away (sent later by the worker or lan.flush). A host refusal is thrown.
   */
  async bind(request: ForwardedBind, bytes: Buffer): Promise<BindResult> {
    const sha = this.store.put(bytes);
    const { imageBase64: _drop, ...rest } = request;
    void _drop;
    const existing = this.row(request.bindingId);
    if (existing?.status === 'sent' && existing.result_json) return JSON.parse(existing.result_json) as BindResult;
    if (existing) {
      this.db
        .prepare("UPDATE queue_outbox SET payload_json = ?, status = 'pending', last_error = NULL WHERE id = ?")
        .run(JSON.stringify(rest), request.bindingId);
    } else {
      this.db
        .prepare(
          "INSERT INTO queue_outbox (id, kind, payload_json, sha256, status, created_at) VALUES (?, 'bind', ?, ?, 'pending', ?)",
        )
        .run(request.bindingId, JSON.stringify(rest), sha, this.now().toISOString());
    }
    if (!this.ticketReady(request.ticketId)) {
      // a number issued here while cut off: it goes to the host first (if the host is back), then the photo
      await this.mergeTickets();
      if (!this.ticketReady(request.ticketId))
        return { status: 'pending', bindingId: request.bindingId, binding: null, ticket: null, warnings: [] };
    }
    try {
      return await this.sendOne(this.row(request.bindingId)!, false);
    } catch (err) {
      if (err instanceof HostUnreachable)
        return { status: 'pending', bindingId: request.bindingId, binding: null, ticket: null, warnings: [] };
      // refused while the photographer is there: shown to them at once, nothing left to send
      this.db.prepare('DELETE FROM queue_outbox WHERE id = ?').run(request.bindingId);
      throw err;
    }
  }

  private row(id: string): OutboxRow | null {
    return (this.db.prepare('SELECT * FROM queue_outbox WHERE id = ?').get(id) as OutboxRow | undefined) ?? null;
  }

  private async sendOne(row: OutboxRow, later: boolean): Promise<BindResult> {
    const payload = JSON.parse(row.payload_json) as Record<string, unknown>;
    const bytes = this.readPhoto(row.sha256!);
    this.db.prepare('UPDATE queue_outbox SET attempts = attempts + 1 WHERE id = ?').run(row.id);
    try {
      const result = (await this.call('queue.bind', {
        ...payload,
        ...(typeof payload.ticketId === 'string' ? { ticketId: this.hostTicketOf(payload.ticketId) } : {}),
        imageBase64: bytes.toString('base64'),
        ...(later ? { sentLater: true } : {}),
      })) as BindResult;
      if (result.status === 'bound') {
        this.db
          .prepare(
            "UPDATE queue_outbox SET status = 'sent', sent_at = ?, result_json = ?, last_error = NULL WHERE id = ?",
          )
          .run(this.now().toISOString(), JSON.stringify(result), row.id);
      } else if (later) {
        this.db
          .prepare("UPDATE queue_outbox SET status = 'refused', last_error = ? WHERE id = ?")
          .run(`需要确认：${result.warnings.join('；')}`, row.id);
      } else {
        // the photographer sees the warning now: they confirm (same binding id, sent again) or retake
        this.db.prepare('DELETE FROM queue_outbox WHERE id = ?').run(row.id);
      }
      return result;
    } catch (err) {
      if (err instanceof ApiError) {
        this.db
          .prepare("UPDATE queue_outbox SET status = 'refused', last_error = ? WHERE id = ?")
          .run(err.message, row.id);
      } else if (err instanceof HostUnreachable) {
        this.db.prepare('UPDATE queue_outbox SET last_error = ? WHERE id = ?').run(err.message, row.id);
      }
      throw err;
    }
  }

  /**
   * Send everything pending: first the numbers issued here while cut off, then the bindings oldest first (those of a
   * number the host cannot take yet stay). Stops at the first time the host does not answer.
   */
  flush(): Promise<void> {
    this.flushing ??= (async () => {
      try {
        if (!(await this.mergeTickets())) return;
        const rows = this.db
          .prepare("SELECT * FROM queue_outbox WHERE kind = 'bind' AND status = 'pending' ORDER BY created_at, id")
          .all() as OutboxRow[];
        for (const row of rows) {
          const ticketId = (JSON.parse(row.payload_json) as { ticketId?: unknown }).ticketId;
          if (!this.ticketReady(ticketId)) {
            this.db.prepare('UPDATE queue_outbox SET last_error = ? WHERE id = ?').run(WAITING_FOR_DESK, row.id);
            continue;
          }
          try {
            await this.sendOne(row, true);
          } catch (err) {
            if (err instanceof HostUnreachable) return;
            // refused by the host: recorded on the row, shown in lan.status; go on with the next
          }
        }
      } finally {
        this.flushing = null;
      }
    })();
    return this.flushing;
  }

  pendingCount(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM queue_outbox WHERE status = 'pending'").get() as { n: number })
      .n;
  }

  refused(): { id: string; message: string; createdAt: string }[] {
    return (
      this.db
        .prepare("SELECT id, last_error, created_at FROM queue_outbox WHERE status = 'refused' ORDER BY created_at")
        .all() as { id: string; last_error: string | null; created_at: string }[]
    ).map((r) => ({ id: r.id, message: r.last_error ?? '', createdAt: r.created_at }));
  }

  /** Is the host there? (the worker's heartbeat while nothing is pending) */
  async ping(): Promise<void> {
    await this.call('queue.events', {}).catch(() => undefined);
  }
}

import { createHash, randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { ApiError, type ApiErrorBody } from '../../shared/api-error';
import type { BindResult, TicketView } from '../../shared/contract/event-mode';
import { hostBaseUrl, parsePairingQr, type StationRole } from '../../shared/domain/shooting-queue';
import type { Db } from '../db/open';
import type { StationSettings } from '../station';

// A station that joined a hosting station: its link (host address, station token, number), the calls it forwards,
// and its queue of bindings the host has not confirmed yet. A photo taken while the LAN is down is written to
// <data>/event-outbox/<sha256> (fsynced) and its binding to queue_outbox in the same step, then sent — oldest first,
// with the capture station's binding id, so a resend after a cut is stored once on the host.

export const LINK_KEYS = {
  hostUrl: 'lan_host_url',
  token: 'lan_station_token',
  stationNo: 'lan_station_no',
  stationId: 'lan_station_id',
} as const;

const BIND_TIMEOUT_MS = 120_000;

/** The host did not answer (network, timeout, host down): the call can be retried, nothing was refused. */
export class HostUnreachable extends Error {}

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

export class LanClient {
  online: boolean | null = null;
  lastError: string | null = null;
  private readonly dir: string;
  private flushing: Promise<void> | null = null;
  /** Last queue seen per event: what the station shows while the host is away. */
  private readonly cache = new Map<string, TicketView[]>();

  constructor(
    private readonly db: Db,
    private readonly settings: StationSettings,
    dataDir: string,
    private readonly now: () => Date,
    private readonly timeoutMs = 8000,
  ) {
    this.dir = path.join(dataDir, 'event-outbox');
  }

  link(): { hostUrl: string; token: string; stationNo: number } | null {
    const hostUrl = this.settings.get(LINK_KEYS.hostUrl);
    const token = this.settings.get(LINK_KEYS.token);
    const no = this.settings.get(LINK_KEYS.stationNo);
    return hostUrl && token && no ? { hostUrl, token, stationNo: Number(no) } : null;
  }

  async join(address: string, code: string, stationName: string, roles: StationRole[]): Promise<void> {
    const qr = parsePairingQr(address);
    const base = hostBaseUrl(qr ? qr.address : address);
    if (!base) throw new ApiError('invalid_request', '主机地址格式不正确，例如 192.168.1.20:5710', 'address');
    const body = await this.post(`${base}/lan/pair`, null, { code: qr?.code ?? code, stationName, roles }).catch(
      (err: unknown) => {
        if (err instanceof HostUnreachable)
          throw new ApiError('unavailable', `连接不上主机 ${base}：请核对地址，并确认两台电脑在同一网络`, 'address');
        throw err;
      },
    );
    const r = body as { token: string; stationNo: number; stationId: string };
    this.db.transaction(() => {
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
      const out = await this.post(`${l.hostUrl}/lan/api/${method}`, l.token, request, timeout);
      this.online = true;
      this.lastError = null;
      if (method === 'queue.list') {
        const req = request as { eventId: string; states?: string[] };
        if (!req.states) this.cache.set(req.eventId, (out as { tickets: TicketView[] }).tickets);
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

  cachedQueue(eventId: string): TicketView[] | null {
    return this.cache.get(eventId) ?? null;
  }

  private async post(url: string, token: string | null, body: unknown, timeoutMs = this.timeoutMs): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new HostUnreachable(`主机无应答：${(err as Error).message}`);
    }
    const text = await res.text().catch(() => '');
    if (res.status >= 500) throw new HostUnreachable(`主机出错（HTTP ${res.status}）`);
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      throw new HostUnreachable(`主机的应答无法读取（HTTP ${res.status}）`);
    }
    if (!res.ok) {
      const e = (json as { error?: ApiErrorBody }).error;
      if (e && typeof e.message === 'string') throw ApiError.fromBody(e);
      throw new HostUnreachable(`主机拒绝（HTTP ${res.status}）`);
    }
    return json;
  }

  // ---------- bindings waiting for the host ----------

  private writeDurably(bytes: Buffer): string {
    const sha = createHash('sha256').update(bytes).digest('hex');
    mkdirSync(this.dir, { recursive: true });
    const target = path.join(this.dir, sha);
    if (existsSync(target)) return sha;
    const tmp = `${target}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
    const fd = openSync(tmp, 'wx');
    try {
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
    return sha;
  }

  /**
   * Keep the capture (durably) and its binding here first, then try to send it at once. Returns the host's answer,
   * or `pending` when the host is away (sent later by the worker or lan.flush). A host refusal is thrown.
   */
  async bind(request: ForwardedBind, bytes: Buffer): Promise<BindResult> {
    const sha = this.writeDurably(bytes);
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
    const bytes = readFileSync(path.join(this.dir, row.sha256!));
    this.db.prepare('UPDATE queue_outbox SET attempts = attempts + 1 WHERE id = ?').run(row.id);
    try {
      const result = (await this.call('queue.bind', {
        ...payload,
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

  /** Send everything pending, oldest first; stops at the first time the host does not answer. */
  flush(): Promise<void> {
    this.flushing ??= (async () => {
      try {
        for (;;) {
          const row = this.db
            .prepare("SELECT * FROM queue_outbox WHERE status = 'pending' ORDER BY created_at, id LIMIT 1")
            .get() as OutboxRow | undefined;
          if (!row) return;
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

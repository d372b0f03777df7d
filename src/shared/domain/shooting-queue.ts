// 拍摄号 queue of event mode (issue 13): pure rules for station roles, ticket numbers, queue states, how a student
// is identified at a capture station before a photo is bound, and the merge of a station's offline queue.
//
// Numbers: the hosting station allocates `001`, `002`, … per event (never twice: one allocator, one unique index).
// A station that lost the LAN issues from its own block `<station no>-<seq>` (`2-001`), where the station number is
// given by the host at pairing — so two stations' offline numbers and the host's can never be equal, and a merge
// keeps every number as printed (the student holds the ticket) and skips the ones already merged (by ticket id).

export const STATION_ROLES = ['desk', 'capture', 'cashier'] as const;
export type StationRole = (typeof STATION_ROLES)[number];
export const STATION_ROLE_LABELS: Record<StationRole, string> = {
  desk: '登记台',
  capture: '拍摄位',
  cashier: '收费处',
};

/** Stored form of a station's roles (station_settings 'station_roles'): comma list; a laptop may hold several. */
export function parseStationRoles(stored: string | null): StationRole[] {
  if (!stored) return [];
  const seen = new Set<StationRole>();
  for (const part of stored.split(',')) {
    const r = part.trim() as StationRole;
    if ((STATION_ROLES as readonly string[]).includes(r)) seen.add(r);
  }
  return STATION_ROLES.filter((r) => seen.has(r));
}

export function formatStationRoles(roles: readonly StationRole[]): string {
  return STATION_ROLES.filter((r) => roles.includes(r)).join(',');
}

// ---------- numbers ----------

/** Host numbers: `001`…`999`, then `1000`…; offline block of station n: `n-001`. */
export function formatTicketLabel(seq: number, block: number | null): string {
  if (!Number.isInteger(seq) || seq < 1) throw new Error(`bad ticket seq ${seq}`);
  const n = String(seq).padStart(3, '0');
  return block === null ? n : `${block}-${n}`;
}

export function parseTicketLabel(label: string): { seq: number; block: number | null } | null {
  const m = /^(?:([1-9]\d{0,2})-)?(\d{3,6})$/.exec(label.trim());
  if (!m) return null;
  const seq = Number(m[2]);
  if (seq < 1) return null;
  return { seq, block: m[1] === undefined ? null : Number(m[1]) };
}

/** The next number of a block given the numbers it already used (gaps are never refilled). */
export function nextSeq(usedSeqs: readonly number[]): number {
  let max = 0;
  for (const s of usedSeqs) if (s > max) max = s;
  return max + 1;
}

// ---------- ticket QR ----------

export const TICKET_QR_PREFIX = 'CSTICKET1|';

/** What the ticket's QR carries: the ticket id and its number, no personal data. */
export function ticketQrPayload(ticketId: string, label: string): string {
  return `${TICKET_QR_PREFIX}${ticketId}|${label}`;
}

export function parseTicketQr(text: string): { ticketId: string; label: string } | null {
  const t = text.trim();
  if (!t.startsWith(TICKET_QR_PREFIX)) return null;
  const [ticketId, label, ...rest] = t.slice(TICKET_QR_PREFIX.length).split('|');
  if (rest.length > 0 || !ticketId || !label) return null;
  if (!/^[0-9a-f-]{36}$/i.test(ticketId) || !parseTicketLabel(label)) return null;
  return { ticketId: ticketId.toLowerCase(), label };
}

// ---------- states ----------

export const TICKET_STATES = ['waiting', 'called', 'skipped', 'recalled', 'left', 'bound'] as const;
export type TicketState = (typeof TICKET_STATES)[number];
export const TICKET_STATE_LABELS: Record<TicketState, string> = {
  waiting: '等待中',
  called: '已叫号',
  skipped: '已过号',
  recalled: '重新叫号',
  left: '离开队伍',
  bound: '已拍摄',
};

export const QUEUE_ACTIONS = ['call', 'skip', 'recall', 'leave', 'rejoin', 'bind'] as const;
export type QueueAction = (typeof QUEUE_ACTIONS)[number];

const MOVES: Record<QueueAction, Partial<Record<TicketState, TicketState>>> = {
  call: { waiting: 'called', recalled: 'called', called: 'called' },
  skip: { called: 'skipped', waiting: 'skipped', recalled: 'skipped' },
  recall: { skipped: 'recalled', left: 'recalled' },
  leave: { waiting: 'left', called: 'left', skipped: 'left', recalled: 'left' },
  rejoin: { left: 'waiting' },
  // the scan at the capture station proves the student is there, whatever the queue thought
  bind: { waiting: 'bound', called: 'bound', skipped: 'bound', recalled: 'bound', left: 'bound', bound: 'bound' },
};

export function nextTicketState(
  from: TicketState,
  action: QueueAction,
): { ok: true; to: TicketState } | { ok: false; message: string } {
  const to = MOVES[action][from];
  if (to) return { ok: true, to };
  const verb = {
    call: '叫号',
    skip: '过号',
    recall: '重新叫号',
    leave: '离开队伍',
    rejoin: '重新排队',
    bind: '绑定照片',
  }[action];
  return { ok: false, message: `拍摄号当前为“${TICKET_STATE_LABELS[from]}”，不能${verb}` };
}

export interface QueuedTicket {
  id: string;
  state: TicketState;
  /** Issue order: host numbers and merged offline numbers keep the time they were issued. */
  issuedAt: string;
  label: string;
}

/** The ticket「叫下一位」picks: a recalled one first (they were sent back to the front), then the oldest waiting. */
export function pickNext<T extends QueuedTicket>(tickets: readonly T[]): T | null {
  const byIssue = (a: T, b: T) =>
    a.issuedAt === b.issuedAt ? a.label.localeCompare(b.label) : a.issuedAt < b.issuedAt ? -1 : 1;
  const recalled = tickets.filter((t) => t.state === 'recalled').sort(byIssue);
  if (recalled.length > 0) return recalled[0]!;
  const waiting = tickets.filter((t) => t.state === 'waiting').sort(byIssue);
  return waiting[0] ?? null;
}

/**
 * What the 叫号 screen shows: the numbers being called now (newest call first, one per station at most `calls`),
 * and the next ones in the order「叫下一位」will take them (recalled first, then by issue).
 */
export function callBoard<T extends QueuedTicket & { updatedAt: string; calledBy: string | null }>(
  tickets: readonly T[],
  calls = 3,
  upcoming = 6,
): { calling: T[]; next: T[] } {
  const seen = new Set<string>();
  const calling: T[] = [];
  for (const t of [...tickets]
    .filter((x) => x.state === 'called')
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))) {
    const station = t.calledBy ?? '';
    if (seen.has(station)) continue;
    seen.add(station);
    calling.push(t);
    if (calling.length >= calls) break;
  }
  const rest = tickets.filter((x) => x.state === 'waiting' || x.state === 'recalled');
  const next: T[] = [];
  const pool = [...rest];
  while (next.length < upcoming) {
    const n = pickNext(pool);
    if (!n) break;
    next.push(n);
    pool.splice(pool.indexOf(n), 1);
  }
  return { calling, next };
}

// ---------- identification before binding ----------

export const IDENTIFIED_BY = ['ticket_qr', 'collection_code', 'name_confirmed'] as const;
export type IdentifiedBy = (typeof IDENTIFIED_BY)[number];
export const IDENTIFIED_BY_LABELS: Record<IdentifiedBy, string> = {
  ticket_qr: '扫描拍摄号二维码',
  collection_code: '扫描采集码',
  name_confirmed: '摄影师核对姓名',
};

export interface TicketIdentity {
  ticketId: string;
  label: string;
  collectionCode: string | null;
  nameMasked: string;
}

/**
 * Does what was scanned (or confirmed) at the capture station name this ticket's student? `proof` is the ticket QR
 * text, the 采集码 as decoded (lower-case 16 hex), or the masked name the photographer confirmed.
 */
export function identifies(
  ticket: TicketIdentity,
  by: IdentifiedBy,
  proof: string,
): { ok: true } | { ok: false; message: string } {
  const p = proof.trim();
  if (by === 'ticket_qr') {
    const qr = parseTicketQr(p);
    if (!qr) return { ok: false, message: '扫描的不是拍摄号二维码' };
    if (qr.ticketId !== ticket.ticketId.toLowerCase())
      return { ok: false, message: `扫描的是拍摄号 ${qr.label}，不是 ${ticket.label}：请核对学生` };
    return { ok: true };
  }
  if (by === 'collection_code') {
    if (!ticket.collectionCode) return { ok: false, message: '该学生没有采集码：请扫描拍摄号二维码' };
    if (p.toLowerCase() !== ticket.collectionCode.toLowerCase())
      return { ok: false, message: `扫描的采集码不是拍摄号 ${ticket.label} 的学生：请核对学生` };
    return { ok: true };
  }
  if (p !== ticket.nameMasked) return { ok: false, message: `请核对姓名（${ticket.nameMasked}）后再确认` };
  return { ok: true };
}

// ---------- offline queue merge ----------

export interface OfflineTicket {
  id: string;
  label: string;
  block: number;
  seq: number;
  issuedAt: string;
}

export interface MergePlan<T extends OfflineTicket> {
  insert: T[];
  /** Already on the host (an earlier merge that was interrupted after it committed): nothing to do. */
  alreadyMerged: T[];
  /** Refused: the number does not belong to the station's block, or is held by another ticket. */
  refused: { ticket: T; message: string }[];
}

/**
 * What the host does with the tickets a station issued while it was cut off. Idempotent: run twice, the second run
 * inserts nothing. `hostLabels` maps every label the host holds for the event to its ticket id.
 */
export function planOfflineMerge<T extends OfflineTicket>(
  stationBlock: number,
  offline: readonly T[],
  hostLabels: ReadonlyMap<string, string>,
  hostIds: ReadonlySet<string>,
): MergePlan<T> {
  const plan: MergePlan<T> = { insert: [], alreadyMerged: [], refused: [] };
  const taken = new Map(hostLabels);
  for (const t of offline) {
    if (hostIds.has(t.id)) {
      plan.alreadyMerged.push(t);
      continue;
    }
    const parsed = parseTicketLabel(t.label);
    if (!parsed || parsed.block !== stationBlock || t.block !== stationBlock || parsed.seq !== t.seq) {
      plan.refused.push({ ticket: t, message: `拍摄号 ${t.label} 不属于本工作站的号段 ${stationBlock}-` });
      continue;
    }
    const holder = taken.get(t.label);
    if (holder !== undefined && holder !== t.id) {
      plan.refused.push({ ticket: t, message: `拍摄号 ${t.label} 已被占用` });
      continue;
    }
    taken.set(t.label, t.id);
    plan.insert.push(t);
  }
  return plan;
}

/**
 * The next number a cut-off station issues from its own block: `<block>-<seq>`, one past the highest it already
 * issued for the event (its own labels, kept on the station, survive a restart: a number is never issued twice).
 */
export function nextOfflineLabel(block: number, issued: readonly string[]): { label: string; seq: number } {
  const seqs: number[] = [];
  for (const l of issued) {
    const p = parseTicketLabel(l);
    if (p && p.block === block) seqs.push(p.seq);
  }
  const seq = nextSeq(seqs);
  return { label: formatTicketLabel(seq, block), seq };
}

/**
 * Which order of the event a merged offline ticket belongs to: the one the station knew (from the queue it saw),
 * else the one with the scanned 采集码, else the one with the 学号; null while the desk has not registered the
 * student (the ticket is merged without an order and linked when the desk issues a number for that student).
 */
export function matchOfflineOrder(
  t: { orderId: string | null; collectionCode: string | null; studentNo: string },
  orders: readonly { id: string; collectionCode: string | null; studentNo: string }[],
): string | null {
  if (t.orderId && orders.some((o) => o.id === t.orderId)) return t.orderId;
  if (t.collectionCode) {
    const byCode = orders.find((o) => o.collectionCode !== null && o.collectionCode === t.collectionCode);
    if (byCode) return byCode.id;
  }
  const byNo = t.studentNo ? orders.filter((o) => o.studentNo === t.studentNo) : [];
  return byNo.length === 1 ? byNo[0]!.id : null;
}

// ---------- pairing ----------

export const PAIRING_CODE_LENGTH = 6;
export const PAIRING_MAX_FAILURES = 5;

export function normalizePairingCode(raw: string): string | null {
  const v = raw.replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${PAIRING_CODE_LENGTH}}$`).test(v) ? v : null;
}

export interface PairingWindow {
  code: string;
  expiresAt: string;
  failures: number;
}

/** A typed code is accepted while the window is open and not burnt by too many wrong tries. */
export function checkPairing(
  w: PairingWindow | null,
  typed: string,
  nowIso: string,
): { ok: true } | { ok: false; message: string; burn: boolean } {
  if (!w) return { ok: false, message: '主机未开放配对：请在主机的「活动组网」页点击「开放配对」', burn: false };
  if (nowIso >= w.expiresAt) return { ok: false, message: '配对码已过期：请在主机上重新开放配对', burn: false };
  if (w.failures >= PAIRING_MAX_FAILURES)
    return { ok: false, message: '配对码错误次数过多，已失效：请在主机上重新开放配对', burn: false };
  const code = normalizePairingCode(typed);
  if (code === null || code !== w.code) return { ok: false, message: '配对码不正确', burn: true };
  return { ok: true };
}

/** What the joining station scans from the host's screen (its QR): address and code. */
export const PAIRING_QR_PREFIX = 'CSPAIR1|';
export function pairingQrPayload(address: string, code: string, fingerprint?: string | null): string {
  return `${PAIRING_QR_PREFIX}${address}|${code}${fingerprint ? `|${fingerprint}` : ''}`;
}
export function parsePairingQr(text: string): { address: string; code: string; fingerprint?: string } | null {
  const t = text.trim();
  if (!t.startsWith(PAIRING_QR_PREFIX)) return null;
  const [address, code, fp, ...rest] = t.slice(PAIRING_QR_PREFIX.length).split('|');
  const c = normalizePairingCode(code ?? '');
  if (rest.length > 0 || !address || !c) return null;
  if (fp === undefined) return { address, code: c };
  const f = normalizeFingerprint(fp);
  return f ? { address, code: c, fingerprint: f } : null;
}

/** A certificate's SHA-256 as typed or shown (`AB:CD:…`, any case) → 64 lowercase hex, or null. */
export function normalizeFingerprint(text: string): string | null {
  const f = text.trim().replace(/[:\s]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(f) ? f : null;
}

/** A typed host address → base URL (`192.168.1.20`, `192.168.1.20:5710`, `http://studio-1.local:5710`). */
export function hostBaseUrl(typed: string, defaultPort = 5710): string | null {
  let t = typed.trim();
  if (!t) return null;
  const scheme = /^(https?):\/\//i.exec(t);
  const proto = scheme ? scheme[1]!.toLowerCase() : 'http';
  if (scheme) t = t.slice(scheme[0].length);
  t = t.replace(/\/+$/, '');
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(t);
  if (!m) return null;
  const port = m[2] === undefined ? defaultPort : Number(m[2]);
  if (port < 1 || port > 65535) return null;
  return `${proto}://${m[1]!.toLowerCase()}:${port}`;
}

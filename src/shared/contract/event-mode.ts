import { z } from 'zod';
import { Id, ImageBase64, Operator, ProfileId } from './fields';
import { Empty } from './app';
import { IDENTIFIED_BY, STATION_ROLES, TICKET_STATES } from '../domain/shooting-queue';
import { StudioEvent } from '../domain/event';

// Event mode (issue 13): the 拍摄号 queue shared by a registration desk and several capture stations over the
// campus LAN, and the LAN itself (roles, pairing, the hosting station). The queue methods run on the hosting
// station; on a station that joined one they are forwarded to it (src/main/event-mode/lan-client.ts), so the UI
// calls the same methods whichever laptop it runs on.

export const StationRole = z.enum(STATION_ROLES, { error: '岗位应为 登记台、拍摄位 或 收费处' });
export const TicketState = z.enum(TICKET_STATES);
export const IdentifiedBy = z.enum(IDENTIFIED_BY, { error: '请选择核对学生的方式' });

export const TicketView = z.object({
  id: z.string(),
  eventId: z.string(),
  /** 拍摄号 as printed: `007` (host) or `2-007` (issued by station 2 while it was cut off). */
  label: z.string(),
  state: TicketState,
  orderId: z.string().nullable(),
  nameMasked: z.string(),
  studentNo: z.string(),
  /** 专业/院系 (the class the student queues with). */
  classLabel: z.string(),
  hasCollectionCode: z.boolean(),
  calledBy: z.string().nullable(),
  issuedBy: z.string(),
  issuedOffline: z.boolean(),
  issuedAt: z.string(),
  updatedAt: z.string(),
  /** The ticket's QR text (no personal data). */
  qrPayload: z.string(),
  /** Photos bound to this ticket so far. */
  bindings: z.number().int(),
});
export type TicketView = z.infer<typeof TicketView>;

export const BindingView = z.object({
  id: z.string(),
  eventId: z.string(),
  ticketId: z.string().nullable(),
  ticketLabel: z.string().nullable(),
  orderId: z.string(),
  photoId: z.string(),
  sha256: z.string(),
  identifiedBy: IdentifiedBy,
  proof: z.string(),
  station: z.string(),
  operator: z.string(),
  offline: z.boolean(),
  warnings: z.array(z.string()),
  capturedAt: z.string(),
  boundAt: z.string(),
});
export type BindingView = z.infer<typeof BindingView>;

export const QueueTransitionView = z.object({
  action: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  station: z.string(),
  operator: z.string(),
  at: z.string(),
});

const BindResult = z.object({
  /** bound: on the host; pending: kept here, sent when the host answers; warning: not bound, confirm or retake. */
  status: z.enum(['bound', 'pending', 'warning']),
  bindingId: z.string(),
  binding: BindingView.nullable(),
  ticket: TicketView.nullable(),
  warnings: z.array(z.string()),
});
export type BindResult = z.infer<typeof BindResult>;

export const PairedStationView = z.object({
  id: z.string(),
  stationNo: z.number().int(),
  name: z.string(),
  roles: z.array(StationRole),
  pairedAt: z.string(),
  lastSeenAt: z.string().nullable(),
  revoked: z.boolean(),
});

/** 对局域网开放 on the hosting station (src/main/event-mode/lan-serving.ts). */
export const LanServingView = z.object({
  /** The switch can be used here (a web host runs, bound to this computer only). */
  available: z.boolean(),
  /** Other computers can reach this station now. */
  on: z.boolean(),
  /** What another laptop types: https://<IPv4>:<port>, one per network interface. */
  addresses: z.array(z.string()),
  port: z.number().int().nullable(),
  /** SHA-256 (hex) of the certificate served on the LAN (joining stations pin it). */
  fingerprint: z.string().nullable(),
  /** Why the switch cannot be used, or what happened when it was switched (Chinese). */
  note: z.string().nullable(),
});
export type LanServingView = z.infer<typeof LanServingView>;

export const LanStatusView = z.object({
  roles: z.array(StationRole),
  /** standalone: no LAN; host: other stations pair to this one; joined: this station works for a host. */
  mode: z.enum(['standalone', 'host', 'joined']),
  stationName: z.string(),
  /** joined: the host's address and this station's number (its offline block `n-001`). */
  hostUrl: z.string().nullable(),
  stationNo: z.number().int().nullable(),
  online: z.boolean().nullable(),
  lastError: z.string().nullable(),
  pending: z.number().int(),
  refused: z.array(z.object({ id: z.string(), message: z.string(), createdAt: z.string() })),
  /** host: the open pairing window, if any. */
  pairing: z
    .object({
      code: z.string(),
      expiresAt: z.string(),
      qrPayload: z.string(),
      addresses: z.array(z.string()),
      /** The host serves the LAN over HTTPS: its certificate's SHA-256 (hex), which the joining station pins. */
      fingerprint: z.string().nullable().optional(),
    })
    .nullable(),
  stations: z.array(PairedStationView),
  serving: LanServingView,
});
export type LanStatusView = z.infer<typeof LanStatusView>;

/** A 拍摄号 a cut-off station issued from its own block, as it sends it to the host on its return. */
export const OfflineTicketInput = z.strictObject({
  id: z.uuid({ error: '拍摄号编号格式不正确' }),
  eventId: Id,
  label: z.string().max(20),
  block: z.number().int().min(2).max(999),
  seq: z.number().int().min(1),
  issuedAt: z.iso.datetime({ error: '发号时间格式不正确' }),
  /** The host order, when the station knew it from the queue it saw; else found by 采集码 / 学号 on the host. */
  orderId: Id.nullable(),
  collectionCode: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .nullable(),
  studentNo: z.string().max(32),
  nameMasked: z.string().max(50),
  classLabel: z.string().max(100),
  operator: Operator,
});
export type OfflineTicketInput = z.infer<typeof OfflineTicketInput>;

export const MergeResultView = z.object({
  id: z.string(),
  label: z.string(),
  /** merged now; already: an earlier merge had it (a resend); refused: see message. */
  status: z.enum(['merged', 'already', 'refused']),
  /**
   * The host ticket the number stands for: itself, or — when the desk had already given that student a number —
   * the student's desk number (the station's own number was only on its screen; bindings go to the desk number).
   */
  ticketId: z.string(),
  /** The host order the ticket belongs to; null while the desk has not registered the student. */
  orderId: z.string().nullable(),
  message: z.string().nullable(),
});
export type MergeResultView = z.infer<typeof MergeResultView>;

const SlipStudentView = z.object({
  orderId: z.string(),
  className: z.string(),
  nameMasked: z.string(),
  studentNo: z.string(),
  ticketLabel: z.string().nullable(),
  shot: z.boolean(),
  paid: z.boolean(),
  paidFen: z.number().int(),
  feeFen: z.number().int(),
});

/** One class: its 收费条 (who is registered, the amount) and the cashier's check against who was shot. */
export const ClassSlipView = z.object({
  className: z.string(),
  students: z.array(SlipStudentView),
  registered: z.number().int(),
  amountFen: z.number().int(),
  shot: z.number().int(),
  paid: z.number().int(),
  receivedFen: z.number().int(),
  shotUnpaid: z.array(SlipStudentView),
  paidNotShot: z.array(SlipStudentView),
  openFen: z.number().int(),
});
export type ClassSlipView = z.infer<typeof ClassSlipView>;

const StationName = z
  .string({ error: '请填写本工作站名称' })
  .trim()
  .min(1, { error: '请填写本工作站名称' })
  .max(40, { error: '工作站名称不能超过 40 个字符' });

export const eventModeContract = {
  'queue.issue': {
    request: z.strictObject({ eventId: Id, orderId: Id, operator: Operator }),
    response: TicketView,
  },
  'queue.list': {
    request: z.strictObject({ eventId: Id, states: z.array(TicketState).optional() }),
    response: z.object({ tickets: z.array(TicketView) }),
  },
  'queue.callNext': {
    request: z.strictObject({ eventId: Id, operator: Operator }),
    response: z.object({ ticket: TicketView.nullable() }),
  },
  'queue.act': {
    request: z.strictObject({
      ticketId: Id,
      action: z.enum(['call', 'skip', 'recall', 'leave', 'rejoin'], { error: '未知的叫号操作' }),
      operator: Operator,
    }),
    response: TicketView,
  },
  /** Who stands here: the scanned ticket QR / 采集码, or the masked name confirmed, must name this ticket. */
  'queue.identify': {
    request: z.strictObject({
      eventId: Id,
      ticketId: Id.optional(),
      by: IdentifiedBy,
      proof: z
        .string({ error: '请扫描拍摄号二维码或采集码' })
        .trim()
        .min(1, { error: '请扫描拍摄号二维码或采集码' })
        .max(4000),
      /** Recorded on a number this station issues from its block when it is cut off from the host. */
      operator: Operator.optional(),
    }),
    response: TicketView,
  },
  /** Bind a photo to the identified student's order (the host stores it); kept and resent while the host is away. */
  'queue.bind': {
    request: z.strictObject({
      bindingId: z.uuid({ error: '绑定编号格式不正确' }).optional(),
      eventId: Id,
      ticketId: Id,
      by: IdentifiedBy,
      proof: z
        .string({ error: '请扫描拍摄号二维码或采集码' })
        .trim()
        .min(1, { error: '请扫描拍摄号二维码或采集码' })
        .max(4000),
      imageBase64: ImageBase64,
      profileId: ProfileId,
      operator: Operator,
      /** The photographer saw the warnings (face consistency) and binds anyway. */
      confirmWarnings: z.boolean().default(false),
      capturedAt: z.iso.datetime({ error: '拍摄时间格式不正确' }).optional(),
      /** Set by a capture station sending a binding it kept while the host was away (recorded as offline). */
      sentLater: z.boolean().default(false),
    }),
    response: BindResult,
  },
  'queue.bindings': {
    request: z.strictObject({ eventId: Id, orderId: Id.optional() }),
    response: z.object({ bindings: z.array(BindingView) }),
  },
  'queue.history': {
    request: z.strictObject({ ticketId: Id }),
    response: z.object({ transitions: z.array(QueueTransitionView) }),
  },
  /** The hosting station's events (a joined station has none of its own for the queue). */
  'queue.events': {
    request: Empty,
    response: z.object({
      // the host's events whole (a joined station lists them in its 当前活动); a host before this sent the first three
      events: z.array(StudioEvent.partial().required({ id: true, schoolName: true, date: true })),
    }),
  },
  /**
   * A paired station that was cut off sends the 拍摄号 it issued from its block (`2-001`, …) while away; the host
   * merges them (idempotent per ticket id) before the bindings that name them. LAN only (the station's token).
   */
  'queue.merge': {
    request: z.strictObject({ tickets: z.array(OfflineTicketInput).min(1).max(500) }),
    response: z.object({ results: z.array(MergeResultView) }),
  },
  /** Class 收费条 (printed at the 登记台) and the 收费处's reconciliation: class payments against who was shot. */
  'queue.classSlips': {
    request: z.strictObject({ eventId: Id }),
    response: z.object({ feeFen: z.number().int(), classes: z.array(ClassSlipView) }),
  },
  'lan.status': { request: Empty, response: LanStatusView },
  'lan.setRoles': {
    request: z.strictObject({ roles: z.array(StationRole).max(3), stationName: StationName.optional() }),
    response: LanStatusView,
  },
  /** On the hosting station: a 6-digit code (and its QR) valid for a few minutes. */
  'lan.openPairing': {
    request: z.strictObject({ minutes: z.number().int().min(1).max(30).default(10) }),
    response: LanStatusView,
  },
  'lan.closePairing': { request: Empty, response: LanStatusView },
  /** 对局域网开放 on the hosting station: on serves every interface over HTTPS (pinned certificate), off closes it. */
  'lan.setServing': { request: z.strictObject({ on: z.boolean() }), response: LanStatusView },
  'lan.revoke': { request: z.strictObject({ stationId: Id }), response: LanStatusView },
  /** On a joining station: the host's address (typed, or from mDNS / the pairing QR) and the code. */
  'lan.join': {
    request: z.strictObject({
      address: z.string({ error: '请输入主机地址' }).trim().min(1, { error: '请输入主机地址' }).max(300),
      code: z.string({ error: '请输入配对码' }).trim().min(1, { error: '请输入配对码' }).max(20),
      stationName: StationName,
      /** An https host: its certificate's SHA-256 as shown with the pairing code (the QR carries it). */
      fingerprint: z.string().trim().max(100).optional(),
    }),
    response: LanStatusView,
  },
  'lan.leave': { request: Empty, response: LanStatusView },
  /** Send what is waiting for the host now (it is also sent in the background). */
  'lan.flush': { request: Empty, response: LanStatusView },
  /** Hosts announced on the LAN (mDNS); empty where multicast is blocked — type the address then. */
  'lan.discover': {
    request: z.strictObject({ waitMs: z.number().int().min(100).max(10_000).default(1500) }),
    response: z.object({ hosts: z.array(z.object({ name: z.string(), url: z.string() })) }),
  },
} as const;

export const eventModePush = {
  'queue.updated': TicketView,
  'lan.status': LanStatusView,
} as const;

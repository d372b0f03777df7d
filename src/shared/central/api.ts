import { z } from 'zod';
import { ORDER_STATES } from '../domain/order-state';
import { PAYMENT_METHODS, PAYMENT_STATUSES } from '../domain/payment';
import { LIMITS } from '../domain/validators';

// The central collection API (docs/central-api.yaml) as zod schemas: the one definition the reference
// server (src/server) and the station's sync client (src/main/sync) share. Every schema here has its twin
// in the OpenAPI document's components.schemas; tests/integration/server checks the document's examples
// against these schemas and the server's answers against the document.
//
// Personal data: an order snapshot carries only masked identity (name 黄*正, 证件号 first 4 + stars + last 4,
// phone 138****5678). A value that looks like a plaintext 证件号 is refused by the schema itself.

export const CENTRAL_API_VERSION = 'v1';

/** Paths of the API, relative to the server's base URL. */
export const CENTRAL_PATHS = {
  health: '/v1/health',
  order: (uuid: string) => `/v1/orders/${encodeURIComponent(uuid)}`,
  photos: '/v1/photos',
  photo: (sha256: string) => `/v1/photos/${sha256}`,
  reviews: '/v1/reviews',
  adminOrders: '/v1/admin/orders',
  adminStats: '/v1/admin/stats',
} as const;

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;
/** 证件号 as the station keeps it: first 4 + 4..14 stars + last 4 ("4430**********123X"). */
export const MASKED_ID_PATTERN = /^[0-9A-Z]{4}\*{4,14}[0-9A-Z]{4}$/;
/** Largest photo the server accepts (bytes). A final photo is 30–40 KB, an original a few MB. */
export const MAX_PHOTO_BYTES = 40 * 1024 * 1024;

const IsoTime = z.iso.datetime({ offset: true, error: '时间应为 ISO 8601 格式' });
const Sha256 = z.string().regex(SHA256_PATTERN, { error: 'sha256 应为 64 位小写十六进制' });

// ---- errors ---------------------------------------------------------------------------------------------

export const CENTRAL_ERROR_CODES = [
  'invalid_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'stale_revision',
  'checksum_mismatch',
  'payload_too_large',
  'rate_limited',
  'internal',
] as const;
export type CentralErrorCode = (typeof CENTRAL_ERROR_CODES)[number];

/** Every 4xx/5xx JSON answer. `message` is Chinese and safe to show the operator. */
export const CentralError = z.object({
  error: z.object({
    code: z.enum(CENTRAL_ERROR_CODES),
    message: z.string().min(1),
    field: z.string().optional(),
  }),
});
export type CentralError = z.infer<typeof CentralError>;

// ---- orders ---------------------------------------------------------------------------------------------

export const CentralPayment = z.strictObject({
  id: z.string().min(1).max(64),
  method: z.enum(PAYMENT_METHODS),
  amountFen: z.number().int().min(0),
  reference: z.string().max(LIMITS.reference).nullable(),
  status: z.enum(PAYMENT_STATUSES),
  createdAt: IsoTime,
});
export type CentralPayment = z.infer<typeof CentralPayment>;

export const CentralCheck = z.strictObject({
  id: z.string().min(1).max(64),
  status: z.enum(['pass', 'warn', 'fail']),
  value: z.number().nullable(),
  threshold: z.union([z.number(), z.string().max(64)]),
  message: z.string().max(200),
});
export type CentralCheck = z.infer<typeof CentralCheck>;

export const CentralPhotoRef = z.strictObject({
  sha256: Sha256,
  bytes: z.number().int().min(1).max(MAX_PHOTO_BYTES),
  width: z.number().int().min(1).nullable(),
  height: z.number().int().min(1).nullable(),
});
export type CentralPhotoRef = z.infer<typeof CentralPhotoRef>;

export const CentralFinalPhoto = CentralPhotoRef.extend({
  profileId: z.string().max(32).nullable(),
  /** 初审: the station's automatic checks on the final file. */
  precheck: z.enum(['passed', 'failed']),
  checks: z.array(CentralCheck).max(64),
});
export type CentralFinalPhoto = z.infer<typeof CentralFinalPhoto>;

export const CentralStudent = z.strictObject({
  nameMasked: z
    .string()
    .min(1)
    .max(LIMITS.name)
    .refine((v) => v.includes('*'), { error: '姓名须为脱敏形式（如 黄*正）' }),
  studentNo: z.string().min(1).max(LIMITS.studentNo),
  collectionCode: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .nullable(),
  gender: z.enum(['男', '女']),
  /** Never the plaintext 证件号: first 4 + stars + last 4. */
  idMasked: z.string().regex(MASKED_ID_PATTERN, { error: '证件号须为脱敏形式（前 4 位 + * + 后 4 位）' }),
  major: z.string().max(LIMITS.major),
  educationLevel: z.string().max(LIMITS.educationLevel),
  educationType: z.string().max(LIMITS.educationType),
  campusType: z.string().max(LIMITS.campusType),
  /** Where the centre e-mails 审核驳回 / 待制作 (notifications are off unless configured). */
  /** '' = not given at the station (contact details optional there; the student completes them later). */
  email: z.string().max(LIMITS.email),
  phoneMasked: z.string().regex(/^(\d{3}\*{4}\d{4})?$/, { error: '手机号须为脱敏形式（如 138****5678）' }),
});
export type CentralStudent = z.infer<typeof CentralStudent>;

export const CentralEvent = z.strictObject({
  id: z.string().min(1).max(64),
  schoolName: z.string().min(1).max(100),
  schoolCode: z.string().min(1).max(16),
  date: z.iso.date(),
});
export type CentralEvent = z.infer<typeof CentralEvent>;

/** Body of PUT /v1/orders/{uuid}: the whole order as the station has it now. */
export const OrderSnapshot = z.strictObject({
  /** Incremented by the station on every change of the order; the server keeps the highest. */
  revision: z.number().int().min(1).max(2_147_483_647),
  orderNo: z.string().min(1).max(40),
  event: CentralEvent,
  state: z.enum(ORDER_STATES),
  rejectReason: z.string().max(LIMITS.reason).nullable(),
  student: CentralStudent,
  shippingRegion: z.string().max(LIMITS.shippingRegion),
  shippingAddress: z.string().max(LIMITS.shippingAddress),
  feeFen: z.number().int().min(0),
  paid: z.boolean(),
  payments: z.array(CentralPayment).max(50),
  /** The current final photo (uploaded by tus as /v1/photos/{sha256}); null before the first capture. */
  finalPhoto: CentralFinalPhoto.nullable(),
  /** The capture the final photo was produced from, when the station uploads it. */
  originalPhoto: CentralPhotoRef.nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type OrderSnapshot = z.infer<typeof OrderSnapshot>;

/** 200 answer of PUT /v1/orders/{uuid} — the same for a first write and for a replay of it. */
export const OrderAccepted = z.object({
  uuid: z.string().regex(UUID_PATTERN),
  revision: z.number().int().min(1),
  receivedAt: IsoTime,
});
export type OrderAccepted = z.infer<typeof OrderAccepted>;

/** 409 answer: the server already has a newer revision; the station treats the push as done. */
export const OrderConflict = CentralError.extend({ storedRevision: z.number().int().min(1) });
export type OrderConflict = z.infer<typeof OrderConflict>;

// ---- reviews --------------------------------------------------------------------------------------------

/** 驳回原因 of the review console, with stable codes the station stores. */
export const REJECT_REASONS = [
  { code: 'background', label: '背景不符' },
  { code: 'head_ratio', label: '头部比例不符' },
  { code: 'glasses_glare', label: '眼镜反光' },
  { code: 'expression', label: '表情/未闭嘴' },
  { code: 'clothing_background', label: '衣着与背景相近' },
  { code: 'hair_covering', label: '头发遮挡' },
  { code: 'accessories', label: '佩戴饰品' },
  { code: 'blurry', label: '照片模糊' },
  { code: 'other', label: '其他' },
] as const;
export type RejectReasonCode = (typeof REJECT_REASONS)[number]['code'];
export const REJECT_REASON_CODES = REJECT_REASONS.map((r) => r.code) as [RejectReasonCode, ...RejectReasonCode[]];

export function rejectReasonLabel(code: RejectReasonCode): string {
  return REJECT_REASONS.find((r) => r.code === code)!.label;
}

/** approved = 审核通过 (→ 待制作), rejected = 审核驳回, done = 采集完成 (the centre finished the order). */
export const REVIEW_DECISIONS = ['approved', 'rejected', 'done'] as const;
export type ReviewDecisionKind = (typeof REVIEW_DECISIONS)[number];

export const ReviewDecision = z.object({
  /** Position in this station's stream; pass the page's nextCursor to continue after it. */
  cursor: z.string().min(1),
  orderUuid: z.string().regex(UUID_PATTERN),
  orderNo: z.string(),
  /** The order revision the reviewer saw. */
  revision: z.number().int().min(1),
  decision: z.enum(REVIEW_DECISIONS),
  reasonCode: z.enum(REJECT_REASON_CODES).nullable(),
  /** 驳回原因 as the station shows it: the reason's label, then the reviewer's text (empty unless rejected). */
  reason: z.string(),
  reviewer: z.string().min(1),
  decidedAt: IsoTime,
});
export type ReviewDecision = z.infer<typeof ReviewDecision>;

export const REVIEWS_MAX_LIMIT = 500;

export const ReviewsQuery = z.strictObject({
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, { error: 'cursor 应为上一页返回的 nextCursor' })
    .default('0'),
  limit: z.coerce.number().int().min(1).max(REVIEWS_MAX_LIMIT).default(100),
});
export type ReviewsQuery = z.infer<typeof ReviewsQuery>;

export const ReviewsPage = z.object({
  reviews: z.array(ReviewDecision),
  /** Cursor to ask with next time (the same cursor when nothing new arrived). */
  nextCursor: z.string().min(1),
  hasMore: z.boolean(),
});
export type ReviewsPage = z.infer<typeof ReviewsPage>;

// ---- photos (tus 1.0) -----------------------------------------------------------------------------------

/** tus `Upload-Metadata` for POST /v1/photos: `sha256 <base64 of the hex digest>` (other keys allowed). */
export function encodePhotoMetadata(sha256: string, extra: Record<string, string> = {}): string {
  const pairs: [string, string][] = [['sha256', sha256], ...Object.entries(extra)];
  return pairs.map(([k, v]) => `${k} ${base64Encode(utf8Bytes(v))}`).join(',');
}

/** The hex sha256 from an Upload-Metadata header, or null when absent/malformed. */
export function photoShaFromMetadata(header: string | undefined | null): string | null {
  if (!header) return null;
  for (const pair of header.split(',')) {
    const [key, value] = pair.trim().split(' ');
    if (key !== 'sha256' || !value) continue;
    const bytes = base64Decode(value);
    if (!bytes) return null;
    const decoded = String.fromCharCode(...bytes);
    return SHA256_PATTERN.test(decoded) ? decoded : null;
  }
  return null;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function utf8Bytes(value: string): number[] {
  const out: number[] = [];
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/** Standard base64 with padding (tus metadata values). */
export function base64Encode(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? B64[n & 63]! : '=';
  }
  return out;
}

/** Decodes standard base64 (padding optional); null on any character outside the alphabet. */
export function base64Decode(text: string): number[] | null {
  const clean = text.replace(/=+$/, '');
  if (clean.length % 4 === 1) return null;
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of clean) {
    const v = B64.indexOf(ch);
    if (v < 0) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return out;
}

// ---- health, admin --------------------------------------------------------------------------------------

export const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.enum(['sqlite', 'postgres']),
  time: IsoTime,
});
export type Health = z.infer<typeof Health>;

export const StationStats = z.object({
  station: z.string(),
  orders: z.number().int().min(0),
  photos: z.number().int().min(0),
  photoBytes: z.number().int().min(0),
  reviews: z.number().int().min(0),
});
export type StationStats = z.infer<typeof StationStats>;

/** `studio server stats --json` and GET /v1/admin/stats. Photos count completed uploads only. */
export const ServerStats = z.object({
  orders: z.number().int().min(0),
  photos: z.number().int().min(0),
  photoBytes: z.number().int().min(0),
  reviews: z.number().int().min(0),
  stations: z.array(StationStats),
});
export type ServerStats = z.infer<typeof ServerStats>;

export const AdminOrder = z.object({
  uuid: z.string().regex(UUID_PATTERN),
  station: z.string(),
  orderNo: z.string(),
  revision: z.number().int().min(1),
  state: z.enum(ORDER_STATES),
  finalPhotoSha256: Sha256.nullable(),
  /** Whether the final photo's bytes are stored complete and verified on the server. */
  finalPhotoStored: z.boolean(),
  receivedAt: IsoTime,
});
export type AdminOrder = z.infer<typeof AdminOrder>;

export const AdminOrdersPage = z.object({
  orders: z.array(AdminOrder),
  total: z.number().int().min(0),
});
export type AdminOrdersPage = z.infer<typeof AdminOrdersPage>;

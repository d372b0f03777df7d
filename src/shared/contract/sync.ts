import { z } from 'zod';
import { Empty } from './app';

// Sync with the central collection service (issue 10): configuration and status of the station's sync worker.
// The token is write-only: the API returns only its last 4 characters (tokenHint).

export const SYNC_TOPICS = ['order.upsert', 'order.transition', 'payment.upsert', 'photo.final'] as const;
export type SyncTopic = (typeof SYNC_TOPICS)[number];

export const SYNC_TOPIC_LABELS: Record<SyncTopic, string> = {
  'order.upsert': '订单',
  'order.transition': '订单状态',
  'payment.upsert': '付款',
  'photo.final': '照片',
};

/** How orders are reviewed here: by the centre when a server is configured, else 本机审核. */
export const REVIEW_MODE_LABELS = { central: '中心审核', local: '本机审核' } as const;

/** SHA-256 certificate fingerprint: 64 hex digits, colons and case as the operator pasted them. */
export function normalizeFingerprint(text: string): string | null {
  const hex = text.replace(/[\s:]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : null;
}

export const ServerUrl = z
  .string({ error: '请填写中心服务器地址' })
  .trim()
  .max(500, { error: '服务器地址过长' })
  .refine(
    // no WHATWG URL in the shared layer (no DOM/Node lib): scheme, a host without user:password@, optional port and path
    (v) =>
      /^https?:\/\/[^\s/?#@:]+(:\d{1,5})?([/?#]\S*)?$/i.test(v) ||
      /^https?:\/\/\[[0-9a-f:.]+\](:\d{1,5})?([/?#]\S*)?$/i.test(v),
    { error: '服务器地址应为 http:// 或 https:// 开头的网址' },
  )
  .transform((v) => v.replace(/\/+$/, '').replace(/^https?:/i, (scheme) => scheme.toLowerCase()));

export const SyncConfigureRequest = z.strictObject({
  /** null removes the server: the station goes back to 本机审核 (queued items stay queued). */
  serverUrl: ServerUrl.nullable(),
  /** Station token printed by `studio server token create`; may be left out to keep the stored one. */
  token: z
    .string()
    .trim()
    .min(8, { error: '令牌至少 8 个字符' })
    .max(512, { error: '令牌过长' })
    .regex(/^[\x21-\x7e]+$/, { error: '令牌只能包含可见的 ASCII 字符' })
    .optional(),
  /** Pinned SHA-256 fingerprint of the server's HTTPS certificate; null = trust the system's CAs. */
  fingerprint: z
    .string()
    .trim()
    .refine((v) => normalizeFingerprint(v) !== null, { error: '证书指纹应为 64 位十六进制 SHA-256（可含冒号）' })
    .transform((v) => normalizeFingerprint(v)!)
    .nullable()
    .optional(),
});

export const SyncParkedItem = z.object({
  id: z.number().int(),
  topic: z.string(),
  topicLabel: z.string(),
  orderNo: z.string().nullable(),
  /** The server's (or the station's) Chinese message. */
  error: z.string(),
  attempts: z.number().int(),
  createdAt: z.string(),
});
export type SyncParkedItem = z.infer<typeof SyncParkedItem>;

export const SyncUploadProgress = z.object({
  sha256: z.string(),
  orderNo: z.string().nullable(),
  bytesSent: z.number().int(),
  bytesTotal: z.number().int(),
});

export const SyncStatus = z.object({
  configured: z.boolean(),
  serverUrl: z.string().nullable(),
  /** Last 4 characters of the stored token ("…a1b2"), never the token. */
  tokenHint: z.string().nullable(),
  fingerprint: z.string().nullable(),
  /** true = no server: the station approves/rejects itself (本机审核). */
  localReview: z.boolean(),
  reviewModeLabel: z.string(),
  /** idle | sending | waiting (backing off after an error) | auth_failed (token refused) | off (no server) */
  state: z.enum(['off', 'idle', 'sending', 'waiting', 'auth_failed']),
  pending: z.number().int(),
  pendingByTopic: z.record(z.string(), z.number().int()),
  parked: z.array(SyncParkedItem),
  parkedCount: z.number().int(),
  sentCount: z.number().int(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.object({ message: z.string(), at: z.string() }).nullable(),
  nextAttemptAt: z.string().nullable(),
  photosSent: z.number().int(),
  bytesSent: z.number().int(),
  upload: SyncUploadProgress.nullable(),
  reviewsApplied: z.number().int(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** 测试连接: the address as typed (its format is one of the answers), the token/fingerprint as in sync.configure. */
export const SyncTestConnectionRequest = z.strictObject({
  serverUrl: z.string().max(500, { error: '服务器地址过长' }),
  token: z.string().trim().max(512, { error: '令牌过长' }).optional(),
  fingerprint: z.string().trim().max(200).nullable().optional(),
});
export const SyncTestConnectionResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), version: z.string() }),
  z.object({
    ok: z.literal(false),
    problem: z.enum(['format', 'unreachable', 'certificate', 'credentials', 'server']),
    message: z.string(),
  }),
]);
export type SyncTestConnectionResult = z.infer<typeof SyncTestConnectionResult>;

export const syncContract = {
  /** Reaches the server (health + one authenticated read) without storing anything: what failed, in Chinese. */
  'sync.testConnection': { request: SyncTestConnectionRequest, response: SyncTestConnectionResult },
  'sync.configure': { request: SyncConfigureRequest, response: SyncStatus },
  'sync.status': { request: Empty, response: SyncStatus },
  /** Puts parked items back in the queue (after the cause was fixed) and wakes the worker. */
  'sync.retryParked': { request: Empty, response: z.object({ requeued: z.number().int(), status: SyncStatus }) },
} as const;

export const syncPush = {
  'sync.status': SyncStatus,
} as const;

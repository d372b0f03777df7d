import { createHash } from 'node:crypto';
import { ApiError } from '../../shared/api-error';

// The sync configuration lives in station_settings (one row per key). The token is stored as given (the station
// must present it) and is never returned by the API: only its last 4 characters.

export const SYNC_SETTING_KEYS = {
  serverUrl: 'sync_server_url',
  token: 'sync_token',
  fingerprint: 'sync_fingerprint',
  reviewCursor: 'sync_review_cursor',
  lastSuccessAt: 'sync_last_success_at',
  /**
   * The server the sync bookkeeping describes: outbox rows marked sent, sync_orders' acknowledgements,
   * sync_uploads' upload URLs and completions, the review cursor. Kept when the server is removed (null), so
   * configuring the same server again keeps them; another server starts from nothing.
   */
  boundServer: 'sync_bound_server',
} as const;

export interface SettingsStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

export interface SyncConfig {
  serverUrl: string;
  token: string;
  fingerprint: string | null;
}

export function readSyncConfig(settings: SettingsStore): SyncConfig | null {
  const serverUrl = settings.get(SYNC_SETTING_KEYS.serverUrl);
  const token = settings.get(SYNC_SETTING_KEYS.token);
  if (!serverUrl || !token) return null;
  return { serverUrl, token, fingerprint: settings.get(SYNC_SETTING_KEYS.fingerprint) || null };
}

export function tokenHint(token: string | null | undefined): string | null {
  return token ? `…${token.slice(-4)}` : null;
}

/** The configuration after a `sync.configure` request, from the stored one (pure). */
export function nextSyncConfig(
  stored: SyncConfig | null,
  req: { serverUrl: string | null; token?: string; fingerprint?: string | null },
): SyncConfig | null {
  if (req.serverUrl === null) return null;
  const sameServer = stored?.serverUrl === req.serverUrl;
  const token = req.token ?? (sameServer ? stored?.token : undefined);
  if (!token) throw new ApiError('invalid_request', '请填写工作站令牌（由中心服务器管理员创建）', 'token');
  const fingerprint =
    req.fingerprint !== undefined ? req.fingerprint : sameServer ? (stored?.fingerprint ?? null) : null;
  if (fingerprint && !req.serverUrl.startsWith('https:'))
    throw new ApiError('invalid_request', '只有 https:// 服务器才能固定证书指纹', 'fingerprint');
  return { serverUrl: req.serverUrl, token, fingerprint };
}

/**
 * Whether `sync.configure` moves the station to another server than the one its bookkeeping describes (pure).
 * `bound` is the stored boundServer; stations from before it was kept fall back to the stored URL. When neither is
 * known, the answer is yes: re-sending to the same server is idempotent (same revision → same answer or 409, a
 * complete photo → HEAD, no byte), not re-sending to a new server loses its copy of every order.
 */
export function movesToNewServer(bound: string | null, stored: SyncConfig | null, next: SyncConfig | null): boolean {
  if (!next) return false;
  const known = bound || stored?.serverUrl || null;
  return known !== next.serverUrl;
}

/**
 * Review decisions are stored locally under `<scope>:<cursor>`: cursors are the server's own row ids, so two
 * servers hand out the same cursors and a decision of one must not be taken as already applied from the other.
 */
export function reviewScope(serverUrl: string): string {
  return createHash('sha256').update(serverUrl).digest('hex').slice(0, 16);
}

export function writeSyncConfig(settings: SettingsStore, config: SyncConfig | null): void {
  settings.set(SYNC_SETTING_KEYS.serverUrl, config?.serverUrl ?? '');
  settings.set(SYNC_SETTING_KEYS.token, config?.token ?? '');
  settings.set(SYNC_SETTING_KEYS.fingerprint, config?.fingerprint ?? '');
}

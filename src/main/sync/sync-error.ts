import { CentralError } from '../../shared/central';

// How the worker treats a failed request. Network trouble and 5xx are retried (with backoff); a 4xx that a retry
// cannot fix parks the item (kept, shown, retried on request); 401 parks it and pauses the worker until the token
// is fixed; 409 on an order is not an error at all (the server already holds a newer revision).

export type SyncErrorKind = 'retry' | 'park' | 'auth';

export class SyncError extends Error {
  constructor(
    readonly kind: SyncErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

export const AUTH_MESSAGE =
  '中心服务器拒绝了本工作站的令牌（令牌错误或已被吊销）。请向管理员索取新令牌，在“同步设置”中重新填写后重试。';

/** The server's Chinese message from a JSON error body, if it sent one. */
export function serverMessage(body: string): string | null {
  try {
    const parsed = CentralError.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data.error.message : null;
  } catch {
    return null;
  }
}

/** Sort an HTTP answer that was not a success. */
export function classifyStatus(status: number, body: string, what: string): SyncError {
  const msg = serverMessage(body);
  const code = (() => {
    try {
      const parsed = CentralError.safeParse(JSON.parse(body));
      return parsed.success ? parsed.data.error.code : null;
    } catch {
      return null;
    }
  })();
  if (status === 401) return new SyncError('auth', AUTH_MESSAGE, status, code ?? 'unauthorized');
  // 408 request timeout, 423 locked (tus: upload in use), 425, 429 rate limited: a retry later can succeed
  if (status >= 500 || status === 408 || status === 423 || status === 425 || status === 429)
    return new SyncError('retry', `${what}：服务器暂时不可用（HTTP ${status}）${msg ? `：${msg}` : ''}`, status, code);
  if (status === 403)
    return new SyncError(
      'park',
      `${what}：服务器拒绝（HTTP 403）${msg ? `：${msg}` : '：本工作站无权提交该数据'}`,
      status,
      code,
    );
  return new SyncError('park', `${what}：服务器拒绝了该数据（HTTP ${status}）${msg ? `：${msg}` : ''}`, status, code);
}

const TLS_TRUST_CODES =
  /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|ERR_TLS_CERT_ALTNAME_INVALID)$/;

/** A failure below HTTP (refused, reset, timed out, TLS): retried — except a pinned certificate that does not match. */
export function classifyNetworkError(err: unknown, what: string): SyncError {
  if (err instanceof SyncError) return err;
  const e = err as { code?: string; message?: string };
  // a pinned certificate that does not match: no retry can fix it, the worker pauses like for a refused token
  if (e?.code === 'CERT_PIN_MISMATCH')
    return new SyncError('auth', e.message ?? '服务器证书指纹不符', null, 'cert_pin');
  // a certificate the system does not trust (a collection office's self-signed one) and no pin: no retry fixes it
  if (typeof e?.code === 'string' && TLS_TRUST_CODES.test(e.code))
    return new SyncError(
      'auth',
      `服务器证书无法验证（${e.code}）：如为本单位自签名证书，请在同步设置中填写服务器证书的 SHA-256 指纹`,
      null,
      'cert_pin',
    );
  const detail =
    e?.code === 'ECONNREFUSED'
      ? '无法连接服务器'
      : e?.code === 'ETIMEDOUT' || e?.code === 'SYNC_TIMEOUT'
        ? '连接超时'
        : e?.code === 'ECONNRESET' || e?.message === 'socket hang up'
          ? '连接中断'
          : e?.code === 'ENOTFOUND' || e?.code === 'EAI_AGAIN'
            ? '找不到服务器'
            : '网络错误';
  return new SyncError('retry', `${what}：${detail}${e?.code ? `（${e.code}）` : ''}`);
}

import { CENTRAL_PATHS } from '../../shared/central';
import { ServerUrl, normalizeFingerprint } from '../../shared/contract/sync';
import { CentralClient } from './central-client';
import { classifyNetworkError, SyncError } from './sync-error';
import { request } from './transport';

// 测试连接 for 设置 › 同步: reach the central server the station syncs with, the way the sync worker does (same
// agent, same pinned certificate, same token), and say in Chinese what failed. Read-only: GET /v1/health, then one
// authenticated GET of the reviews (limit 1) to learn whether the token is accepted. Nothing is stored or sent.

export type ConnectionProblem = 'format' | 'unreachable' | 'certificate' | 'credentials' | 'server';

export type ConnectionTestResult =
  { ok: true; version: string } | { ok: false; problem: ConnectionProblem; message: string };

export interface ConnectionTestInput {
  serverUrl: string;
  token: string;
  fingerprint: string | null;
  timeoutMs?: number;
}

const WHAT = '连接中心服务器';

export async function testCentralConnection(input: ConnectionTestInput): Promise<ConnectionTestResult> {
  const url = ServerUrl.safeParse(input.serverUrl);
  if (!url.success)
    return { ok: false, problem: 'format', message: `地址格式不对：${url.error.issues[0]?.message ?? ''}` };
  const fingerprint = input.fingerprint === null ? null : normalizeFingerprint(input.fingerprint);
  if (input.fingerprint !== null && !fingerprint)
    return { ok: false, problem: 'certificate', message: '证书指纹格式不对：应为 64 位十六进制 SHA-256（可含冒号）' };
  const serverUrl = url.data.replace(/\/+$/, '');
  const client = new CentralClient({ serverUrl, token: input.token, fingerprint, timeoutMs: input.timeoutMs ?? 8000 });
  try {
    let health;
    try {
      health = await request(client.agent, `${serverUrl}${CENTRAL_PATHS.health}`, {
        method: 'GET',
        headers: { Accept: 'application/json' },
        timeoutMs: input.timeoutMs ?? 8000,
      });
    } catch (err) {
      return fromError(classifyNetworkError(err, WHAT));
    }
    if (health.status !== 200) {
      // 5xx: the server (or the proxy before it) is there but not serving now, like one that is off: it may be
      // saved as an offline address; any other answer means the address is not a central server
      if (health.status >= 500)
        return {
          ok: false,
          problem: 'unreachable',
          message: `无法连接：中心服务器暂时不可用（HTTP ${health.status}），请稍后再试或联系服务器管理员`,
        };
      return health.status === 404
        ? { ok: false, problem: 'server', message: '该地址不是中心服务器（没有 /v1/health）：请核对地址和端口' }
        : {
            ok: false,
            problem: 'server',
            message: `该地址应答的不是中心服务器（HTTP ${health.status}）：请核对地址和端口`,
          };
    }
    let version = '';
    try {
      const body = JSON.parse(health.body) as { status?: unknown; version?: unknown };
      if (body.status !== 'ok') throw new Error('not ok');
      version = typeof body.version === 'string' ? body.version : '';
    } catch {
      return { ok: false, problem: 'server', message: '该地址应答的不是中心服务器：请核对地址和端口' };
    }
    try {
      await client.reviews('0', 1);
    } catch (err) {
      return fromError(err instanceof SyncError ? err : classifyNetworkError(err, WHAT));
    }
    return { ok: true, version };
  } finally {
    client.agent.destroy();
  }
}

function fromError(err: SyncError): ConnectionTestResult {
  if (err.code === 'cert_pin') return { ok: false, problem: 'certificate', message: `证书不受信任：${err.message}` };
  if (err.kind === 'auth' || err.status === 401 || err.status === 403)
    return { ok: false, problem: 'credentials', message: `账号或密钥错误：${err.message}` };
  const detail = err.message.startsWith(`${WHAT}：`) ? err.message.slice(WHAT.length + 1) : err.message;
  // 5xx, 429…: the server is there but not serving now (an answer it gave with 200 but malformed is not that)
  if (err.kind === 'retry' && err.status !== null && err.status >= 300)
    return { ok: false, problem: 'unreachable', message: `无法连接：${detail}` };
  if (err.status !== null) return { ok: false, problem: 'server', message: err.message };
  const message = detail.startsWith('无法连接')
    ? `${detail}：请核对地址和端口，并确认中心服务器已开启`
    : `无法连接：${detail}`;
  return { ok: false, problem: 'unreachable', message };
}

import { z } from 'zod';
import { ApiError } from '../../shared/api-error';
import { StationRole } from '../../shared/contract/event-mode';
import type { Dispatch } from '../kernel/handlers';
import type { EventMode } from './event-mode';
import { LAN_METHODS } from './event-mode-handlers';

// The hosting station's LAN endpoints, served by the web host under /lan/ (src/main/host/host.ts):
//   POST /lan/pair          {code, stationName, roles} → {token, stationNo, stationId, hostName}   (no token: the code)
//   POST /lan/api/<method>  the queue methods only, with `Authorization: Bearer <station token>`
// The station token is required on every bind address, loopback included; the host's own token does not open these.

export const LAN_ROUTE_PREFIX = '/lan/';

const PairRequest = z.strictObject({
  code: z.string().max(20),
  stationName: z.string().trim().min(1, { error: '请填写本工作站名称' }).max(40),
  roles: z.array(StationRole).max(3).default([]),
});

export async function serveLan(
  em: EventMode,
  dispatch: Dispatch,
  pathname: string,
  token: string | null,
  body: unknown,
): Promise<unknown> {
  if (pathname === '/lan/pair') {
    const parsed = PairRequest.safeParse(body);
    if (!parsed.success) throw new ApiError('invalid_request', parsed.error.issues[0]?.message ?? '配对请求无效');
    if (em.client.link()) throw new ApiError('conflict', '该工作站不是主机（它已加入其他主机）');
    const { station, token: stationToken } = em.host.pair(parsed.data.code, parsed.data.stationName, parsed.data.roles);
    em.publishStatus();
    return { token: stationToken, stationNo: station.stationNo, stationId: station.id, hostName: em.stationName() };
  }
  if (pathname.startsWith('/lan/api/')) {
    const station = em.host.verify(token);
    if (!station) throw new ApiError('unauthorized', '需要工作站令牌：请先在主机上配对本工作站');
    const method = pathname.slice('/lan/api/'.length);
    if (!LAN_METHODS.has(method)) throw new ApiError('forbidden', `配对的工作站不能调用 ${method.slice(0, 60)}`);
    return dispatch(method, body, {
      transport: 'http',
      station: { id: station.id, no: station.stationNo, name: station.name },
    });
  }
  throw new ApiError('not_found', '未知的组网接口');
}

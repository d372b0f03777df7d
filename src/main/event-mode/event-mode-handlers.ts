import { randomUUID } from 'node:crypto';
import { ApiError } from '../../shared/api-error';
import type { BindResult, TicketView } from '../../shared/contract/event-mode';
import type { CallContext, HandlerGroup } from '../kernel/handlers';
import { decodeBase64, resolveProfile } from '../kernel/request-fields';
import type { EventMode } from './event-mode';
import { HostUnreachable, type ScannedStudent } from './lan-client';

type QueueMethod =
  | 'queue.issue'
  | 'queue.list'
  | 'queue.callNext'
  | 'queue.act'
  | 'queue.identify'
  | 'queue.bind'
  | 'queue.bindings'
  | 'queue.history'
  | 'queue.events'
  | 'queue.merge'
  | 'queue.classSlips';
type LanMethod =
  | 'lan.status'
  | 'lan.setRoles'
  | 'lan.openPairing'
  | 'lan.closePairing'
  | 'lan.setServing'
  | 'lan.revoke'
  | 'lan.join'
  | 'lan.leave'
  | 'lan.flush'
  | 'lan.discover';

/** What a paired station may call on the host with its token (nothing else of the host's API). */
export const LAN_METHODS: ReadonlySet<string> = new Set<QueueMethod>([
  'queue.issue',
  'queue.list',
  'queue.callNext',
  'queue.act',
  'queue.identify',
  'queue.bind',
  'queue.bindings',
  'queue.history',
  'queue.events',
  'queue.merge',
  'queue.classSlips',
]);

const unreachable = (err: unknown): never => {
  if (err instanceof HostUnreachable)
    throw new ApiError('unavailable', `连接不上主机：${err.message}（照片会保存在本机，恢复后自动发送）`);
  throw err;
};

export function eventModeHandlers(
  em: EventMode,
  discover: (waitMs: number) => Promise<{ name: string; url: string }[]>,
): HandlerGroup<QueueMethod | LanMethod> {
  const caller = (ctx: CallContext) => ({
    station: ctx.station ? `${ctx.station.name}（${ctx.station.no} 号机）` : em.stationName(),
  });
  // On a joined station every queue call goes to the host; the host runs them itself.
  const joined = (ctx: CallContext) => ctx.station === undefined && em.client.link() !== null;
  const forward = async <T>(method: QueueMethod, req: unknown): Promise<T> =>
    (await em.client.call(method, req).catch(unreachable)) as T;

  return {
    'queue.issue': (req, ctx) =>
      joined(ctx) ? forward('queue.issue', req) : em.queue.issue(req.eventId, req.orderId, req.operator, caller(ctx)),
    'queue.list': async (req, ctx) => {
      if (!joined(ctx)) return { tickets: em.queue.list(req.eventId, req.states) };
      const only = (tickets: TicketView[]) => ({
        tickets: req.states ? tickets.filter((t) => req.states!.includes(t.state)) : tickets,
      });
      try {
        const out = (await em.client.call('queue.list', { eventId: req.eventId })) as { tickets: TicketView[] };
        // with the numbers this station issued while cut off that the host has not merged yet
        return only(em.client.localQueue(req.eventId, out.tickets));
      } catch (err) {
        // cut off: the station keeps working on its local queue (lan.status says it is offline)
        if (!(err instanceof HostUnreachable)) throw err;
        const local = em.client.localQueue(req.eventId);
        if (local.length === 0 && em.client.cachedQueue(req.eventId) === null) return unreachable(err);
        return only(local);
      }
    },
    'queue.callNext': async (req, ctx) =>
      joined(ctx)
        ? forward('queue.callNext', req)
        : { ticket: em.queue.callNext(req.eventId, req.operator, caller(ctx)) },
    'queue.act': (req, ctx) =>
      joined(ctx) ? forward('queue.act', req) : em.queue.act(req.ticketId, req.action, req.operator, caller(ctx)),
    'queue.identify': async (req, ctx) => {
      if (!joined(ctx)) return em.queue.identify(req.eventId, req.ticketId, req.by, req.proof);
      try {
        return (await em.client.call('queue.identify', req)) as never;
      } catch (err) {
        if (!(err instanceof HostUnreachable)) throw err;
        // cut off: identified on the local queue (a 采集码 without a number there gets one of this station's block);
        // the host checks the scan again when the binding arrives
        let student: ScannedStudent | null = null;
        if (req.by === 'collection_code') {
          const s = em.queue.scannedStudent(req.proof);
          student = { collectionCode: s.collectionCode, studentNo: s.studentNo, name: s.name, major: s.major };
        }
        const operator = req.operator ?? em.stationName();
        const t = em.client.identifyOffline(
          req.eventId,
          req.ticketId,
          req.by,
          req.proof,
          student,
          operator,
          em.stationName(),
        );
        em.publishStatus();
        return t;
      }
    },
    'queue.bind': async (req, ctx): Promise<BindResult> => {
      const bytes = decodeBase64(req.imageBase64, 'imageBase64');
      resolveProfile(req.profileId);
      if (!joined(ctx)) {
        return em.queue.bind(
          {
            bindingId: req.bindingId,
            eventId: req.eventId,
            ticketId: req.ticketId,
            by: req.by,
            proof: req.proof,
            bytes,
            profileId: req.profileId,
            operator: req.operator,
            confirmWarnings: req.confirmWarnings,
            capturedAt: req.capturedAt,
            offline: req.sentLater,
          },
          caller(ctx),
        );
      }
      const bindingId = req.bindingId ?? randomUUID();
      const out = await em.client.bind(
        { ...req, bindingId, capturedAt: req.capturedAt ?? new Date().toISOString() },
        bytes,
      );
      em.publishStatus();
      return out;
    },
    'queue.bindings': (req, ctx) =>
      joined(ctx) ? forward('queue.bindings', req) : { bindings: em.queue.bindings(req.eventId, req.orderId) },
    'queue.history': (req, ctx) =>
      joined(ctx) ? forward('queue.history', req) : { transitions: em.queue.history(req.ticketId) },
    'queue.events': (req, ctx) => (joined(ctx) ? forward('queue.events', req) : { events: em.queue.events() }),
    'queue.classSlips': (req, ctx) =>
      joined(ctx) ? forward('queue.classSlips', req) : em.queue.classSlips(req.eventId),
    'queue.merge': (req, ctx) => {
      if (!ctx.station) throw new ApiError('forbidden', '离线拍摄号只能由配对的工作站合并');
      return { results: em.queue.mergeOffline(req.tickets, { ...caller(ctx), stationNo: ctx.station.no }) };
    },

    'lan.status': () => em.status(),
    'lan.setRoles': (req) => {
      em.setRoles(req.roles, req.stationName);
      return em.publishStatus();
    },
    'lan.openPairing': (req) => {
      if (em.client.link()) throw new ApiError('conflict', '本工作站已加入其他主机，不能同时作为主机开放配对');
      em.host.open(req.minutes);
      return em.publishStatus();
    },
    'lan.closePairing': () => {
      em.host.close();
      return em.publishStatus();
    },
    'lan.setServing': async (req) => {
      if (req.on && em.client.link())
        throw new ApiError('conflict', '本工作站已加入其他主机，不能同时作为主机对局域网开放');
      await em.serving.set(req.on);
      return em.publishStatus();
    },
    'lan.revoke': (req) => {
      em.host.revoke(req.stationId);
      return em.publishStatus();
    },
    'lan.join': async (req) => {
      if (em.host.stations().some((s) => !s.revoked))
        throw new ApiError('conflict', '本工作站是主机（已有工作站配对），不能再加入其他主机', 'address');
      await em.client.join(req.address, req.code, req.stationName, em.roles(), req.fingerprint);
      em.setRoles(em.roles(), req.stationName);
      return em.publishStatus();
    },
    'lan.leave': () => {
      em.client.leave();
      return em.publishStatus();
    },
    'lan.flush': async () => {
      await em.client.flush();
      return em.publishStatus();
    },
    'lan.discover': async (req) => ({ hosts: await discover(req.waitMs) }),
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { z } from 'zod';
import {
  OrderSnapshot,
  ReviewsQuery,
  SHA256_PATTERN,
  UUID_PATTERN,
  type CentralError,
  type CentralErrorCode,
  type Health,
} from '../shared/central';
import type { CentralDb } from './db/connect';
import type { OrderStore } from './orders';
import type { PhotoUploads } from './photos';
import { PHOTOS_PATH } from './photos';
import type { ReviewStore } from './reviews';
import { adminOrders, serverStats } from './stats';
import { bearerToken, type Principal, type TokenStore } from './tokens';
import { registerConsole } from './console/routes';
import type { ConsoleUsers } from './console/users';
import type { RateLimiter } from './console/status';

// The HTTP side of the reference server (Fastify). JSON logs carry method, path (no query string),
// status, timing and ids — never a request body, a token or personal data.

export const JSON_BODY_LIMIT = 1024 * 1024;

export interface AppDeps {
  central: CentralDb;
  tokens: TokenStore;
  orders: OrderStore;
  reviews: ReviewStore;
  photos: PhotoUploads;
  users: ConsoleUsers;
  version: string;
  now: () => Date;
}

export interface AppOptions {
  https?: { cert: Buffer; key: Buffer };
  /** Where JSON log lines go (default stdout); null: no logs. */
  logStream?: NodeJS.WritableStream | null;
  /** Milliseconds a whole request may take (photo PATCHes included). */
  requestTimeoutMs?: number;
  /** Rate limit of the student status page and console logins (default 10 per minute per address). */
  statusLimiter?: RateLimiter;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

const UNAUTHORIZED = '访问令牌无效或已吊销，请在工作站重新配置令牌';

export function errorBody(code: CentralErrorCode, message: string, field?: string): CentralError {
  return { error: field ? { code, message, field } : { code, message } };
}

function zodProblem(error: z.ZodError): { message: string; field?: string } {
  const issue = error.issues[0]!;
  const field = issue.path.map(String).join('.');
  return field ? { message: `${field}：${issue.message}`, field } : { message: issue.message };
}

function pathOnly(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

export function buildApp(deps: AppDeps, options: AppOptions = {}): FastifyInstance {
  const logStream = options.logStream === undefined ? process.stdout : options.logStream;
  const app = Fastify({
    ...(options.https ? { https: options.https } : {}),
    bodyLimit: JSON_BODY_LIMIT,
    requestTimeout: options.requestTimeoutMs ?? 120_000,
    connectionTimeout: options.requestTimeoutMs ?? 120_000,
    keepAliveTimeout: 10_000,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // one access line per answered request (below), not Fastify's two
    logController: new LogController({ disableRequestLogging: true }),
    logger: logStream
      ? {
          level: 'info',
          stream: logStream,
          redact: ['req.headers.authorization'],
          serializers: {
            req: (req: { method: string; url: string; id: string }) => ({
              id: req.id,
              method: req.method,
              path: pathOnly(req.url),
            }),
            res: (res: { statusCode: number }) => ({ status: res.statusCode }),
          },
        }
      : false,
  }) as unknown as FastifyInstance;

  if (logStream)
    app.addHook('onResponse', (req, reply, done) => {
      req.log.info(
        { method: req.method, path: pathOnly(req.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
        'request',
      );
      done();
    });

  // tus PATCH bodies stay unread for @tus/server.
  app.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) => done(null));

  app.setNotFoundHandler((_req, reply) => {
    void reply.code(404).send(errorBody('not_found', '没有这个接口'));
  });
  app.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, req, reply) => {
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413)
      return reply.code(413).send(errorBody('payload_too_large', '请求内容过大'));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
      return reply.code(400).send(errorBody('invalid_request', `请求格式不正确：${err.message}`));
    req.log.error({ err: { code: err.code, message: err.message } }, 'request failed');
    return reply.code(500).send(errorBody('internal', '服务器内部错误，请稍后重试'));
  });

  const authenticate = (role: 'station' | 'admin') => async (req: FastifyRequest, reply: FastifyReply) => {
    const principal = await deps.tokens.authenticate(bearerToken(req.headers.authorization));
    if (!principal) return reply.code(401).send(errorBody('unauthorized', UNAUTHORIZED));
    if (role === 'admin' && principal.role !== 'admin')
      return reply.code(403).send(errorBody('forbidden', '需要管理员令牌'));
    if (role === 'station' && principal.role !== 'station')
      return reply.code(403).send(errorBody('forbidden', '需要工作站令牌'));
    req.principal = principal;
  };
  const station = { preHandler: authenticate('station') };
  const admin = { preHandler: authenticate('admin') };

  app.get('/v1/health', async (_req, reply) => {
    try {
      await sql`select 1`.execute(deps.central.db);
    } catch {
      return reply.code(503).send(errorBody('internal', '数据库暂时不可用'));
    }
    const body: Health = {
      status: 'ok',
      version: deps.version,
      database: deps.central.dialect,
      time: deps.now().toISOString(),
    };
    return body;
  });

  app.put<{ Params: { uuid: string } }>('/v1/orders/:uuid', station, async (req, reply) => {
    const uuid = req.params.uuid;
    if (!UUID_PATTERN.test(uuid))
      return reply.code(400).send(errorBody('invalid_request', '订单编号应为小写 UUID', 'uuid'));
    const parsed = OrderSnapshot.safeParse(req.body);
    if (!parsed.success) {
      const p = zodProblem(parsed.error);
      return reply.code(400).send(errorBody('invalid_request', p.message, p.field));
    }
    const result = await deps.orders.put(req.principal!.stationId!, uuid, parsed.data);
    if (result.kind === 'other_station') return reply.code(403).send(errorBody('forbidden', '该订单属于其他工作站'));
    if (result.kind === 'stale')
      return reply.code(409).send({
        ...errorBody('stale_revision', `服务器已有更新的订单版本（第 ${result.storedRevision} 版）`),
        storedRevision: result.storedRevision,
      });
    req.log.info({ order: uuid, revision: result.body.revision, station: req.principal!.name }, 'order accepted');
    return result.body;
  });

  const rawJson = (res: ServerResponse) => (status: number, headers: Record<string, string>, json?: unknown) => {
    const body = json === undefined ? '' : JSON.stringify(json);
    res.writeHead(status, {
      ...headers,
      ...(json === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
    });
    res.end(body);
  };

  app.post(PHOTOS_PATH, station, async (req, reply) => {
    reply.hijack();
    await deps.photos.create(req.raw, reply.raw, req.principal!.stationId!, rawJson(reply.raw));
  });

  app.route<{ Params: { sha256: string } }>({
    method: ['HEAD', 'PATCH', 'OPTIONS'],
    url: `${PHOTOS_PATH}/:sha256`,
    preHandler: authenticate('station'),
    handler: async (req, reply) => {
      if (!SHA256_PATTERN.test(req.params.sha256)) {
        if (req.method === 'HEAD') return reply.code(404).send();
        return reply.code(404).send(errorBody('not_found', '没有这张照片'));
      }
      reply.hijack();
      await deps.photos.resume(req.raw as IncomingMessage, reply.raw, req.params.sha256, req.principal!.stationId!);
    },
  });

  app.get('/v1/reviews', station, async (req, reply) => {
    const parsed = ReviewsQuery.safeParse(req.query);
    if (!parsed.success) {
      const p = zodProblem(parsed.error);
      return reply.code(400).send(errorBody('invalid_request', p.message, p.field));
    }
    return deps.reviews.page(req.principal!.stationId!, parsed.data.cursor, parsed.data.limit);
  });

  app.get<{ Querystring: { station?: string; limit?: string; offset?: string } }>(
    '/v1/admin/orders',
    admin,
    async (req, reply) => {
      const limit = req.query.limit === undefined ? 1000 : Number(req.query.limit);
      const offset = req.query.offset === undefined ? 0 : Number(req.query.offset);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000 || !Number.isInteger(offset) || offset < 0)
        return reply.code(400).send(errorBody('invalid_request', 'limit 应为 1–10000，offset 应为非负整数'));
      return adminOrders(deps.central.db, { station: req.query.station, limit, offset });
    },
  );

  app.get('/v1/admin/stats', admin, async () => serverStats(deps.central.db));

  registerConsole(app, {
    db: deps.central.db,
    users: deps.users,
    reviews: deps.reviews,
    photos: deps.photos,
    secure: !!options.https,
    statusLimiter: options.statusLimiter,
  });

  return app;
}

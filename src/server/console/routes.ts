import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { REJECT_REASONS, REJECT_REASON_CODES, SHA256_PATTERN } from '../../shared/central';
import type { Kysely } from 'kysely';
import type { CentralDatabase } from '../db/schema';
import type { PhotoUploads } from '../photos';
import { ReviewError, type ReviewStore } from '../reviews';
import { CONSOLE_CSS, CONSOLE_HTML, CONSOLE_JS, STATUS_HTML, STATUS_JS } from './assets';
import { reviewQueue } from './queue';
import { RateLimiter, studentStatus } from './status';
import { SESSION_HOURS, type ConsoleSession, type ConsoleUsers } from './users';

// Web pages of the server: the review console (/console, reviewer/admin session) and the student status
// page (/status, public, rate-limited). Session cookie: HttpOnly, SameSite=Strict, Secure over HTTPS;
// every state-changing call needs the session's CSRF token in X-CSRF-Token and a JSON body.

export const SESSION_COOKIE = 'cs_session';

export interface ConsoleDeps {
  db: Kysely<CentralDatabase>;
  users: ConsoleUsers;
  reviews: ReviewStore;
  photos: PhotoUploads;
  secure: boolean;
  statusLimiter?: RateLimiter;
}

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function securityHeaders(reply: FastifyReply) {
  void reply
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY')
    .header('cache-control', 'no-store');
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

const err = (code: string, message: string) => ({ error: { code, message } });

const LoginBody = z.strictObject({ name: z.string().max(64), password: z.string().max(256) });
const DecideBody = z.strictObject({
  orderUuid: z.string().max(64),
  decision: z.enum(['approved', 'rejected']),
  reasonCode: z.enum(REJECT_REASON_CODES).nullable().optional(),
  reasonText: z.string().max(200).optional(),
});
const StatusBody = z.strictObject({ orderNo: z.string().max(40), idLast4: z.string().max(8) });

declare module 'fastify' {
  interface FastifyRequest {
    consoleSession?: ConsoleSession;
  }
}

export function registerConsole(app: FastifyInstance, deps: ConsoleDeps): void {
  const limiter = deps.statusLimiter ?? new RateLimiter(10, 60_000);

  const session = async (req: FastifyRequest, reply: FastifyReply) => {
    securityHeaders(reply);
    const s = await deps.users.session(readCookie(req.headers.cookie, SESSION_COOKIE));
    if (!s) return reply.code(401).send(err('unauthorized', '请先登录'));
    req.consoleSession = s;
  };
  const csrf = async (req: FastifyRequest, reply: FastifyReply) => {
    await session(req, reply);
    if (reply.sent) return;
    if (req.headers['x-csrf-token'] !== req.consoleSession!.csrf)
      return reply.code(403).send(err('forbidden', '页面已过期，请刷新后重试（CSRF 校验失败）'));
  };
  const requireJson = (req: FastifyRequest, reply: FastifyReply) => {
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      void reply.code(415).send(err('invalid_request', '请求须为 JSON'));
      return false;
    }
    return true;
  };

  app.get('/console', async (_req, reply) => {
    securityHeaders(reply);
    return reply.type('text/html; charset=utf-8').send(CONSOLE_HTML);
  });
  app.get('/console/assets/console.css', async (_req, reply) => {
    securityHeaders(reply);
    return reply.type('text/css; charset=utf-8').send(CONSOLE_CSS);
  });
  app.get('/console/assets/console.js', async (_req, reply) => {
    securityHeaders(reply);
    return reply.type('text/javascript; charset=utf-8').send(CONSOLE_JS);
  });

  app.post('/console/api/login', async (req, reply) => {
    securityHeaders(reply);
    if (!requireJson(req, reply)) return;
    if (!limiter.allow(`login:${req.ip}`)) return reply.code(429).send(err('rate_limited', '尝试过于频繁，请稍后再试'));
    const body = LoginBody.safeParse(req.body);
    if (!body.success) return reply.code(400).send(err('invalid_request', '请填写用户名和密码'));
    const r = await deps.users.login(body.data.name, body.data.password);
    if (!r) return reply.code(401).send(err('unauthorized', '用户名或密码不正确'));
    const cookie = [
      `${SESSION_COOKIE}=${r.cookie}`,
      'Path=/',
      'HttpOnly',
      'SameSite=Strict',
      `Max-Age=${SESSION_HOURS * 3600}`,
      ...(deps.secure ? ['Secure'] : []),
    ].join('; ');
    return reply.header('set-cookie', cookie).send({ user: r.session.user, csrf: r.session.csrf });
  });

  app.get('/console/api/me', { preHandler: session }, async (req) => ({
    user: req.consoleSession!.user,
    csrf: req.consoleSession!.csrf,
    reasons: REJECT_REASONS,
  }));

  app.post('/console/api/logout', { preHandler: csrf }, async (req, reply) => {
    await deps.users.logout(readCookie(req.headers.cookie, SESSION_COOKIE)!);
    return reply
      .header(
        'set-cookie',
        `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${deps.secure ? '; Secure' : ''}`,
      )
      .send({ ok: true });
  });

  app.get<{ Querystring: { school?: string; event?: string; station?: string } }>(
    '/console/api/queue',
    { preHandler: session },
    async (req) => ({
      items: await reviewQueue(deps.db, {
        schoolCode: req.query.school || undefined,
        eventId: req.query.event || undefined,
        station: req.query.station || undefined,
      }),
    }),
  );

  app.post('/console/api/decide', { preHandler: csrf }, async (req, reply) => {
    if (!requireJson(req, reply)) return;
    const body = DecideBody.safeParse(req.body);
    if (!body.success) return reply.code(400).send(err('invalid_request', '审核请求格式不正确'));
    const user = req.consoleSession!.user;
    try {
      const d = await deps.reviews.decide({ ...body.data, reviewer: user.name });
      await deps.users.audit(user.name, 'review', {
        userId: user.id,
        orderUuid: d.orderUuid,
        decision: d.decision,
        reasonCode: d.reasonCode,
        cursor: d.cursor,
      });
      return d;
    } catch (e) {
      if (e instanceof ReviewError)
        return reply
          .code(e.code === 'not_found' ? 404 : e.code === 'conflict' ? 409 : 400)
          .send(err(e.code, e.message));
      throw e;
    }
  });

  app.get<{ Params: { sha256: string } }>('/console/photos/:sha256', { preHandler: session }, async (req, reply) => {
    const sha = req.params.sha256;
    if (!SHA256_PATTERN.test(sha) || !(await deps.photos.isStored(sha)))
      return reply.code(404).send(err('not_found', '没有这张照片'));
    return reply.type('image/jpeg').send(await deps.photos.openPhoto(sha));
  });

  app.get('/status', async (_req, reply) => {
    securityHeaders(reply);
    return reply.type('text/html; charset=utf-8').send(STATUS_HTML);
  });
  app.get('/status/status.js', async (_req, reply) => {
    securityHeaders(reply);
    return reply.type('text/javascript; charset=utf-8').send(STATUS_JS);
  });
  app.post('/status/api', async (req, reply) => {
    securityHeaders(reply);
    if (!requireJson(req, reply)) return;
    if (!limiter.allow(`status:${req.ip}`))
      return reply.code(429).send(err('rate_limited', '查询过于频繁，请一分钟后再试'));
    const body = StatusBody.safeParse(req.body);
    if (!body.success) return reply.code(400).send(err('invalid_request', '请填写订单号和证件号后 4 位'));
    const s = await studentStatus(deps.db, body.data.orderNo, body.data.idLast4);
    if (!s) return reply.code(404).send(err('not_found', '订单号或证件号后 4 位不正确'));
    return s;
  });
}

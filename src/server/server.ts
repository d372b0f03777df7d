import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp } from './app';
import { openCentralDb, type CentralDb } from './db/connect';
import { WriteBatcher } from './db/write-batch';
import { OrderStore } from './orders';
import { PhotoUploads } from './photos';
import { ReviewStore } from './reviews';
import { TokenStore } from './tokens';
import { systemClock, type Clock } from './clock';
import { ConsoleUsers } from './console/users';
import { Mailer, type MailConfig } from './mail';
import type { RateLimiter } from './console/status';
import type { S3PhotoConfig } from './s3-photo-store';

// The reference central server: database (SQLite in dataDir, or PostgreSQL via databaseUrl), photos on
// the filesystem under <dataDir>/photos or in an S3-compatible bucket (`s3`), HTTP(S) with Fastify.

export interface CentralServices {
  central: CentralDb;
  tokens: TokenStore;
  orders: OrderStore;
  reviews: ReviewStore;
  photos: PhotoUploads;
  users: ConsoleUsers;
  /** Present when e-mail notifications are configured. */
  mailer: Mailer | null;
  dataDir: string;
  close(): Promise<void>;
}

export interface CentralServicesOptions {
  dataDir: string;
  databaseUrl?: string;
  now?: Clock;
  /** Largest photo accepted (bytes). */
  maxPhotoBytes?: number;
  /** Photos in S3-compatible storage (@tus/s3-store) instead of <dataDir>/photos. */
  s3?: S3PhotoConfig;
  /** E-mail to students on 审核驳回 / 待制作; off when absent. */
  mail?: MailConfig;
  /** Where the mailer logs (JSON lines); default stderr. */
  log?: (msg: string, detail: Record<string, unknown>) => void;
}

/** Opens the database and the photo store (no HTTP): what the admin commands and the server share. */
export async function openCentral(options: CentralServicesOptions): Promise<CentralServices> {
  const now = options.now ?? systemClock;
  const central = await openCentralDb({ dataDir: options.dataDir, databaseUrl: options.databaseUrl });
  const tokens = new TokenStore(central.db, now);
  const photosDir = path.join(options.dataDir, 'photos');
  fs.mkdirSync(photosDir, { recursive: true });
  const writes = new WriteBatcher(central.db);
  const orders = new OrderStore(central.db, now, writes);
  const reviews = new ReviewStore(central.db, now);
  const log =
    options.log ??
    ((msg: string, detail: Record<string, unknown>) => process.stderr.write(`${JSON.stringify({ msg, ...detail })}\n`));
  const mailer = options.mail ? new Mailer(options.mail, orders, log) : null;
  // the AWS SDK is loaded only for S3 storage (it costs every other `studio` command a noticeable start-up)
  const s3Store = options.s3 ? new (await import('./s3-photo-store')).S3PhotoStore(options.s3) : undefined;
  if (mailer) reviews.onDecision = (d) => mailer.decided(d);
  return {
    central,
    tokens,
    orders,
    reviews,
    photos: new PhotoUploads({
      directory: photosDir,
      db: central.db,
      writes,
      tokens,
      now,
      maxBytes: options.maxPhotoBytes,
      s3Store,
    }),
    users: new ConsoleUsers(central.db, now),
    mailer,
    dataDir: options.dataDir,
    async close() {
      await writes.idle();
      if (process.env.CENTRAL_DEBUG_BATCH)
        process.stderr.write(`write batches: ${writes.writes} writes in ${writes.commits} commits\n`);
      if (mailer) {
        await mailer.flush();
        mailer.close();
      }
      await central.close();
    },
  };
}

export interface StartServerOptions extends CentralServicesOptions {
  host?: string;
  port?: number;
  https?: { cert: Buffer; key: Buffer };
  logStream?: NodeJS.WritableStream | null;
  requestTimeoutMs?: number;
  statusLimiter?: RateLimiter;
  version: string;
}

export interface RunningCentralServer {
  url: string;
  port: number;
  services: CentralServices;
  /** Graceful: stops accepting, lets requests in flight finish, then closes the database. */
  close(): Promise<void>;
}

export async function startCentralServer(options: StartServerOptions): Promise<RunningCentralServer> {
  const stream = options.logStream === undefined ? process.stdout : options.logStream;
  const log =
    options.log ??
    ((msg: string, detail: Record<string, unknown>) =>
      stream?.write(`${JSON.stringify({ level: 30, time: Date.now(), msg, ...detail })}\n`));
  const services = await openCentral({ ...options, log });
  try {
    await services.photos.checkStorage();
  } catch (err) {
    await services.close();
    throw err;
  }
  const now = options.now ?? systemClock;
  const app = buildApp(
    { ...services, version: options.version, now },
    {
      https: options.https,
      logStream: options.logStream,
      requestTimeoutMs: options.requestTimeoutMs,
      statusLimiter: options.statusLimiter,
    },
  );
  const host = options.host ?? '127.0.0.1';
  try {
    await app.listen({ host, port: options.port ?? 5720 });
  } catch (err) {
    await app.close().catch(() => undefined);
    await services.close();
    throw err;
  }
  const port = (app.server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | null = null;
  return {
    url: `${options.https ? 'https' : 'http'}://${shownHost}:${port}`,
    port,
    services,
    close() {
      closing ??= (async () => {
        await app.close();
        await services.close();
      })();
      return closing;
    },
  };
}

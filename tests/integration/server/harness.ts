import { afterAll, beforeAll } from 'vitest';
import {
  startCentralServer,
  type RateLimiter,
  type RunningCentralServer,
  type S3PhotoConfig,
} from '../../../src/server';
import { tempDir } from '../../helpers/temp-dir';
import { ApiValidator } from './openapi';
import { findPostgresBin, POSTGRES_SKIP_REASON, startPostgres, type ThrowawayPostgres } from './postgres';

// The same server suite against both back ends: `describe.each(backends())` in each test file.
// SQLite always; PostgreSQL when its binaries are installed (else one clear skip message).

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Resolves to a DATABASE_URL (postgres) or undefined (sqlite). */
  databaseUrl(): Promise<string | undefined>;
}

const pgBin = findPostgresBin();
let pgServer: Promise<ThrowawayPostgres> | null = null;

export function backends(): Backend[] {
  const list: Backend[] = [{ name: 'sqlite', databaseUrl: async () => undefined }];
  if (pgBin) {
    list.push({
      name: 'postgres',
      databaseUrl: async () => {
        pgServer ??= startPostgres(pgBin);
        return (await pgServer).freshDatabase();
      },
    });
  } else {
    console.warn(POSTGRES_SKIP_REASON);
  }
  return list;
}

afterAll(async () => {
  if (pgServer) await (await pgServer).stop();
  pgServer = null;
});

export const validator = new ApiValidator();

export interface TestServer {
  server: RunningCentralServer;
  url: string;
  databaseUrl: string | undefined;
  dataDir: string;
  logs: string[];
  /** fetch against the server; every answer is checked against docs/central-api.yaml. */
  call(
    method: string,
    path: string,
    init?: { token?: string | null; body?: unknown; headers?: Record<string, string>; raw?: Uint8Array },
  ): Promise<{ status: number; headers: Headers; text: string; json: () => unknown }>;
  stationToken(name: string): Promise<string>;
  adminToken(): Promise<string>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestServer(
  backend: Backend,
  options: { maxPhotoBytes?: number; statusLimiter?: RateLimiter; s3?: S3PhotoConfig } = {},
): Promise<TestServer> {
  const tmp = tempDir('studio-central-');
  const databaseUrl = await backend.databaseUrl();
  const logs: string[] = [];
  const logStream = {
    write(chunk: string | Uint8Array) {
      logs.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    },
  } as unknown as NodeJS.WritableStream;
  const start = () =>
    startCentralServer({
      dataDir: tmp.dir,
      databaseUrl,
      host: '127.0.0.1',
      port: 0,
      version: 'test',
      logStream,
      maxPhotoBytes: options.maxPhotoBytes,
      statusLimiter: options.statusLimiter,
      s3: options.s3,
    });
  let server = await start();
  const t: TestServer = {
    get server() {
      return server;
    },
    get url() {
      return server.url;
    },
    dataDir: tmp.dir,
    databaseUrl,
    logs,
    async call(method, path, init = {}) {
      const headers: Record<string, string> = { ...(init.headers ?? {}) };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      let body: string | Uint8Array | undefined;
      if (init.raw) body = init.raw;
      else if (init.body !== undefined) {
        body = JSON.stringify(init.body);
        headers['content-type'] = 'application/json';
      }
      const res = await fetch(server.url + path, { method, headers, body });
      const text = await res.text();
      validator.checkResponse(method, path, res.status, res.headers, text);
      return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as unknown };
    },
    async stationToken(name) {
      return (await server.services.tokens.createStationToken(name)).token;
    },
    async adminToken() {
      return (await server.services.tokens.createAdminToken('测试管理员')).token;
    },
    async restart() {
      await server.close();
      server = await start();
    },
    async close() {
      await server.close();
      tmp.cleanup();
    },
  };
  return t;
}

/** beforeAll/afterAll wrapper: one server per describe block. */
export function useServer(backend: Backend, options: { maxPhotoBytes?: number } = {}): () => TestServer {
  let s: TestServer | null = null;
  beforeAll(async () => {
    s = await startTestServer(backend, options);
  });
  afterAll(async () => {
    await s?.close();
  });
  return () => s!;
}

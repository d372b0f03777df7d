import fs from 'node:fs';
import path from 'node:path';
import { parse, intOption, UsageError } from '../args';
import type { CliIO, Command } from '../command';
import { defaultDataDir } from '../../core/data-dir';
import { appVersion } from '../../core/version';
import { businessTime } from '../../../shared/domain/business-time';
import { openCentral, serverStats, startCentralServer } from '../../../server';

// `studio server …`: the reference central collection server and its admin commands. PostgreSQL when
// DATABASE_URL is set, else SQLite in the data directory.

const USAGE =
  'studio server [--port N] [--host ADDR] [--data DIR] [--cert FILE --key FILE] [--public-url URL]' +
  ' [--s3-bucket NAME [--s3-endpoint URL] [--s3-region R]]' +
  ' | token create (--station NAME | --admin NAME) | token list [--json] | token revoke (--id N | --station NAME)' +
  ' | user create --name NAME [--role reviewer|admin] [--password-stdin] | user list | stats --json  [--data DIR]';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

async function runUser(argv: string[], io: CliIO): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === 'create') {
    const { values } = parse(rest, {
      name: { type: 'string' },
      role: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      data: { type: 'string' },
    });
    if (!values.name) throw new UsageError('请给出 --name NAME');
    const role = values.role ?? 'reviewer';
    if (role !== 'reviewer' && role !== 'admin') throw new UsageError('--role 应为 reviewer 或 admin');
    // the password never goes on the command line: stdin, or STUDIO_USER_PASSWORD for scripts
    const password = values['password-stdin'] ? await readStdin() : io.env.STUDIO_USER_PASSWORD;
    if (!password) throw new UsageError('请用 --password-stdin 从标准输入提供密码（或设置 STUDIO_USER_PASSWORD）');
    const user = await withCentral(serverDataDir(values.data, io.env), io.env, (c) =>
      c.users.create(values.name!, role, password),
    );
    io.stdout.write(`已创建${user.role === 'admin' ? '管理员' : '审核员'}「${user.name}」(#${user.id})。\n`);
    return 0;
  }
  if (verb === 'list') {
    const { values } = parse(rest, { data: { type: 'string' } });
    const users = await withCentral(serverDataDir(values.data, io.env), io.env, (c) => c.users.list());
    for (const u of users)
      io.stdout.write(
        `#${u.id}  ${u.name}  ${u.role === 'admin' ? '管理员' : '审核员'}  创建 ${businessTime(u.createdAt)}${u.disabled ? '  已停用' : ''}\n`,
      );
    return 0;
  }
  throw new UsageError('user 子命令应为 create 或 list');
}

export function serverDataDir(value: string | undefined, env: NodeJS.ProcessEnv): string {
  if (value) return path.resolve(value);
  if (env.STUDIO_SERVER_DATA_DIR) return path.resolve(env.STUDIO_SERVER_DATA_DIR);
  return path.join(defaultDataDir(env), 'central-server');
}

function databaseUrl(env: NodeJS.ProcessEnv): string | undefined {
  return env.DATABASE_URL?.trim() || undefined;
}

async function withCentral<T>(
  dataDir: string,
  env: NodeJS.ProcessEnv,
  fn: (c: Awaited<ReturnType<typeof openCentral>>) => Promise<T>,
) {
  const central = await openCentral({ dataDir, databaseUrl: databaseUrl(env) });
  try {
    return await fn(central);
  } finally {
    await central.close();
  }
}

async function runServer(argv: string[], io: CliIO): Promise<number> {
  const { values } = parse(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    data: { type: 'string' },
    cert: { type: 'string' },
    key: { type: 'string' },
    'public-url': { type: 'string' },
    's3-bucket': { type: 'string' },
    's3-endpoint': { type: 'string' },
    's3-region': { type: 'string' },
  });
  // photos in S3-compatible storage: flags or STUDIO_S3_*; keys from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
  const s3Bucket = values['s3-bucket'] ?? (io.env.STUDIO_S3_BUCKET?.trim() || undefined);
  const s3Endpoint = values['s3-endpoint'] ?? (io.env.STUDIO_S3_ENDPOINT?.trim() || undefined);
  if (s3Endpoint && !s3Bucket) throw new UsageError('使用 --s3-endpoint 时须同时给出 --s3-bucket NAME');
  if (s3Endpoint && !/^https?:\/\/[^/]/.test(s3Endpoint)) throw new UsageError('--s3-endpoint 应为 http(s):// 地址');
  const s3 = s3Bucket
    ? {
        bucket: s3Bucket,
        endpoint: s3Endpoint,
        region: values['s3-region'] ?? (io.env.AWS_REGION?.trim() || undefined),
      }
    : undefined;
  const port = intOption(values.port, 'port', 0, 65535) ?? 5720;
  if (!!values.cert !== !!values.key) throw new UsageError('--cert 与 --key 须同时提供');
  const https = values.cert ? { cert: fs.readFileSync(values.cert), key: fs.readFileSync(values.key!) } : undefined;
  const dataDir = serverDataDir(values.data, io.env);
  let running;
  try {
    running = await startCentralServer({
      dataDir,
      databaseUrl: databaseUrl(io.env),
      host: values.host ?? '127.0.0.1',
      port,
      https,
      s3,
      version: appVersion(),
      logStream: io.stderr,
      // e-mail to students: off unless STUDIO_SMTP_URL is set (kept out of argv: it may hold a password)
      mail: io.env.STUDIO_SMTP_URL
        ? {
            url: io.env.STUDIO_SMTP_URL,
            from: io.env.STUDIO_MAIL_FROM || '集中采集服务 <noreply@localhost>',
            publicUrl: values['public-url'],
          }
        : undefined,
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      io.stderr.write(`端口 ${port} 已被占用：请用 --port 指定其他端口（--port 0 自动选择）。\n`);
      return 2;
    }
    throw err;
  }
  io.stdout.write('集中采集服务 Collection Studio central server\n');
  io.stdout.write(
    `  数据库 database: ${running.services.central.dialect === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : path.join(dataDir, 'central.sqlite')}\n`,
  );
  io.stdout.write(`  照片 photos:     ${running.services.photos.describeStorage()}\n`);
  io.stdout.write(`  地址 URL:        ${running.url}\n`);
  io.stdout.write('  按 Ctrl-C 停止 (Ctrl-C to stop)\n');
  await io.untilSignal();
  await running.close();
  io.stdout.write('已停止。\n');
  return 0;
}

async function runToken(argv: string[], io: CliIO): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === 'create') {
    const { values } = parse(rest, {
      station: { type: 'string' },
      admin: { type: 'string' },
      data: { type: 'string' },
    });
    if (!!values.station === !!values.admin) throw new UsageError('请给出 --station NAME 或 --admin NAME（二选一）');
    const dataDir = serverDataDir(values.data, io.env);
    const { token, info } = await withCentral(dataDir, io.env, (c) =>
      values.station ? c.tokens.createStationToken(values.station) : c.tokens.createAdminToken(values.admin!),
    );
    io.stdout.write(
      info.role === 'station'
        ? `已为工作站「${info.station}」创建令牌 #${info.id}（只显示这一次，请妥善保存）：\n`
        : `已创建管理员令牌 #${info.id}「${info.label}」（只显示这一次，请妥善保存）：\n`,
    );
    io.stdout.write(`${token}\n`);
    return 0;
  }
  if (verb === 'list') {
    const { values } = parse(rest, { data: { type: 'string' }, json: { type: 'boolean' } });
    const tokens = await withCentral(serverDataDir(values.data, io.env), io.env, (c) => c.tokens.list());
    if (values.json) {
      io.stdout.write(`${JSON.stringify(tokens)}\n`);
      return 0;
    }
    if (!tokens.length) io.stdout.write('还没有令牌。用 studio server token create --station NAME 创建。\n');
    for (const t of tokens) {
      const who = t.role === 'station' ? `工作站 ${t.station}` : `管理员 ${t.label}`;
      const state = t.revokedAt
        ? `已吊销 ${businessTime(t.revokedAt)}`
        : `有效，最近使用 ${t.lastUsedAt ? businessTime(t.lastUsedAt) : '从未'}`;
      io.stdout.write(`#${t.id}  ${t.prefix}…  ${who}  创建 ${businessTime(t.createdAt)}  ${state}\n`);
    }
    return 0;
  }
  if (verb === 'revoke') {
    const { values } = parse(rest, { id: { type: 'string' }, station: { type: 'string' }, data: { type: 'string' } });
    if (!!values.id === !!values.station) throw new UsageError('请给出 --id N 或 --station NAME（二选一）');
    const id = intOption(values.id, 'id', 1, 2_147_483_647);
    const n = await withCentral(serverDataDir(values.data, io.env), io.env, (c) =>
      c.tokens.revoke(id !== undefined ? { id } : { station: values.station! }),
    );
    if (n === 0) {
      io.stderr.write('没有找到可吊销的有效令牌。\n');
      return 1;
    }
    io.stdout.write(`已吊销 ${n} 个令牌。\n`);
    return 0;
  }
  throw new UsageError('token 子命令应为 create、list 或 revoke');
}

async function runStats(argv: string[], io: CliIO): Promise<number> {
  const { values } = parse(argv, { data: { type: 'string' }, json: { type: 'boolean' } });
  const stats = await withCentral(serverDataDir(values.data, io.env), io.env, (c) => serverStats(c.central.db));
  if (values.json) io.stdout.write(`${JSON.stringify(stats)}\n`);
  else {
    io.stdout.write(`订单 ${stats.orders}  照片 ${stats.photos}（${stats.photoBytes} 字节）  审核 ${stats.reviews}\n`);
    for (const s of stats.stations)
      io.stdout.write(
        `  ${s.station}: 订单 ${s.orders}  照片 ${s.photos}（${s.photoBytes} 字节）  审核 ${s.reviews}\n`,
      );
  }
  return 0;
}

export const serverCommand: Command = {
  name: 'server',
  summary:
    'run the central collection server (reference implementation of docs/central-api.yaml) and its admin commands',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === 'token') return runToken(rest, io);
    if (sub === 'stats') return runStats(rest, io);
    if (sub === 'user') return runUser(rest, io);
    return runServer(argv, io);
  },
};

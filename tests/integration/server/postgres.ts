import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { postgresBinDir } from '../../../scripts/system-deps.mjs';

// A throwaway PostgreSQL for the server tests: initdb + pg_ctl from postgresBinDir() (Debian's
// /usr/lib/postgresql/*/bin, STUDIO_PG_BIN, or initdb on PATH) into a temp dir, listening on 127.0.0.1 only, on a free port, with a
// socket in the same temp dir. initdb refuses to run as root: as root the cluster belongs to the
// `postgres` system user (created by Debian's package) and the tools run through runuser.

export interface ThrowawayPostgres {
  /** postgres://… of a fresh, empty database per call. */
  freshDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/** The PostgreSQL server programs' folder, found as the system-deps preflight finds it. */
export function findPostgresBin(): string | null {
  return postgresBinDir();
}

export const POSTGRES_SKIP_REASON =
  'PostgreSQL 未安装（没有找到 /usr/lib/postgresql/*/bin/initdb，PATH 上也没有 initdb，也没有设置 STUDIO_PG_BIN）：跳过 PostgreSQL 后端的服务器测试';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function pgUser(): { uid: number; gid: number } | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

export async function startPostgres(bin: string): Promise<ThrowawayPostgres> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'studio-pg-'));
  const data = path.join(dir, 'data');
  const user = pgUser();
  if (user) chownSync(dir, user.uid, user.gid);
  const run = (tool: string, args: string[]) => {
    const cmd = user ? 'runuser' : path.join(bin, tool);
    const full = user ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args;
    const r = spawnSync(cmd, full, { encoding: 'utf8', cwd: dir, env: { ...process.env, LC_ALL: 'C.UTF-8' } });
    if (r.status !== 0) throw new Error(`${tool} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses='127.0.0.1'",
    '-c fsync=off',
    '-c max_connections=100',
  ].join(' ');
  run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
  const base = `postgres://postgres@127.0.0.1:${port}`;
  let n = 0;
  return {
    async freshDatabase() {
      const name = `studio_test_${process.pid}_${++n}`;
      const client = new pg.Client({ connectionString: `${base}/postgres` });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `${base}/${name}`;
    },
    async stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

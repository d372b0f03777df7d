import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ServerStats } from '../../../src/shared/central';
import { selfSignedCert } from '../../helpers/self-signed-cert';
import { tempDir } from '../../helpers/temp-dir';
import { backends, validator } from './harness';
import { serverCommand } from '../../../src/main/cli/commands/server';
import { UsageError } from '../../../src/main/cli/args';
import type { CliIO } from '../../../src/main/cli/command';
import { newUuid, snapshot } from './fixtures';

// `studio server` as an operator runs it: token create/list/revoke, stats --json, the server process
// itself (HTTPS with --cert/--key, graceful stop on SIGTERM), against both back ends.

const runner = path.resolve(__dirname, 'cli-runner.ts');

/** The command module in-process, with captured stdout/stderr (same code the CLI entry runs). */
async function cli(args: string[], env: NodeJS.ProcessEnv) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (s: string) => ((stdout += s), true) },
    stderr: { write: (s: string) => ((stderr += s), true) },
    env: { ...process.env, ...env },
    untilSignal: () => Promise.resolve(),
  } as unknown as CliIO;
  let code: number;
  try {
    code = await serverCommand.run(args, io);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    code = 2;
    stderr += err.message;
  }
  return { code, stdout, stderr };
}

function startServerProcess(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['--import', 'tsx', runner, 'server', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const m = /地址 URL:\s+(\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}${err}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, url, exited, output: () => out, logs: () => err };
}

function httpsGet(url: string, ca: Buffer): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body, type: String(res.headers['content-type']) }));
      })
      .on('error', reject);
  });
}

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

describe.each(backends())('studio server CLI ($name)', (backend) => {
  it('token create prints the token alone on its last line; list shows no token; revoke makes it 401', async () => {
    const tmp = tempDir('studio-central-cli-');
    const env = { DATABASE_URL: (await backend.databaseUrl()) ?? '' };
    try {
      const created = await cli(['token', 'create', '--station', '体育馆一号机', '--data', tmp.dir], env);
      expect(created.code, created.stderr).toBe(0);
      const lines = created.stdout.trimEnd().split('\n');
      const token = lines[lines.length - 1]!;
      expect(token).toMatch(/^cst_[A-Za-z0-9_-]{43}$/);
      expect(lines[0]).toContain('体育馆一号机');

      const listed = await cli(['token', 'list', '--data', tmp.dir, '--json'], env);
      expect(listed.code).toBe(0);
      expect(listed.stdout).not.toContain(token);
      const list = JSON.parse(listed.stdout) as { id: number; station: string; revokedAt: string | null }[];
      expect(list).toMatchObject([{ station: '体育馆一号机', revokedAt: null }]);

      const server = startServerProcess(['--data', tmp.dir], env);
      try {
        const url = await server.url;
        const put = await fetch(`${url}/v1/orders/${newUuid()}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(snapshot({ revision: 1 })),
        });
        expect(put.status).toBe(200);

        const stats = await cli(['stats', '--data', tmp.dir, '--json'], env);
        expect(stats.code).toBe(0);
        const parsed = JSON.parse(stats.stdout) as ServerStats;
        expect(validator.errors({ $ref: '#/components/schemas/ServerStats' }, parsed)).toBeNull();
        expect(parsed).toMatchObject({ orders: 1, photos: 0, stations: [{ station: '体育馆一号机', orders: 1 }] });

        const revoked = await cli(['token', 'revoke', '--id', String(list[0]!.id), '--data', tmp.dir], env);
        expect(revoked.code, revoked.stderr).toBe(0);
        const after = await fetch(`${url}/v1/reviews`, { headers: { authorization: `Bearer ${token}` } });
        expect(after.status).toBe(401);
        expect((await cli(['token', 'revoke', '--id', String(list[0]!.id), '--data', tmp.dir], env)).code).toBe(1);
      } finally {
        server.child.kill('SIGTERM');
        expect(await server.exited).toBe(0);
      }
      expect(server.output()).toContain('已停止');
      for (const line of server.logs().trim().split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
      expect(server.logs()).not.toContain(token);
    } finally {
      tmp.cleanup();
    }
  });

  it.skipIf(!hasOpenssl)('serves HTTPS with --cert/--key and stops gracefully on SIGTERM', async () => {
    const tmp = tempDir('studio-central-tls-');
    const env = { DATABASE_URL: (await backend.databaseUrl()) ?? '' };
    try {
      const { cert, key } = selfSignedCert(tmp.dir);
      const server = startServerProcess(['--data', path.join(tmp.dir, 'srv'), '--cert', cert, '--key', key], env);
      try {
        const url = await server.url;
        expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
        const health = await httpsGet(`${url}/v1/health`, readFileSync(cert));
        expect(health.status).toBe(200);
        validator.checkResponse('GET', '/v1/health', health.status, { 'content-type': health.type }, health.body);
        await expect(fetch(`${url.replace('https', 'http')}/v1/health`)).rejects.toThrow();
      } finally {
        server.child.kill('SIGTERM');
        expect(await server.exited).toBe(0);
      }
    } finally {
      tmp.cleanup();
    }
  });

  it('refuses --cert without --key (usage error, exit 2)', async () => {
    const r = await cli(['--cert', 'x.pem', '--port', '0'], {});
    expect(r.code).toBe(2);
  });
});

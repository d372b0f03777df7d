import type { SyncStatus } from '../../../shared/contract/sync';
import { intOption, parse, UsageError } from '../args';
import type { CliIO, Command } from '../command';
import { dataDirFrom, printJson, subcommand, withStudio } from './records-cli';

// `studio sync configure|status|run|retry`: the station's sync with the central collection service (issue 10).

function statusJson(s: SyncStatus) {
  return {
    pending: s.pending,
    parked: s.parkedCount,
    sent: s.sentCount,
    lastError: s.lastError?.message ?? null,
    lastSuccessAt: s.lastSuccessAt,
    configured: s.configured,
    serverUrl: s.serverUrl,
    tokenHint: s.tokenHint,
    fingerprint: s.fingerprint,
    reviewMode: s.reviewModeLabel,
    pendingByTopic: s.pendingByTopic,
    parkedItems: s.parked,
    photosSent: s.photosSent,
    bytesSent: s.bytesSent,
    reviewsApplied: s.reviewsApplied,
  };
}

function printStatus(io: CliIO, s: SyncStatus): void {
  if (!s.configured) {
    io.stdout.write(`未配置中心服务器（${s.reviewModeLabel}）。待同步 ${s.pending} 条\n`);
    return;
  }
  io.stdout.write(
    `中心服务器 ${s.serverUrl}（令牌 ${s.tokenHint}${s.fingerprint ? `，证书指纹 ${s.fingerprint.slice(0, 16)}…` : ''}）\n` +
      `待同步 ${s.pending} 条，已同步 ${s.sentCount} 条，搁置 ${s.parkedCount} 条；照片 ${s.photosSent} 张，${s.bytesSent} 字节\n` +
      `上次成功 ${s.lastSuccessAt ?? '—'}${s.lastError ? `；最近错误：${s.lastError.message}` : ''}\n`,
  );
  for (const p of s.parked) io.stdout.write(`  搁置 #${p.id} ${p.topicLabel} ${p.orderNo ?? ''}：${p.error}\n`);
}

export const syncCommand: Command = {
  name: 'sync',
  summary: 'sync with the central collection service: configure, status, run (--once), retry --parked',
  usage:
    'studio sync configure --server URL --token T [--fingerprint SHA256] | status [--json] | run [--once] [--json] | retry --parked [--data DIR]',
  async run(argv, io) {
    const [sub, rest] = subcommand(argv, ['configure', 'status', 'run', 'retry']);
    const { values } = parse(rest, {
      data: { type: 'string' },
      json: { type: 'boolean' },
      server: { type: 'string' },
      token: { type: 'string' },
      fingerprint: { type: 'string' },
      remove: { type: 'boolean' },
      once: { type: 'boolean' },
      parked: { type: 'boolean' },
      'backoff-ms': { type: 'string' },
      'timeout-ms': { type: 'string' },
    });
    const baseMs = intOption(values['backoff-ms'], 'backoff-ms', 10, 600_000);
    const timeoutMs = intOption(values['timeout-ms'], 'timeout-ms', 100, 600_000);
    const dataDir = dataDirFrom(values.data, io);
    return withStudio(
      dataDir,
      io,
      async (studio) => {
        const call = (m: string, req: unknown) => studio.dispatch(m, req, { transport: 'cli' });
        if (sub === 'configure') {
          if (!values.remove && !values.server) throw new UsageError('--server URL is required (or --remove)');
          const s = (await call('sync.configure', {
            serverUrl: values.remove ? null : values.server,
            ...(values.token !== undefined ? { token: values.token } : {}),
            ...(values.fingerprint !== undefined ? { fingerprint: values.fingerprint || null } : {}),
          })) as SyncStatus;
          if (values.json) printJson(io, statusJson(s));
          else printStatus(io, s);
          return 0;
        }
        if (sub === 'status') {
          const s = (await call('sync.status', {})) as SyncStatus;
          if (values.json) printJson(io, statusJson(s));
          else printStatus(io, s);
          return 0;
        }
        if (sub === 'retry') {
          if (!values.parked) throw new UsageError('retry needs --parked');
          const r = (await call('sync.retryParked', {})) as { requeued: number; status: SyncStatus };
          if (values.json) printJson(io, { requeued: r.requeued, ...statusJson(r.status) });
          else io.stdout.write(`已将 ${r.requeued} 条搁置项重新排队\n`);
          return 0;
        }
        // run
        if (!studio.sync.config()) throw new UsageError('尚未配置中心服务器：请先运行 studio sync configure');
        if (values.once) {
          const summary = await studio.sync.runOnce();
          if (values.json) printJson(io, summary);
          else
            io.stdout.write(
              `已同步 ${summary.sent} 条（${summary.ordersSent} 个订单，${summary.photosSent} 张照片），` +
                `待同步 ${summary.pending}，搁置 ${summary.parked}，应用审核结果 ${summary.reviewsApplied} 条\n`,
            );
          return summary.pending === 0 && summary.parked === 0 ? 0 : 1;
        }
        studio.sync.start();
        if (!values.json) io.stdout.write('同步运行中（Ctrl-C 停止）…\n');
        await io.untilSignal();
        await studio.sync.stop();
        const s = studio.sync.status();
        if (values.json) printJson(io, statusJson(s));
        else printStatus(io, s);
        return 0;
      },
      {
        syncTuning: {
          ...(baseMs ? { backoff: { baseMs, maxMs: Math.max(baseMs * 16, 1000) } } : {}),
          ...(timeoutMs ? { timeoutMs } : {}),
        },
      },
    );
  },
};

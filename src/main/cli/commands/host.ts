import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, intOption } from '../args';
import type { Command } from '../command';
import { createStudio } from '../../core/studio';
import { defaultDataDir } from '../../core/data-dir';
import { certFingerprint, startHost } from '../../host/host';
import { lanServingShell } from '../../host/lan-shell';
import { rendererDir } from '../../kernel/paths';

export const hostCommand: Command = {
  name: 'host',
  summary: 'serve the studio UI and API on this machine (default http://127.0.0.1:5710)',
  usage: 'studio host [--port N] [--host ADDR] [--data DIR] [--cert PEM --key PEM]',
  async run(argv, io) {
    const { values } = parse(argv, {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      cert: { type: 'string' },
      key: { type: 'string' },
    });
    if (!values.cert !== !values.key) {
      io.stderr.write('HTTPS 需要同时指定 --cert 和 --key（PEM 文件）。\n');
      return 2;
    }
    let tls: { cert: Buffer; key: Buffer } | undefined;
    try {
      tls = values.cert && values.key ? { cert: readFileSync(values.cert), key: readFileSync(values.key) } : undefined;
      if (tls) certFingerprint(tls.cert);
    } catch (err) {
      io.stderr.write(`读不了证书或私钥：${(err as Error).message}\n`);
      return 2;
    }
    const port = intOption(values.port, 'port', 0, 65535) ?? 5710;
    const dataDir = values.data ? path.resolve(values.data) : defaultDataDir(io.env);
    const studio = createStudio({ dataDir, syncWorker: true });
    let running;
    try {
      running = await startHost({
        studio,
        rendererDir: rendererDir(),
        host: values.host ?? '127.0.0.1',
        port,
        https: tls,
      });
    } catch (err) {
      await studio.close();
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') {
        io.stderr.write(`端口 ${port} 已被占用：请用 --port 指定其他端口（--port 0 自动选择）。\n`);
        return 2;
      }
      throw err;
    }
    // 活动组网 › 对局域网开放 works from here on (and opens again if it was on when the host stopped)
    const lan = await studio.eventMode.serving.attach(
      lanServingShell(studio, rendererDir(), { bound: values.host ?? '127.0.0.1', https: tls }),
    );
    io.stdout.write(`图像采集工作站 Collection Studio\n`);
    io.stdout.write(`  数据目录 data: ${dataDir}\n`);
    io.stdout.write(`  界面地址 UI:   ${running.url}${running.token ? `/?token=${running.token}` : ''}\n`);
    if (running.token) io.stdout.write(`  访问令牌 token: ${running.token}\n`);
    if (tls) io.stdout.write(`  证书指纹 SHA-256: ${certFingerprint(tls.cert)}\n`);
    if (lan.available && lan.on) {
      io.stdout.write(`  局域网地址 LAN: ${lan.addresses.join('  ') || `（端口 ${lan.port}，本机没有局域网地址）`}\n`);
      io.stdout.write(`  局域网证书 SHA-256: ${lan.fingerprint}\n`);
    }
    io.stdout.write(`  按 Ctrl-C 停止 (Ctrl-C to stop)\n`);
    await io.untilSignal();
    await studio.eventMode.serving.detach();
    await running.close();
    await studio.close(); // camera live view, then the vision workers (analyses in flight finish), then the db
    io.stdout.write('已停止。\n');
    return 0;
  },
};

import { ApiError } from '../../shared/api-error';
import { UsageError } from './args';
import type { CliIO, Command } from './command';
import { hostCommand } from './commands/host';
import { checkCommand } from './commands/check';
import { eventCommand } from './commands/event';
import { rosterCommand } from './commands/roster';
import { ordersCommand } from './commands/orders';
import { demoCommand } from './commands/demo';
import { exportCommand } from './commands/export';
import { paymentsCommand } from './commands/payments';
import { photoCommand } from './commands/photo';
import { layoutCommand } from './commands/layout';
import { syncCommand } from './commands/sync';
import { serverCommand } from './commands/server';
import { cameraCommand } from './commands/camera';
import { appVersion } from '../core/version';

// The `studio` command: one entry point, one subcommand per file under commands/.
export const commands: Command[] = [
  hostCommand,
  checkCommand,
  eventCommand,
  rosterCommand,
  ordersCommand,
  demoCommand,
  exportCommand,
  paymentsCommand,
  photoCommand,
  layoutCommand,
  serverCommand,
  syncCommand,
  cameraCommand,
];

function help(): string {
  const lines = [
    '图像采集工作站 Collection Studio',
    '',
    'Usage: studio <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.usage.padEnd(52)} ${c.summary}`),
    '',
    'Options:',
    '  --help, -h       show this help',
    '  --version, -v    print the version',
    '',
    'Data directory: --data DIR, or STUDIO_DATA_DIR, or the OS app-data folder.',
  ];
  return lines.join('\n') + '\n';
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  if (!first || first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(help());
    return first ? 0 : 1;
  }
  if (first === '--version' || first === '-v') {
    io.stdout.write(`${appVersion()}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === first);
  if (!command) {
    io.stderr.write(`studio: unknown command "${first}"\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`Usage: ${command.usage}\n  ${command.summary}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`studio ${command.name}: ${err.message}\nUsage: ${command.usage}\n`);
      return 2;
    }
    if (err instanceof ApiError) {
      io.stderr.write(`studio ${command.name}: ${err.message}\n`);
      return 1;
    }
    io.stderr.write(`studio ${command.name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

// Runs `studio server …` (the CLI command module alone) in a child process with real signals:
// node --import tsx tests/integration/server/cli-runner.ts server [args]
import { serverCommand } from '../../../src/main/cli/commands/server';
import { UsageError } from '../../../src/main/cli/args';

const io = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  untilSignal: () =>
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }),
};
const [, ...args] = process.argv.slice(2);
serverCommand.run(args, io).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) process.exitCode = 2;
    process.stderr.write(`studio server: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode ||= 1;
  },
);

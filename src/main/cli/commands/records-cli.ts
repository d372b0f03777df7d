import path from 'node:path';
import { defaultDataDir } from '../../core/data-dir';
import { createStudio, type Studio, type StudioOptions } from '../../core/studio';
import { UsageError } from '../args';
import type { CliIO } from '../command';

// Shared plumbing of the records commands: data directory, one studio for the command's lifetime.

export function dataDirFrom(value: string | undefined, io: CliIO): string {
  return value ? path.resolve(value) : defaultDataDir(io.env);
}

export async function withStudio<T>(
  dataDir: string,
  io: CliIO,
  fn: (studio: Studio) => Promise<T>,
  opts: Partial<StudioOptions> = {},
): Promise<T> {
  const studio = createStudio({ ...opts, dataDir, log: (msg) => io.stderr.write(`[studio] ${msg}\n`) });
  try {
    return await fn(studio);
  } finally {
    await studio.close();
  }
}

export function subcommand(argv: string[], allowed: readonly string[]): [string, string[]] {
  const [sub, ...rest] = argv;
  if (!sub || !allowed.includes(sub)) throw new UsageError(`expected one of: ${allowed.join(', ')}`);
  return [sub, rest];
}

export function printJson(io: CliIO, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

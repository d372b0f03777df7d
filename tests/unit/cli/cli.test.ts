import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main';
import { PassThrough } from 'node:stream';

function io() {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d) => (stdout += d));
  err.on('data', (d) => (stderr += d));
  return {
    io: { stdout: out, stderr: err, env: {}, untilSignal: () => Promise.resolve() },
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
  };
}

describe('studio CLI', () => {
  it('--help lists the subcommands', async () => {
    const o = io();
    expect(await runCli(['--help'], o.io)).toBe(0);
    expect(o.stdout).toContain('studio host');
  });
  it('--version prints the package version', async () => {
    const o = io();
    expect(await runCli(['--version'], o.io)).toBe(0);
    expect(o.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
  it('an unknown command exits non-zero with help', async () => {
    const o = io();
    expect(await runCli(['frobnicate'], o.io)).toBe(2);
    expect(o.stderr).toContain('unknown command');
  });
  it('a bad option is a usage error, not a stack trace', async () => {
    const o = io();
    expect(await runCli(['host', '--port', 'abc'], o.io)).toBe(2);
    expect(o.stderr).toContain('--port');
    expect(o.stderr).not.toContain('    at ');
  });
});

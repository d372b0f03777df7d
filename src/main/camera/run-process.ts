import { spawn } from 'node:child_process';
import { CameraError } from './camera-error';

export interface RunResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** Run a CLI tool to completion; a missing binary becomes a `not_installed` CameraError. */
export function runProcess(bin: string, args: string[], opts: { timeoutMs?: number; cwd?: string } = {}) {
  return new Promise<RunResult>((resolve, reject) => {
    const child = spawn(bin, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: opts.cwd,
      env: { ...process.env, LANG: 'C' },
    });
    const out: Buffer[] = [];
    let err = '';
    const timer = opts.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs) : null;
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (timer) clearTimeout(timer);
      reject(e.code === 'ENOENT' ? new CameraError('not_installed', `未安装 ${bin}：请先安装相机驱动程序`) : e);
    });
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out), stderr: err });
    });
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface SpawnedHost {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** Start `studio host` as a real child process (built CLI) and wait for its URL line. */
export async function spawnHost(dataDir: string, extraArgs: string[] = []): Promise<SpawnedHost> {
  const bin = path.resolve('bin/studio.mjs');
  const child = spawn(process.execPath, [bin, 'host', '--port', '0', '--data', dataDir, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, STUDIO_DATA_DIR: dataDir },
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not print its URL:\n${out}`)), 60_000);
    const check = () => {
      const m = /(https?:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    child,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      }),
  };
}

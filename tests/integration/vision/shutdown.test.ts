import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Closing the vision while a live burst runs on both workers: the process must not abort (a worker terminated
// inside an ONNX run used to kill it with a native Napi::Error) and the analyses in flight still resolve.
const portrait = path.resolve(__dirname, '../../../../shared/portraits/portrait-04.jpg');
const child = path.resolve(__dirname, '../../helpers/vision-close-burst.ts');

function run(args: string[]): Promise<{ code: number | null; signal: string | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, portrait, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('exit', (code, signal) => resolve({ code, signal, out, err }));
  });
}

describe('vision shutdown with analyses in flight', () => {
  it('close() right after a burst on both lanes: exit 0, no native error, every analysis settles', async () => {
    const delays = ['0', '10', '40', '80'];
    const r = await run(delays);
    expect(r.err).not.toMatch(/Napi::Error|terminate called|Aborted/);
    expect({ code: r.code, signal: r.signal }).toEqual({ code: 0, signal: null });
    const rounds = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { closed: unknown; fulfilled: number; rejected: string[]; refused: string });
    expect(rounds).toHaveLength(delays.length);
    for (const x of rounds) {
      // The workers released their sessions and ended by themselves: no terminate needed.
      expect(x.closed).toEqual({ fast: 'exited', slow: 'exited' });
      expect(x.rejected).toEqual([]);
      expect(x.fulfilled).toBe(6);
      expect(x.refused).toBe('视觉分析服务已关闭');
    }
  }, 120_000);
});

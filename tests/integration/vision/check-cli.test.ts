import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main';
import { afterAll } from 'vitest';
import { tempDir } from '../../helpers/temp-dir';

const temps: { cleanup: () => void }[] = [];
afterAll(() => temps.forEach((t) => t.cleanup()));
function makeTempDir(prefix: string): string {
  const t = tempDir(`${prefix}-`);
  temps.push(t);
  return t.dir;
}

const root = path.resolve(__dirname, '../../..');
const portraits = path.resolve(root, '../shared/portraits');

function capture() {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d) => (stdout += d));
  err.on('data', (d) => (stderr += d));
  const io = { stdout: out, stderr: err, env: {}, untilSignal: () => new Promise<void>(() => undefined) };
  return { io, text: () => ({ stdout, stderr }) };
}

function badFiles(dir: string) {
  const empty = path.join(dir, 'empty.jpg');
  const corrupt = path.join(dir, 'corrupt.png');
  const text = path.join(dir, 'notes.txt');
  writeFileSync(empty, '');
  writeFileSync(corrupt, 'not a png at all');
  writeFileSync(text, 'hello');
  return { empty, corrupt, text, missing: path.join(dir, 'missing.jpg') };
}

describe('studio check', () => {
  it('prints one JSON line per readable image, reports the bad files, exits non-zero', async () => {
    const dir = makeTempDir('check-cli');
    const bad = badFiles(dir);
    const good = [path.join(portraits, 'portrait-01.jpg'), path.join(portraits, 'portrait-03.png')];
    const c = capture();
    const code = await runCli(
      ['check', good[0]!, bad.empty, bad.corrupt, bad.missing, bad.text, good[1]!, '--json'],
      c.io,
    );
    const { stdout, stderr } = c.text();
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.file)).toEqual(good);
    for (const l of lines) {
      expect(['pass', 'fail']).toContain(l.verdict);
      expect(l.checks).toHaveLength(20);
      expect(Object.keys(l.checks[0]).sort()).toEqual(['id', 'message', 'status', 'threshold', 'value']);
    }
    // portrait-01 smiles with teeth showing.
    expect(lines[0].checks.find((x: { id: string }) => x.id === 'mouth.closed').status).toBe('fail');
    expect(stderr).toContain('empty.jpg: 文件为空');
    expect(stderr).toContain('corrupt.png: 无法识别的图像文件');
    expect(stderr).toContain('missing.jpg: 文件不存在');
    expect(stderr).toContain('notes.txt: 不支持的文件类型 .txt');
    expect(code).toBe(1);
  });

  it('exits 0 when every file was analysed, whatever the verdicts', async () => {
    const c = capture();
    expect(await runCli(['check', path.join(portraits, 'portrait-02.webp'), '--json'], c.io)).toBe(0);
    expect(JSON.parse(c.text().stdout).verdict).toBe('fail');
  });

  it.runIf(existsSync(path.join(root, 'dist/cli/studio.cjs')))(
    'works from the built bundle (bundled worker)',
    async () => {
      const dir = makeTempDir('check-cli-dist');
      const bad = badFiles(dir);
      const run = promisify(execFile);
      const res = await run(process.execPath, [
        path.join(root, 'dist/cli/studio.cjs'),
        'check',
        path.join(portraits, 'portrait-04.jpg'),
        bad.corrupt,
        '--json',
      ]).catch((e: { code: number; stdout: string; stderr: string }) => e);
      expect((res as { code?: number }).code).toBe(1);
      const line = JSON.parse(res.stdout.trim());
      expect(line.file).toContain('portrait-04.jpg');
      expect(res.stderr).toContain('corrupt.png');
    },
  );
});

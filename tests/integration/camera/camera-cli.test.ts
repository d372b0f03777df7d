import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main';
import { tempDir } from '../../helpers/temp-dir';

const tmp = tempDir('studio-camera-cli-');
afterAll(() => tmp.cleanup());

function cli(env: NodeJS.ProcessEnv = {}) {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d) => (stdout += d));
  err.on('data', (d) => (stderr += d));
  let stop: () => void = () => {};
  const signal = new Promise<void>((r) => (stop = r));
  const io = { stdout: out, stderr: err, env, untilSignal: () => signal };
  return { io, stop: () => stop(), text: () => ({ stdout, stderr }) };
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const jpegOf = () =>
  sharp({
    create: {
      width: 800,
      height: 600,
      channels: 3,
      background: '#456',
      noise: { type: 'gaussian', mean: 100, sigma: 30 },
    },
  })
    .jpeg()
    .toBuffer();

async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
}

describe('studio camera', () => {
  it('list --json names every kind, each unavailable one with its reason', async () => {
    const c = cli();
    expect(await runCli(['camera', 'list', '--json'], c.io)).toBe(0);
    const lines = JSON.parse(c.text().stdout) as {
      id: string;
      kind: string;
      label: string;
      available: boolean;
      reason: string | null;
    }[];
    expect(new Set(lines.map((l) => l.kind))).toEqual(new Set(['gphoto2', 'webcam', 'hotfolder', 'replay']));
    for (const l of lines) {
      expect(typeof l.id).toBe('string');
      expect(typeof l.label).toBe('string');
      if (l.available) expect(l.reason).toBeNull();
      else expect(l.reason!.length).toBeGreaterThan(4);
    }
    expect(lines.find((l) => l.kind === 'replay')).toMatchObject({ id: 'replay:samples', available: true });
    expect(lines.find((l) => l.kind === 'hotfolder')).toMatchObject({
      available: false,
      reason: expect.stringContaining('未设置热文件夹'),
    });
  });

  it('list shows a hot folder given with --folder as available, and a missing one with why', async () => {
    const folder = path.join(tmp.dir, 'EOS-list');
    mkdirSync(folder);
    const c = cli();
    await runCli(['camera', 'list', '--json', '--folder', folder], c.io);
    const hot = (JSON.parse(c.text().stdout) as { kind: string }[]).filter((l) => l.kind === 'hotfolder');
    expect(hot).toEqual([
      {
        id: `hotfolder:${path.resolve(folder)}`,
        kind: 'hotfolder',
        label: `热文件夹 ${path.resolve(folder)}`,
        available: true,
        reason: null,
      },
    ]);
    const m = cli();
    await runCli(['camera', 'list', '--json', '--folder', path.join(tmp.dir, 'nope')], m.io);
    expect(
      (JSON.parse(m.text().stdout) as { kind: string; reason: string }[]).find((l) => l.kind === 'hotfolder')!.reason,
    ).toContain('热文件夹不存在');
  });

  it('capture --source replay writes the full-resolution sample JPEG', async () => {
    const out = path.join(tmp.dir, 'replay.jpg');
    const c = cli();
    expect(await runCli(['camera', 'capture', '--source', 'replay', '--out', out], c.io)).toBe(0);
    expect(await sharp(readFileSync(out)).metadata()).toMatchObject({ format: 'jpeg', width: 576, height: 768 }); // portrait-01
    expect(JSON.parse(c.text().stdout)).toMatchObject({ source: 'replay:samples', width: 576, height: 768 });
  });

  it('capture --source hotfolder:DIR waits for the next shot and writes exactly it; an unknown source says why', async () => {
    const folder = path.join(tmp.dir, 'EOS-capture');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'old.jpg'), await jpegOf()); // already there: not "the next shot"
    const out = path.join(tmp.dir, 'hot.jpg');
    const c = cli();
    const run = runCli(['camera', 'capture', '--source', `hotfolder:${folder}`, '--out', out], c.io);
    await until(() => c.text().stderr.includes('等待拍摄'));
    const shot = await jpegOf();
    writeFileSync(path.join(folder, 'IMG_0001.JPG'), shot);
    expect(await run).toBe(0);
    expect(sha(readFileSync(out))).toBe(sha(shot));

    const u = cli();
    expect(await runCli(['camera', 'capture', '--source', 'hotfolder', '--out', out], u.io)).toBe(1);
    expect(u.text().stderr).toContain('未设置热文件夹');
  });

  it('watch --folder DIR reports each new JPEG once, complete, until stopped', async () => {
    const folder = path.join(tmp.dir, 'EOS-watch');
    mkdirSync(folder);
    const c = cli();
    const run = runCli(['camera', 'watch', '--folder', folder, '--json'], c.io);
    await until(() => c.text().stderr.includes('正在监视'));
    const shot = await jpegOf();
    const file = path.join(folder, 'IMG_0002.JPG');
    writeFileSync(file, shot.subarray(0, 5000)); // a partial write first
    await new Promise((r) => setTimeout(r, 1200));
    writeFileSync(file, shot);
    await until(() => c.text().stdout.length > 0);
    await new Promise((r) => setTimeout(r, 1200));
    c.stop();
    expect(await run).toBe(0);
    const lines = c
      .text()
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { name: string; sha256: string; width: number });
    expect(lines).toEqual([expect.objectContaining({ name: 'IMG_0002.JPG', sha256: sha(shot), width: 800 })]);
  });
});

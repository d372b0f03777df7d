import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main';
import { createStudio } from '../../../src/main/core/studio';
import { tempDir } from '../../helpers/temp-dir';

// The station's backdrop mode: a contract setting kept in the station settings (survives a restart), and
// `studio check --backdrop`; background.color on a grey studio backdrop is a fail only with a blue cloth.
const t = tempDir('backdrop-');
afterAll(() => t.cleanup());
const portrait = path.resolve(__dirname, '../../../../shared/portraits/portrait-01.jpg');

async function check(args: string[]) {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d) => (stdout += d));
  err.on('data', (d) => (stderr += d));
  const io = { stdout: out, stderr: err, env: {}, untilSignal: () => new Promise<void>(() => undefined) };
  const code = await runCli(['check', ...args], io);
  return { code, stdout, stderr };
}

describe('backdrop setting', () => {
  it("defaults to 'replace', changes through the contract, survives a restart; bad input changes nothing", async () => {
    const ctx = { transport: 'http' as const };
    let studio = createStudio({ dataDir: t.dir, log: () => undefined });
    expect(await studio.dispatch('vision.settings', {}, ctx)).toEqual({ backdrop: 'replace' });
    expect(await studio.dispatch('vision.setBackdrop', { backdrop: 'blue' }, ctx)).toEqual({ backdrop: 'blue' });
    await expect(studio.dispatch('vision.setBackdrop', { backdrop: 'green' }, ctx)).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringMatching(/背景模式/),
    });
    await studio.close();
    studio = createStudio({ dataDir: t.dir, log: () => undefined });
    expect(await studio.dispatch('vision.settings', {}, ctx)).toEqual({ backdrop: 'blue' });
    await studio.close();
  });

  it('studio check --backdrop: background.color is a warning with replace (default), a fail with blue', async () => {
    const color = (stdout: string) =>
      (JSON.parse(stdout) as { checks: { id: string; status: string }[] }).checks.find(
        (c) => c.id === 'background.color',
      )!.status;
    const def = await check([portrait, '--json']);
    expect(def.code).toBe(0);
    expect(color(def.stdout)).toBe('warn');
    const blue = await check([portrait, '--json', '--backdrop', 'blue']);
    expect(color(blue.stdout)).toBe('fail');
    const bad = await check([portrait, '--backdrop', 'green']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/未知的背景模式/);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStudio } from '../../../src/main/core/studio';
import { tempDir } from '../../helpers/temp-dir';

const t = tempDir('vision-contract-');
const studio = createStudio({ dataDir: t.dir, dbFile: ':memory:', log: () => undefined });
afterAll(async () => {
  await studio.close();
  t.cleanup();
});
const call = (m: string, req: unknown) => studio.dispatch(m, req, { transport: 'http' });
const portrait = readFileSync(path.resolve(__dirname, '../../../../shared/portraits/portrait-01.jpg')).toString(
  'base64',
);

describe('vision.* through the contract', () => {
  it('does not start the worker until used', async () => {
    expect(await call('vision.status', {})).toMatchObject({ started: false, ready: false });
  });
  it('analyzeImage returns a verdict, the 19 checks and an overlay summary', async () => {
    const res = (await call('vision.analyzeImage', { image: portrait })) as {
      verdict: string;
      checks: { id: string; vendorName?: string }[];
      analysis: { faces: unknown[]; eyes: unknown };
    };
    expect(res.verdict).toBe('fail');
    expect(res.checks).toHaveLength(20);
    expect(res.checks.filter((c) => c.vendorName).map((c) => c.vendorName)).toEqual(
      expect.arrayContaining([
        '眼睛中心距离顶部百分比',
        '瞳孔平行角度',
        '头顶距离顶部百分比',
        '照片清晰度',
        '黑边检测',
      ]),
    );
    expect(res.analysis.faces).toHaveLength(1);
    expect(await call('vision.status', {})).toMatchObject({ started: true, ready: true });
  });
  it('analyzeFrame runs the live pipeline with frame numbers', async () => {
    type Frame = { dropped: boolean; pending: boolean; frame: number; checks: unknown[] };
    const zero = (await call('vision.analyzeFrame', { image: portrait })) as Frame;
    expect(zero).toMatchObject({ dropped: false, pending: true, checks: [], allPass: false });
    let a = zero;
    for (let k = 0; a.pending && k < 500; k++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      a = (await call('vision.analyzeFrame', { image: portrait })) as Frame;
    }
    const b = (await call('vision.analyzeFrame', { image: portrait })) as {
      frame: number;
      analysis: { frameOf: Record<string, number> };
    };
    expect(a.dropped).toBe(false);
    expect(a.checks).toHaveLength(20);
    expect(b.frame).toBe(a.frame + 1);
    expect(b.analysis.frameOf.faces).toBe(b.frame);
    expect(b.analysis.frameOf.body).toBeLessThan(b.frame); // detached: MoveNet's result is from an earlier frame
  });
  it('rejects bad images and unknown profiles with Chinese messages', async () => {
    await expect(call('vision.analyzeImage', { image: 'AAAAAAAAAAAA' })).rejects.toThrow(/无法识别的图像文件/);
    await expect(call('vision.analyzeImage', { image: portrait, profileId: 'nope' })).rejects.toThrow(/未知的照片规格/);
    await expect(call('vision.analyzeImage', {})).rejects.toThrow(/请提供照片数据/);
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../../src/main/core/studio';
import { startHost, type RunningHost } from '../../../src/main/host/host';
import { rendererDir } from '../../../src/main/kernel/paths';
import { exportDownloadPath } from '../../../src/shared/export/download';
import { seedEvent } from '../../helpers/documents-fixture';
import { tempDir } from '../../helpers/temp-dir';

// 导出 for an operator whose browser is on another machine: the files the station wrote to <data>/exports are
// downloadable from its web host, and nothing else is.
const t = tempDir('studio-export-dl-');
let s: Studio;
let host: RunningHost;
let zipPath = '';
let csvPath = '';

beforeAll(async () => {
  s = createStudio({ dataDir: path.join(t.dir, 'data'), log: () => {} });
  const { eventId } = await seedEvent(s);
  const r = (await s.dispatch('exports.run', { eventId }, { transport: 'http' })) as {
    zipPath: string;
    csvPath: string;
  };
  ({ zipPath, csvPath } = r);
  host = await startHost({ studio: s, rendererDir: rendererDir() });
}, 120_000);
afterAll(async () => {
  await host.close();
  s.close();
  t.cleanup();
});

describe('GET /api/exports/<file name>', () => {
  it('sends the ZIP and the CSV the export wrote, byte for byte, as attachments', async () => {
    expect(path.dirname(zipPath)).toBe(path.join(t.dir, 'data', 'exports'));
    for (const file of [zipPath, csvPath]) {
      const res = await fetch(host.url + exportDownloadPath(file));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toContain(
        `filename*=UTF-8''${encodeURIComponent(path.basename(file))}`,
      );
      expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(file))).toBe(true);
    }
    expect((await fetch(host.url + exportDownloadPath(zipPath))).headers.get('content-type')).toBe('application/zip');
  });

  it('refuses paths, other folders, other file kinds and missing files with a Chinese message', async () => {
    writeFileSync(path.join(t.dir, 'data', 'secret.csv'), 'x');
    for (const bad of [
      '/api/exports/..%2Fsecret.csv',
      '/api/exports/..%5Csecret.csv',
      '/api/exports/%2Fetc%2Fpasswd.csv',
      '/api/exports/studio.sqlite',
      '/api/exports/nope.zip',
      '/api/exports/',
    ]) {
      const res = await fetch(host.url + bad);
      expect(res.status, bad).toBe(404);
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message, bad).toMatch(/导出文件/);
    }
  });

  it('keeps the host caller policy: another site cannot read an export', async () => {
    const res = await fetch(host.url + exportDownloadPath(zipPath), { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(res.status).toBe(403);
  });
});

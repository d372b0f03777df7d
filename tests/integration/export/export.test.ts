import { readFileSync, readdirSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type Studio } from '../../../src/main/core/studio';
import { runCli } from '../../../src/main/cli/main';
import { parseCsv } from '../../../src/shared/domain/csv';
import { MANIFEST_HEADER } from '../../../src/shared/export/export-row';
import { PLAIN_ID, seedEvent, type SeededStudent } from '../../helpers/documents-fixture';
import { findPlaintext } from '../../helpers/privacy-scan';
import { tempDir } from '../../helpers/temp-dir';

const t = tempDir('studio-export-');
let s: Studio;
let eventId: string;
let st: Record<string, SeededStudent>;
const ctx = { transport: 'cli' as const };

beforeAll(async () => {
  s = createStudio({ dataDir: path.join(t.dir, 'data'), log: () => {} });
  ({ eventId, students: st } = await seedEvent(s));
});
afterAll(() => {
  s.close();
  t.cleanup();
});

describe('export for the school: one ZIP of final photos + manifest, masked data only', () => {
  let result: Awaited<ReturnType<Studio['documents']['exports']['run']>>;
  const progress: { entriesDone: number; entriesTotal: number; bytesDone: number }[] = [];

  beforeAll(async () => {
    result = await s.documents.exports.run({
      eventId,
      outDir: path.join(t.dir, 'out'),
      onProgress: (p) => progress.push(p),
    });
  });

  it('exports exactly the paid orders whose final photo passed 初审, named {采集码}.jpg', async () => {
    expect(result.exported).toBe(3);
    const zip = await JSZip.loadAsync(readFileSync(result.zipPath));
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(
      [
        '照片/a1b2c3d4e5f60718.jpg',
        '照片/c8bade99b9b2edca.jpg',
        '照片/d1b2c3d4e5f6071b.jpg',
        '清单.csv',
        '清单.xlsx',
      ].sort(),
    );
    // the bytes in the ZIP are the stored final photo, byte for byte
    const photo = await zip.file('照片/c8bade99b9b2edca.jpg')!.async('nodebuffer');
    const final = s.records.photos.repo.currentFinal(st.huang!.orderId)!;
    expect(photo.equals(s.records.photoStore.read(final.sha256))).toBe(true);
    expect(result.excluded).toEqual([
      { orderNo: st.unpaid!.orderNo, reason: '尚未付款（待支付）' },
      { orderNo: st.failed!.orderNo, reason: '成片未通过初审' },
      { orderNo: st.nophoto!.orderNo, reason: '已付款，但还没有成片' },
    ]);
    expect(path.basename(result.zipPath)).toBe('10445-2026-06-01-照片.zip');
    expect(readdirSync(path.dirname(result.zipPath)).some((f) => f.endsWith('.partial'))).toBe(false);
  });

  it('the CSV manifest has a BOM, the header and one masked row per photo; the XLSX matches it as text', async () => {
    const bytes = readFileSync(result.csvPath);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8').slice(1)).map((r) => r.fields);
    expect(rows[0]).toEqual([...MANIFEST_HEADER]);
    expect(rows).toHaveLength(4);
    const byFile = Object.fromEntries(rows.slice(1).map((r) => [r[1], r]));
    const huang = byFile['c8bade99b9b2edca.jpg']!;
    const col = (name: (typeof MANIFEST_HEADER)[number]) => MANIFEST_HEADER.indexOf(name);
    expect(huang[col('学号')]).toBe('852021102012');
    expect(huang[col('姓名')]).toBe('黄*正');
    expect(huang[col('证件号')]).toBe('4430**************');
    expect(huang[col('订单号')]).toBe(st.huang!.orderNo);
    expect(huang[col('支付方式')]).toBe('微信支付');
    expect(huang[col('金额（元）')]).toBe('15.00');
    expect(byFile['d1b2c3d4e5f6071b.jpg']![col('支付方式')]).toBe('班级统一缴费（支付宝）');
    expect(byFile['a1b2c3d4e5f60718.jpg']![col('姓名')]).toBe('𠮷*');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(result.xlsxPath) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(4);
    const xlsxRows: string[][] = [];
    ws.eachRow((row) => xlsxRows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(xlsxRows).toEqual(rows);
    // 学号 is stored as text, not as a number Excel would show as 8.52E+11
    expect(typeof ws.getRow(2).getCell(col('学号') + 1).value).toBe('string');
  });

  it('reports progress from 0 to every entry, monotonically', () => {
    expect(progress.length).toBeGreaterThanOrEqual(3);
    const last = progress.at(-1)!;
    expect(last.entriesDone).toBe(last.entriesTotal);
    expect(last.entriesTotal).toBe(5);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.entriesDone).toBeGreaterThanOrEqual(progress[i - 1]!.entriesDone);
      expect(progress[i]!.bytesDone).toBeGreaterThanOrEqual(progress[i - 1]!.bytesDone);
    }
  });

  it('no plaintext 证件号 or full name in the ZIP, its members, the CSV or the XLSX', async () => {
    const needles = [PLAIN_ID, PLAIN_ID.slice(0, 17), ...Object.values(st).map((x) => x.fullName)];
    expect(await findPlaintext([result.zipPath, result.csvPath, result.xlsxPath], needles)).toEqual([]);
    // the scan itself can see such text: the masked name is found
    expect(await findPlaintext([result.csvPath], ['黄*正'])).toHaveLength(1);
  });

  it('exports.run through the API pushes export.progress events up to the last entry', async () => {
    const seen: { jobId: string; entriesDone: number; entriesTotal: number }[] = [];
    const off = s.bus.subscribe((e) => {
      if (e.name === 'export.progress') seen.push(e.data);
    });
    const r = (await s.dispatch('exports.run', { eventId, jobId: 'job-1', outDir: path.join(t.dir, 'api') }, ctx)) as {
      exported: number;
    };
    off();
    expect(r.exported).toBe(3);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((p) => p.jobId === 'job-1')).toBe(true);
    expect(seen.at(-1)).toMatchObject({ entriesDone: 5, entriesTotal: 5 });
  });

  it('a second export never overwrites the first', async () => {
    const again = await s.documents.exports.run({ eventId, outDir: path.dirname(result.zipPath) });
    expect(path.basename(again.zipPath)).toBe('10445-2026-06-01-2-照片.zip');
    expect(existsSync(result.zipPath)).toBe(true);
  });
});

describe('export naming and failures', () => {
  it('{学号}.jpg names by student number; {姓名}.jpg collides on the masked name and reports it', async () => {
    const byNo = s.documents.exports.plan(eventId, '{学号}.jpg');
    expect(byNo.rows.map((r) => r.fileName).sort()).toEqual([
      '852021102012.jpg',
      '852021102013.jpg',
      '852021102016.jpg',
    ]);
    const byName = (await s.dispatch('exports.preview', { eventId, nameRule: '{姓名}.jpg' }, ctx)) as {
      files: { orderNo: string; fileName: string }[];
      problems: { orderNo: string; kind: string; message: string }[];
    };
    expect(byName.files).toEqual([
      { orderNo: st.huang!.orderNo, fileName: '黄_正.jpg' },
      { orderNo: st.rare!.orderNo, fileName: '𠮷_.jpg' },
    ]);
    expect(byName.problems).toEqual([
      { orderNo: st.twin!.orderNo, kind: 'collision', message: expect.stringContaining(st.huang!.orderNo) },
    ]);
  });

  it('a bad rule or unknown event is a Chinese 400, and nothing is written', async () => {
    const out = path.join(t.dir, 'bad');
    await expect(
      s.dispatch('exports.run', { eventId, nameRule: '{证件号}.jpg', outDir: out }, ctx),
    ).rejects.toMatchObject({ code: 'invalid_request', field: 'nameRule' });
    await expect(s.dispatch('exports.run', { eventId: 'nope', outDir: out }, ctx)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(s.dispatch('exports.run', { eventId, outDir: 'relative/dir' }, ctx)).rejects.toMatchObject({
      field: 'outDir',
    });
    expect(existsSync(out)).toBe(false);
  });

  it('a photo file changed on disk stops the export with a clear message and leaves no ZIP behind', async () => {
    const isolated = tempDir('studio-export-tamper-');
    const s2 = createStudio({ dataDir: isolated.dir, log: () => {} });
    try {
      const { eventId: ev, students } = await seedEvent(s2);
      const sha = s2.records.photos.repo.currentFinal(students.huang!.orderId)!.sha256;
      const file = s2.records.photoStore.pathOf(sha);
      chmodSync(file, 0o644);
      const bytes = readFileSync(file);
      bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
      writeFileSync(file, bytes);
      const out = path.join(isolated.dir, 'out');
      await expect(s2.documents.exports.run({ eventId: ev, outDir: out })).rejects.toThrow(/已损坏|校验/);
      expect(readdirSync(out).filter((f) => f.endsWith('.zip') || f.endsWith('.partial'))).toEqual([]);
    } finally {
      s2.close();
      isolated.cleanup();
    }
  });
});

describe('studio export CLI', () => {
  function io() {
    const out = new PassThrough();
    const err = new PassThrough();
    let stdout = '';
    let stderr = '';
    out.on('data', (d) => (stdout += d));
    err.on('data', (d) => (stderr += d));
    return {
      io: { stdout: out, stderr: err, env: {}, untilSignal: () => Promise.resolve() },
      out: () => stdout,
      err: () => stderr,
    };
  }

  it('--json prints the result; skipped orders give exit code 3 with --name-rule collisions', async () => {
    s.close();
    const data = path.join(t.dir, 'data');
    const o = io();
    const code = await runCli(
      ['export', '--event', eventId, '--out', path.join(t.dir, 'cli'), '--data', data, '--json'],
      o.io,
    );
    expect(o.err()).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(o.out()) as { exported: number; zipPath: string; excluded: unknown[] };
    expect(r.exported).toBe(3);
    expect(existsSync(r.zipPath)).toBe(true);

    const o2 = io();
    const code2 = await runCli(
      ['export', '--event', eventId, '--out', path.join(t.dir, 'cli'), '--data', data, '--name-rule', '{姓名}.jpg'],
      o2.io,
    );
    expect(code2).toBe(3);
    expect(o2.out()).toContain('已导出 2 张');
    expect(o2.err()).toContain('重复');

    const o3 = io();
    expect(await runCli(['export', '--out', path.join(t.dir, 'cli'), '--data', data], o3.io)).toBe(2);
    expect(o3.err()).toContain('--event');
    s = createStudio({ dataDir: data, log: () => {} });
  });

  it('payments reconcile prints the day sheet and writes the CSV (never over an existing file)', async () => {
    s.close();
    const data = path.join(t.dir, 'data');
    const csvFile = path.join(t.dir, 'reconcile.csv');
    const o = io();
    const code = await runCli(['payments', 'reconcile', '--event', eventId, '--csv', csvFile, '--data', data], o.io);
    expect(o.err()).toBe('');
    expect(code).toBe(0);
    expect(o.out()).toContain('微信支付');
    const rows = parseCsv(readFileSync(csvFile, 'utf8').slice(1)).map((r) => r.fields);
    const total = rows.find((r) => r[2] === '合计')!;
    // 3 payments: wechat 1 student, cash 1 student, alipay class of 3 → 5 students, ¥75.00
    expect(total.slice(4)).toEqual(['3', '5', '75.00']);
    expect(rows.find((r) => r[3] === '支付宝')!.slice(4)).toEqual(['1', '3', '45.00']);
    const again = io();
    expect(
      await runCli(['payments', 'reconcile', '--event', eventId, '--csv', csvFile, '--data', data], again.io),
    ).toBe(1);
    expect(again.err()).toContain('EEXIST');
    const bad = io();
    expect(
      await runCli(['payments', 'reconcile', '--event', eventId, '--date', '2026/06/01', '--data', data], bad.io),
    ).toBe(2);
    s = createStudio({ dataDir: data, log: () => {} });
    const api = (await s.dispatch('exports.reconciliationCsv', { eventId }, ctx)) as { fileName: string; csv: string };
    expect(api.fileName).toBe('对账-10445-全部.csv');
    expect(api.csv.startsWith('\uFEFF')).toBe(true);
  });
});

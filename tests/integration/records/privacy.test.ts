import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { runCli } from '../../../src/main/cli/main';
import { FEATURE_CODE, recordsFixture, testJpeg, type RecordsFixture } from '../../helpers/records-fixture';

// Valid (check digit) made-up numbers that go in through every input path.
const IDS = [
  '11010519491231002X',
  '440524188001010014',
  '370102200001011237',
  '370102200502011235',
  '370102200401011236',
];

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? allFiles(p) : [p];
  });
}

let f: RecordsFixture;
afterAll(() => f?.close());

describe('privacy: no plaintext 证件号 in the database (incl. WAL), files, logs or CLI output', () => {
  it('keeps only masked forms and keyed hashes', async () => {
    f = await recordsFixture();
    const ev = f.event.id;
    const csv = `姓名,学号,身份证号\n黄志正,1001,${IDS[0]}\n吉𠮷,1002,${IDS[1]}\n`;
    await f.studio.records.roster.importFile(ev, 'a.csv', Buffer.from(csv, 'utf8'));
    await f.studio.records.roster.importFile(
      ev,
      'b.csv',
      iconv.encode(`姓名,学号,证件号码\n王五,1003,${IDS[2]}\n`, 'gbk'),
    );
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRows([
      ['姓名', '学号', '身份证号'],
      ['赵六', '1004', IDS[3]],
    ]);
    await f.studio.records.roster.importFile(ev, 'c.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));

    const common = {
      eventId: ev,
      featureCode: FEATURE_CODE,
      email: 'a@b.cn',
      phone: '13812345678',
      operator: '张老师',
      gender: '男',
      educationLevel: '本科',
      campusType: '本部',
    };
    const roster = f.studio.records.roster.list(ev, '1001', 1, 0).entries[0]!;
    const a = await f.call<{ order: { id: string } }>('checkin.submit', {
      ...common,
      source: 'roster',
      rosterEntryId: roster.id,
      idNumber: IDS[0],
      idLast4: IDS[0]!.slice(-4),
    });
    const b = await f.call<{ order: { id: string } }>('checkin.submit', {
      ...common,
      source: 'manual',
      name: '孙七',
      studentNo: '1005',
      collectionCode: '0000000000001005',
      idNumber: IDS[4],
      idLast4: IDS[4]!.slice(-4),
    });
    // failed attempts must not leak either
    await f
      .call('checkin.submit', {
        ...common,
        source: 'manual',
        name: '周八',
        studentNo: '1006',
        collectionCode: '0000000000001006',
        idNumber: IDS[4],
        idLast4: '0000',
      })
      .catch(() => null);
    for (const o of [a.order, b.order])
      await f.call('photos.capture', {
        orderId: o.id,
        imageBase64: (await testJpeg(7)).toString('base64'),
        operator: 'x',
      });

    const out: string[] = [];
    const io = {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => out.push(s) },
      env: {},
      untilSignal: () => new Promise<void>(() => {}),
    } as unknown as Parameters<typeof runCli>[1];
    expect(await runCli(['orders', 'list', '--data', f.dir, '--json'], io)).toBe(0);
    expect(out.join('')).toContain('1101**************');

    const dbFiles = allFiles(f.dir);
    expect(dbFiles.some((p) => p.endsWith('studio.sqlite-wal'))).toBe(true);
    const haystacks = [
      ...dbFiles.map((p) => ({ where: p, text: readFileSync(p).toString('latin1') })),
      { where: 'logs', text: f.logs.join('\n') },
      { where: 'cli', text: out.join('') },
    ];
    for (const id of IDS) {
      for (const h of haystacks) {
        expect(h.text.includes(id), `${id} found in ${h.where}`).toBe(false);
        // nor the 14-character middle that identifies birth date + region
        expect(h.text.includes(id.slice(4, 14)), `${id} middle found in ${h.where}`).toBe(false);
      }
    }
    const masked = f.studio.db.prepare('SELECT id_masked, id_hash FROM orders ORDER BY rowid').all();
    expect(masked).toEqual([
      { id_masked: '1101**********002X', id_hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
      { id_masked: '3701**********1236', id_hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeZip } from '../../../src/main/export/zip-writer';
import { businessWallClock } from '../../../src/shared/domain/business-time';
import { tempDir } from '../../helpers/temp-dir';

const tmp = tempDir('studio-zip-times-');
const zone = process.env.TZ;
afterAll(() => {
  process.env.TZ = zone;
  tmp.cleanup();
});

/** DOS date/time of the first local file header, and the length of its extra field. */
function firstEntryStamp(zip: Buffer) {
  const time = zip.readUInt16LE(10);
  const date = zip.readUInt16LE(12);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    text: `${(date >> 9) + 1980}-${pad((date >> 5) & 15)}-${pad(date & 31)} ${pad(time >> 11)}:${pad((time >> 5) & 63)}`,
    extraLength: zip.readUInt16LE(28),
  };
}

describe('export ZIP entry times are China time whatever the machine zone', () => {
  for (const tz of ['UTC', 'America/New_York', 'Asia/Shanghai']) {
    it(`a station set to ${tz} writes 11:04 for 03:04 UTC, with no UTC extra field beside it`, async () => {
      process.env.TZ = tz;
      const file = path.join(tmp.dir, `${tz.replace('/', '-')}.zip`);
      await writeZip(
        file,
        [{ name: '清单.csv', buffer: Buffer.from('a,b\n') }],
        undefined,
        new Date('2026-12-02T03:04:30Z'),
      );
      expect(firstEntryStamp(readFileSync(file))).toEqual({ text: '2026-12-02 11:04', extraLength: 0 });
    });
  }

  it('the wall clock crosses midnight with China time, not with the machine', () => {
    process.env.TZ = 'America/New_York';
    const d = businessWallClock(new Date('2026-06-30T16:30:00Z')); // 00:30 on 1 July in China
    expect([d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()]).toEqual([2026, 7, 1, 0, 30]);
  });
});

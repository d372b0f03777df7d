import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import QRCode from 'qrcode';
import { demoStudent } from '../../checkin/demo-students';
import { intOption, parse, UsageError } from '../args';
import type { Command } from '../command';
import { subcommand } from './records-cli';
import { runDemoSeed } from './demo-seed';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'write sample 采集码 QR codes (our CSQR1 format, docs/qr-payload.md) as PNG files',
  usage:
    'studio demo qr --out DIR [--count N] [--school-code 10403] | studio demo seed --orders N [--data DIR] [--event ID] --json',
  async run(argv, io) {
    const [sub, rest] = subcommand(argv, ['qr', 'seed']);
    if (sub === 'seed') return runDemoSeed(rest, io);
    const { values } = parse(rest, {
      out: { type: 'string' },
      count: { type: 'string' },
      'school-code': { type: 'string' },
    });
    if (!values.out) throw new UsageError('--out DIR is required');
    const count = intOption(values.count, 'count', 1, 1000) ?? 8;
    const school = values['school-code'] ?? '10403';
    if (!/^\d{5}$/.test(school)) throw new UsageError('--school-code 应为 5 位数字');
    const out = path.resolve(values.out);
    mkdirSync(out, { recursive: true });
    const lines: string[] = [];
    for (let i = 0; i < count; i++) {
      const s = demoStudent(i, school);
      const file = path.join(out, `${s.fields.code}.png`);
      await QRCode.toFile(file, s.payload, { errorCorrectionLevel: 'M', margin: 2, width: 360 });
      // last 4 printed so a demo operator can complete the confirmation step
      lines.push(`${path.basename(file)}\t${s.fields.name}\t学号 ${s.fields.no}\t证件号后4位 ${s.idNumber.slice(-4)}`);
    }
    writeFileSync(path.join(out, 'README.txt'), lines.join('\n') + '\n');
    io.stdout.write(`已生成 ${count} 个演示采集码：${out}\n`);
    return 0;
  },
};

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatFen } from '../../../shared/domain/event';
import { parse, UsageError } from '../args';
import type { Command } from '../command';
import type { ReconciliationReport } from '../../export/reconciliation-csv';
import { dataDirFrom, printJson, subcommand, withStudio } from './records-cli';

// `studio payments reconcile`: the end-of-day sheet (对账) — counts and totals by method and by operator.

export const paymentsCommand: Command = {
  name: 'payments',
  summary: 'end-of-day reconciliation by payment method and operator (CSV with --csv)',
  usage: 'studio payments reconcile --event ID [--date YYYY-MM-DD] [--csv FILE] [--json] [--data DIR]',
  async run(argv, io) {
    const [, rest] = subcommand(argv, ['reconcile']);
    const { values } = parse(rest, {
      event: { type: 'string' },
      date: { type: 'string' },
      csv: { type: 'string' },
      json: { type: 'boolean' },
      data: { type: 'string' },
    });
    if (!values.event) throw new UsageError('--event is required');
    if (values.date && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) throw new UsageError('--date must be YYYY-MM-DD');
    return withStudio(dataDirFrom(values.data, io), io, async (studio) => {
      const request = { eventId: values.event, ...(values.date ? { day: values.date } : {}) };
      const report = (await studio.dispatch('payments.reconcile', request, {
        transport: 'cli',
      })) as ReconciliationReport;
      if (values.csv) {
        const { csv } = studio.documents.reconciliationCsv(values.event!, values.date);
        const file = path.resolve(values.csv);
        writeFileSync(file, csv, { flag: 'wx' }); // never replace an earlier sheet
        if (!values.json) io.stdout.write(`对账表已写入 ${file}\n`);
      }
      if (values.json) printJson(io, report);
      else {
        const row = (label: string, l: { payments: number; orders: number; totalFen: number }) =>
          `  ${label.padEnd(12)} ${String(l.payments).padStart(5)} 笔 ${String(l.orders).padStart(5)} 人  ¥${formatFen(l.totalFen).padStart(10)}\n`;
        io.stdout.write(`对账 ${report.day ?? '全部日期'}\n按支付方式：\n`);
        for (const l of report.byMethod) io.stdout.write(row(l.label, l));
        io.stdout.write('按收款员：\n');
        for (const l of report.byOperator) io.stdout.write(row(l.label, l));
        io.stdout.write(row('合计', report.total));
        if (report.excluded.payments > 0) io.stdout.write(row('已作废/退款', report.excluded));
      }
      return 0;
    });
  },
};

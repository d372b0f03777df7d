import type { PushBus } from '../kernel/push-bus';
import type { Db } from '../db/open';
import type { EventRepo } from '../events/event-repo';
import { exportHandlers } from '../export/export-handlers';
import { ExportService } from '../export/export-service';
import { reconciliationCsv, reconciliationFileName } from '../export/reconciliation-csv';
import type { Printer } from '../receipts/printer';
import { PaymentLookup } from '../receipts/payment-lookup';
import { receiptHandlers } from '../receipts/receipt-handlers';
import { ReceiptPrintRepo } from '../receipts/receipt-prints';
import { ReceiptService } from '../receipts/receipt-service';
import type { Records } from './records';

// The documents a station hands out (issue 5): receipts and the export for the school / central office,
// built on the records core's repositories.

export interface DocumentsOptions {
  db: Db;
  dataDir: string;
  events: EventRepo;
  records: Records;
  bus: PushBus;
  now: () => Date;
  env: NodeJS.ProcessEnv;
  /** The desktop window's silent printer; null under plain Node (receipts are PDFs). */
  printer: Printer | null;
}

export interface Documents {
  readonly receipts: ReceiptService;
  readonly exports: ExportService;
  /** payments.reconcile (records core) as a CSV sheet with its file name. */
  reconciliationCsv(eventId: string, day?: string): { fileName: string; csv: string };
  handlers(): ReturnType<typeof receiptHandlers> & ReturnType<typeof exportHandlers>;
}

export function createDocuments(opts: DocumentsOptions): Documents {
  const { records } = opts;
  const orders = records.orders.repo;
  const payments = new PaymentLookup(records.payments.repo, orders);
  const receipts = new ReceiptService({
    events: opts.events,
    orders,
    payments,
    prints: new ReceiptPrintRepo(opts.db),
    settings: records.settings,
    printer: opts.printer,
    env: opts.env,
    now: opts.now,
  });
  const exports = new ExportService({
    events: opts.events,
    orders,
    photos: records.photos.repo,
    store: records.photoStore,
    payments,
    now: opts.now,
  });
  const reconciliation = (eventId: string, day?: string) => {
    const report = records.payments.reconcile(eventId, day);
    const event = opts.events.get(eventId)!;
    return {
      fileName: reconciliationFileName(event.schoolCode, report.day),
      csv: reconciliationCsv(`${event.schoolName}（${event.schoolCode}）${event.date}`, report),
    };
  };
  return {
    receipts,
    exports,
    reconciliationCsv: reconciliation,
    handlers: () => ({
      ...receiptHandlers(receipts),
      ...exportHandlers(exports, opts.bus, opts.dataDir, reconciliation),
    }),
  };
}

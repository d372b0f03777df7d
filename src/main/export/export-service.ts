import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { ApiError } from '../../shared/api-error';
import { idForDisplay } from '../../shared/domain/id-number';
import { ORDER_STATE_LABELS, type OrderState } from '../../shared/domain/order-state';
import {
  EXPORTABLE_STATES,
  MANIFEST_HEADER,
  manifestCells,
  namingValues,
  type ExportRow,
} from '../../shared/export/export-row';
import {
  DEFAULT_NAME_RULE,
  NamingRuleError,
  parseNamingRule,
  planFileNames,
  type NamingProblem,
} from '../../shared/export/naming-rule';
import type { EventRepo } from '../events';
import type { OrderRepo } from '../orders';
import type { PhotoRepo } from '../captures';
import type { PhotoStore } from '../captures';
import { paymentLabel, type PaymentLookup } from '../receipts';
import { toCsv } from './csv';
import { exportFiles } from './export-files';
import { manifestXlsx } from './xlsx-manifest';
import { writeZip, type ZipEntry, type ZipProgress } from './zip-writer';

// Export for the school / central office: the final photos of exportable orders, named by the rule, plus the
// manifest (CSV + XLSX) inside one ZIP and beside it. Only masked identity data leaves the station.

export interface ExcludedOrder {
  orderNo: string;
  reason: string;
}

export interface ExportPlan {
  eventId: string;
  nameRule: string;
  rows: { fileName: string; row: ExportRow }[];
  /** Exportable orders left out because of the naming rule (missing field, collision). */
  problems: NamingProblem[];
  /** Orders of the event that are not exportable (yet), with the reason. */
  excluded: ExcludedOrder[];
}

export interface ExportResult {
  zipPath: string;
  csvPath: string;
  xlsxPath: string;
  zipBytes: number;
  exported: number;
  problems: NamingProblem[];
  excluded: ExcludedOrder[];
}

export interface ExportDeps {
  events: EventRepo;
  orders: OrderRepo;
  photos: PhotoRepo;
  store: PhotoStore;
  payments: PaymentLookup;
  now: () => Date;
}

const exportable = new Set<string>(EXPORTABLE_STATES);

function notExportableReason(state: OrderState, paid: boolean, precheck: string | null | undefined): string {
  if (state === 'pending_payment') {
    if (!paid) return '尚未付款（待支付）';
    if (precheck === undefined) return '已付款，但还没有成片';
    if (precheck !== 'passed') return '成片未通过初审';
  }
  if (state === 'rejected') return '审核驳回，等待重新上传';
  return `订单状态为「${ORDER_STATE_LABELS[state]}」`;
}

export class ExportService {
  constructor(private readonly deps: ExportDeps) {}

  plan(eventId: string, nameRule = DEFAULT_NAME_RULE): ExportPlan {
    const { events, orders, photos, store, payments } = this.deps;
    const event = events.get(eventId);
    if (!event) throw new ApiError('not_found', '采集活动不存在', 'eventId');
    let rule;
    try {
      rule = parseNamingRule(nameRule);
    } catch (err) {
      if (err instanceof NamingRuleError) throw new ApiError('invalid_request', err.message, 'nameRule');
      throw err;
    }
    const all = orders
      .list({ eventId, limit: Number.MAX_SAFE_INTEGER, offset: 0 })
      .rows.sort((a, b) => a.order_no.localeCompare(b.order_no));
    const candidates: ExportRow[] = [];
    const excluded: ExcludedOrder[] = [];
    for (const o of all) {
      const photo = photos.currentFinal(o.id);
      if (!exportable.has(o.state)) {
        excluded.push({ orderNo: o.order_no, reason: notExportableReason(o.state, o.paid === 1, photo?.precheck) });
        continue;
      }
      if (!photo) {
        excluded.push({ orderNo: o.order_no, reason: '没有成片' });
        continue;
      }
      if (photo.precheck !== 'passed') {
        excluded.push({ orderNo: o.order_no, reason: '成片未通过初审' });
        continue;
      }
      if (!store.has(photo.sha256)) {
        excluded.push({ orderNo: o.order_no, reason: '成片文件缺失' });
        continue;
      }
      const pay = payments.activeForOrder(o.id);
      candidates.push({
        orderId: o.id,
        orderNo: o.order_no,
        orderStateLabel: ORDER_STATE_LABELS[o.state],
        collectionCode: o.collection_code,
        studentNo: o.student_no,
        maskedName: o.name_masked,
        gender: o.gender,
        maskedIdNumber: o.id_masked ? idForDisplay(o.id_masked) : null,
        schoolCode: o.school_code,
        schoolName: o.school_name,
        major: o.major || null,
        educationLevel: o.education_level || null,
        educationCategory: o.education_type || null,
        campusType: o.campus_type || null,
        paymentMethodLabel: pay ? paymentLabel(pay) : null,
        amountFen: pay ? pay.amountFen : null,
        photoSha256: photo.sha256,
        photoBytes: photo.bytes,
        photoPath: store.pathOf(photo.sha256),
      });
    }
    const plan = planFileNames(
      rule,
      candidates.map((r) => ({ key: r.orderNo, values: namingValues(r) })),
    );
    const rows = candidates.flatMap((row) => {
      const fileName = plan.names.get(row.orderNo);
      return fileName ? [{ fileName, row }] : [];
    });
    return { eventId, nameRule: rule.template, rows, problems: plan.problems, excluded };
  }

  async run(opts: {
    eventId: string;
    outDir: string;
    nameRule?: string;
    onProgress?: (p: ZipProgress) => void;
  }): Promise<ExportResult> {
    const plan = this.plan(opts.eventId, opts.nameRule);
    if (plan.rows.length === 0) {
      throw new ApiError('conflict', '没有可导出的照片（需已付款、成片通过初审且未被驳回）');
    }
    const event = this.deps.events.get(opts.eventId)!;
    try {
      mkdirSync(opts.outDir, { recursive: true });
    } catch (err) {
      throw new ApiError('invalid_request', `无法创建导出目录：${(err as Error).message}`, 'outDir');
    }
    const files = exportFiles(opts.outDir, event.schoolCode, event.date);
    const cells = plan.rows.map((r, i) => manifestCells(i + 1, r.fileName, r.row));
    const csv = Buffer.from(toCsv(MANIFEST_HEADER, cells), 'utf8');
    const xlsx = await manifestXlsx(`${event.schoolCode}-${event.date}`, MANIFEST_HEADER, cells);
    const mtime = this.deps.now();
    const entries: ZipEntry[] = [
      ...plan.rows.map((r) => ({
        name: `照片/${r.fileName}`,
        file: r.row.photoPath,
        size: r.row.photoBytes,
        sha256: r.row.photoSha256,
      })),
      { name: '清单.csv', buffer: csv },
      { name: '清单.xlsx', buffer: xlsx },
    ];
    await writeZip(files.zip, entries, opts.onProgress, mtime);
    writeFileSync(files.csv, csv);
    writeFileSync(files.xlsx, xlsx);
    return {
      zipPath: files.zip,
      csvPath: files.csv,
      xlsxPath: files.xlsx,
      zipBytes: statSync(files.zip).size,
      exported: plan.rows.length,
      problems: plan.problems,
      excluded: plan.excluded,
    };
  }
}

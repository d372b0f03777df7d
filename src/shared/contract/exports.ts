import { z } from 'zod';
import { BusinessDay, Id } from './fields';
import { DEFAULT_NAME_RULE } from '../export/naming-rule';

// Export for the school / central office: one ZIP of final photos + manifest (CSV with BOM, XLSX), progress
// pushed as `export.progress`. `exports.preview` shows what would be exported and why anything is left out.

const NameRule = z
  .string({ error: '请填写命名规则' })
  .trim()
  .min(1, { error: '请填写命名规则' })
  .max(120, { error: '命名规则过长' })
  .default(DEFAULT_NAME_RULE);

const Problem = z.object({ orderNo: z.string(), kind: z.enum(['missing_field', 'collision']), message: z.string() });
const Excluded = z.object({ orderNo: z.string(), reason: z.string() });

export const exportsContract = {
  'exports.preview': {
    request: z.strictObject({ eventId: Id, nameRule: NameRule }),
    response: z.object({
      nameRule: z.string(),
      files: z.array(z.object({ orderNo: z.string(), fileName: z.string() })),
      problems: z.array(Problem),
      excluded: z.array(Excluded),
    }),
  },
  'exports.run': {
    request: z.strictObject({
      eventId: Id,
      nameRule: NameRule,
      /** Absolute folder on this station; `<data>/exports` when omitted. */
      outDir: z.string().trim().max(1000, { error: '导出目录过长' }).optional(),
      /** Echoed in every export.progress event so the UI can tell its export apart. */
      jobId: z.string().trim().max(64).default(''),
    }),
    response: z.object({
      zipPath: z.string(),
      csvPath: z.string(),
      xlsxPath: z.string(),
      zipBytes: z.number().int(),
      exported: z.number().int(),
      problems: z.array(Problem),
      excluded: z.array(Excluded),
    }),
  },
  /** The end-of-day reconciliation of payments.reconcile as CSV (UTF-8 with BOM) for download. */
  'exports.reconciliationCsv': {
    request: z.strictObject({
      eventId: Id,
      day: BusinessDay,
    }),
    response: z.object({ fileName: z.string(), csv: z.string() }),
  },
} as const;

export const exportsPush = {
  'export.progress': z.object({
    jobId: z.string(),
    eventId: z.string(),
    entriesDone: z.number().int(),
    entriesTotal: z.number().int(),
    bytesDone: z.number().int(),
    bytesTotal: z.number().int(),
    current: z.string(),
  }),
} as const;

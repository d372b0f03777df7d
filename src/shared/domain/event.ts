import { z } from 'zod';

// A collection event (集中采集) at one school: the unit every order, payment and export belongs to.

export const SCHOOL_CODE_PATTERN = /^\d{5}$/;
export const DEFAULT_FEE_FEN = 1500;

const isoDate = z
  .string({ error: '请填写日期（YYYY-MM-DD）' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' })
  .refine((s) => isRealDate(s), { error: '日期不存在' });

export const CollectionMode = z.enum(['centralized']);
export type CollectionMode = z.infer<typeof CollectionMode>;

export const EventCreateInput = z.strictObject({
  schoolName: z
    .string({ error: '请填写学校名称' })
    .trim()
    .min(1, { error: '请填写学校名称' })
    .max(100, { error: '学校名称不能超过 100 个字' }),
  schoolCode: z
    .string({ error: '请填写学校编码（5 位数字）' })
    .trim()
    .regex(SCHOOL_CODE_PATTERN, { error: '学校编码应为 5 位数字' }),
  featureCode: z
    .string({ error: '请填写特征码' })
    .trim()
    .min(1, { error: '请填写特征码' })
    .max(64, { error: '特征码不能超过 64 个字符' }),
  date: isoDate,
  feeFen: z
    .number({ error: '收费金额应为数字（单位：分）' })
    .int({ error: '收费金额应为整数分' })
    .min(0, { error: '收费金额不能为负' })
    .max(100_000, { error: '收费金额过大' })
    .default(DEFAULT_FEE_FEN),
  mode: CollectionMode.default('centralized'),
  shippingRegion: z.string().trim().max(100, { error: '所在地区不能超过 100 个字' }).default(''),
  shippingAddress: z.string().trim().max(200, { error: '详细地址不能超过 200 个字' }).default(''),
  stationName: z.string().trim().max(50, { error: '工作站名称不能超过 50 个字' }).default(''),
});
export type EventCreateInput = z.input<typeof EventCreateInput>;

/** Editing an event: the same fields and rules as creating one, for the event with this id. */
export const EventUpdateInput = EventCreateInput.extend({
  id: z.string({ error: '请指定采集活动' }).min(1, { error: '请指定采集活动' }).max(64),
});
export type EventUpdateInput = z.input<typeof EventUpdateInput>;

export const StudioEvent = z.object({
  id: z.string(),
  schoolName: z.string(),
  schoolCode: z.string(),
  featureCode: z.string(),
  date: z.string(),
  feeFen: z.number().int(),
  mode: CollectionMode,
  shippingRegion: z.string(),
  shippingAddress: z.string(),
  stationName: z.string(),
  createdAt: z.string(),
  /** Set when the event was archived (hidden from the station's lists by default); null while active. */
  archivedAt: z.string().nullable(),
  /**
   * Set on a station joined to an event host (event mode) for the host's events: the host station's name. Such an
   * event is listed so the operator can pick it, but it is the host's: read-only here (edit it on the host).
   */
  hostedBy: z.string().optional(),
});
export type StudioEvent = z.infer<typeof StudioEvent>;

export function isRealDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** 1500 → "15.00" */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** "15" / "15.5" / "15.00" → 1500; null when not a valid amount. */
export function parseYuan(text: string): number | null {
  const m = /^\s*(\d{1,6})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

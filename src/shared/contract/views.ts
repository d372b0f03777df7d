import { z } from 'zod';
import { ORDER_STATES } from '../domain/order-state';
import { PAYMENT_METHODS, PAYMENT_STATUSES } from '../domain/payment';
import { Gender } from '../domain/student';

// API views of the records core (what responses and push events carry), beside the contract that uses them.
// Personal data is already masked here: idDisplay shows only the first 4 characters of the 证件号, phones are
// masked; names come masked (nameMasked) and, where a roster or the student supplied it, in full (name) for the
// documents that need it.

export const OrderState = z.enum(ORDER_STATES);
export const PaymentMethod = z.enum(PAYMENT_METHODS, { error: '付款方式应为 cash、wechat、alipay 或 school' });
export const PaymentStatus = z.enum(PAYMENT_STATUSES);
export const CheckinSource = z.enum(['qr', 'roster', 'manual'], { error: '登记方式应为 qr、roster 或 manual' });

export const OrderView = z.object({
  id: z.string(),
  eventId: z.string(),
  orderNo: z.string(),
  state: OrderState,
  stateLabel: z.string(),
  rejectReason: z.string().nullable(),
  source: CheckinSource,
  name: z.string(),
  nameMasked: z.string(),
  studentNo: z.string(),
  collectionCode: z.string().nullable(),
  gender: Gender,
  idDisplay: z.string(),
  major: z.string(),
  educationLevel: z.string(),
  educationType: z.string(),
  campusType: z.string(),
  schoolName: z.string(),
  schoolCode: z.string(),
  email: z.string(),
  phoneMasked: z.string(),
  shippingRegion: z.string(),
  shippingAddress: z.string(),
  feeFen: z.number().int(),
  paid: z.boolean(),
  finalPhotoSha256: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OrderView = z.infer<typeof OrderView>;

export const TransitionView = z.object({
  action: z.string(),
  from: OrderState.nullable(),
  to: OrderState,
  reason: z.string(),
  actor: z.string(),
  at: z.string(),
});
export type TransitionView = z.infer<typeof TransitionView>;

export const PhotoView = z.object({
  id: z.string(),
  orderId: z.string(),
  kind: z.enum(['original', 'final']),
  version: z.number().int(),
  sourcePhotoId: z.string().nullable(),
  sha256: z.string(),
  /** Served by the web host and the app:// protocol. */
  url: z.string(),
  bytes: z.number().int(),
  mime: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  profileId: z.string().nullable(),
  /** 初审: the automatic checks passed or failed; null for originals. */
  precheck: z.enum(['passed', 'failed']).nullable(),
  checks: z.unknown().nullable(),
  missing: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type PhotoView = z.infer<typeof PhotoView>;

export const PaymentView = z.object({
  id: z.string(),
  eventId: z.string(),
  method: PaymentMethod,
  scope: z.enum(['student', 'class']),
  amountFen: z.number().int(),
  reference: z.string().nullable(),
  payerNote: z.string(),
  operator: z.string(),
  createdAt: z.string(),
  status: PaymentStatus,
  voidReason: z.string().nullable(),
  voidedBy: z.string().nullable(),
  voidedAt: z.string().nullable(),
  orderIds: z.array(z.string()),
});
export type PaymentView = z.infer<typeof PaymentView>;

export const RosterEntryView = z.object({
  id: z.string(),
  eventId: z.string(),
  name: z.string(),
  nameMasked: z.string(),
  studentNo: z.string().nullable(),
  collectionCode: z.string().nullable(),
  idDisplay: z.string().nullable(),
  gender: Gender.nullable(),
  major: z.string(),
  educationLevel: z.string(),
  educationType: z.string(),
  campusType: z.string(),
  email: z.string(),
  phoneMasked: z.string(),
  line: z.number().int(),
});
export type RosterEntryView = z.infer<typeof RosterEntryView>;

export const RejectedRow = z.object({ line: z.number().int(), reason: z.string() });
export type RejectedRow = z.infer<typeof RejectedRow>;

export const RosterImportResult = z.object({
  imported: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  rejected: z.array(RejectedRow),
});
export type RosterImportResult = z.infer<typeof RosterImportResult>;

export const ReconciliationLineView = z.object({
  key: z.string(),
  label: z.string(),
  payments: z.number().int(),
  orders: z.number().int(),
  totalFen: z.number().int(),
});

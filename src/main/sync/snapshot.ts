import { maskPhone } from '../../shared/domain/masking';
import {
  OrderSnapshot,
  type CentralCheck,
  type CentralFinalPhoto,
  type CentralPayment,
  type CentralPhotoRef,
} from '../../shared/central';
import type { StudioEvent } from '../../shared/domain/event';
import type { OrderRowWithFacts } from '../orders';
import type { PaymentRow } from '../payments';
import type { PhotoRow } from '../captures';

// The order as the centre receives it (PUT /v1/orders/{uuid}): one pure mapping from the station's rows.
// Only masked identity leaves the station (name 黄*正, 证件号 first 4 + stars + last 4, phone 138****5678).

export interface SnapshotInput {
  order: OrderRowWithFacts & { revision: number };
  event: StudioEvent;
  payments: readonly PaymentRow[];
  final: PhotoRow | null;
  original: PhotoRow | null;
}

/** The station's stored 初审 result → the API's check list (failures named by the producer's reason codes). */
export function checksOf(checksJson: string | null): CentralCheck[] {
  if (!checksJson) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(checksJson);
  } catch {
    return [];
  }
  const out: CentralCheck[] = [];
  const obj = parsed as { checks?: unknown; reasons?: unknown };
  if (Array.isArray(obj?.checks)) {
    for (const c of obj.checks as Record<string, unknown>[]) {
      if (typeof c?.id !== 'string' || !['pass', 'warn', 'fail'].includes(c.status as string)) continue;
      out.push({
        id: c.id.slice(0, 64),
        status: c.status as CentralCheck['status'],
        value: typeof c.value === 'number' && Number.isFinite(c.value) ? c.value : null,
        threshold:
          typeof c.threshold === 'number'
            ? c.threshold
            : typeof c.threshold === 'string'
              ? c.threshold.slice(0, 64)
              : '',
        message: typeof c.message === 'string' ? c.message.slice(0, 200) : '',
      });
    }
  } else if (Array.isArray(obj?.reasons)) {
    for (const r of obj.reasons as Record<string, unknown>[]) {
      if (typeof r?.code !== 'string') continue;
      out.push({
        id: r.code.slice(0, 64),
        status: 'fail',
        value: null,
        threshold: '',
        message: typeof r.message === 'string' ? r.message.slice(0, 200) : '',
      });
    }
  }
  return out.slice(0, 64);
}

function photoRef(p: PhotoRow): CentralPhotoRef {
  return { sha256: p.sha256, bytes: p.bytes, width: p.width, height: p.height };
}

function centralPayment(p: PaymentRow, order: OrderRowWithFacts): CentralPayment {
  return {
    id: p.id,
    method: p.method,
    // this order's share: a student payment is its whole amount, a class payment one fee per order
    amountFen: p.scope === 'student' ? p.amount_fen : order.fee_fen,
    reference: p.reference,
    status: p.status,
    createdAt: p.created_at,
  };
}

export function buildSnapshot(input: SnapshotInput): OrderSnapshot {
  const { order, event, final, original } = input;
  const finalPhoto: CentralFinalPhoto | null = final
    ? {
        ...photoRef(final),
        profileId: final.profile_id,
        precheck: final.precheck === 'passed' ? 'passed' : 'failed',
        checks: checksOf(final.checks_json),
      }
    : null;
  return {
    revision: order.revision,
    orderNo: order.order_no,
    event: { id: event.id, schoolName: event.schoolName, schoolCode: event.schoolCode, date: event.date },
    state: order.state,
    rejectReason: order.reject_reason,
    student: {
      nameMasked: order.name_masked,
      studentNo: order.student_no,
      collectionCode: order.collection_code,
      gender: order.gender,
      idMasked: order.id_masked,
      major: order.major,
      educationLevel: order.education_level,
      educationType: order.education_type,
      campusType: order.campus_type,
      email: order.email,
      phoneMasked: maskPhone(order.phone),
    },
    shippingRegion: order.shipping_region,
    shippingAddress: order.shipping_address,
    feeFen: order.fee_fen,
    paid: order.paid === 1,
    payments: input.payments.map((p) => centralPayment(p, order)),
    finalPhoto,
    originalPhoto: final && original ? photoRef(original) : null,
    createdAt: order.created_at,
    updatedAt: order.updated_at,
  };
}

/** The snapshot checked against the API's schema before it leaves: a bad one is parked here, with the reason. */
export function validateSnapshot(s: OrderSnapshot): { ok: true } | { ok: false; message: string } {
  const r = OrderSnapshot.safeParse(s);
  if (r.success) return { ok: true };
  const issue = r.error.issues[0]!;
  return { ok: false, message: `订单数据不符合中心接口（${issue.path.join('.')}：${issue.message}）` };
}

import { idForDisplay } from '../../shared/domain/id-number';
import { maskPhone } from '../../shared/domain/masking';
import { orderStateLabel, type OrderState } from '../../shared/domain/order-state';
import type { OrderView } from '../../shared/contract/views';

export interface OrderRow {
  id: string;
  event_id: string;
  order_no: string;
  order_day: string;
  seq: number;
  state: OrderState;
  reject_reason: string | null;
  source: 'qr' | 'roster' | 'manual';
  roster_entry_id: string | null;
  name: string;
  name_masked: string;
  student_no: string;
  collection_code: string | null;
  gender: '男' | '女';
  id_masked: string;
  id_hash: string | null;
  major: string;
  education_level: string;
  education_type: string;
  campus_type: string;
  school_name: string;
  school_code: string;
  email: string;
  phone: string;
  shipping_region: string;
  shipping_address: string;
  fee_fen: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** Row plus the derived columns every read selects: paid, and the current final photo that passed 初审. */
export interface OrderRowWithFacts extends OrderRow {
  paid: number;
  final_sha256: string | null;
}

export const ORDER_SELECT = `SELECT o.*,
  EXISTS (SELECT 1 FROM payment_orders po WHERE po.order_id = o.id AND po.active = 1) AS paid,
  (SELECT p.sha256 FROM photos p WHERE p.order_id = o.id AND p.kind = 'final' AND p.precheck = 'passed'
     AND p.missing_since IS NULL
     ORDER BY p.version DESC LIMIT 1) AS final_sha256
  FROM orders o`;

export function toOrderView(r: OrderRowWithFacts): OrderView {
  return {
    id: r.id,
    eventId: r.event_id,
    orderNo: r.order_no,
    state: r.state,
    stateLabel: orderStateLabel(r.state, r.paid === 1),
    rejectReason: r.reject_reason,
    source: r.source,
    name: r.name,
    nameMasked: r.name_masked,
    studentNo: r.student_no,
    collectionCode: r.collection_code,
    gender: r.gender,
    idDisplay: idForDisplay(r.id_masked),
    major: r.major,
    educationLevel: r.education_level,
    educationType: r.education_type,
    campusType: r.campus_type,
    schoolName: r.school_name,
    schoolCode: r.school_code,
    email: r.email,
    phoneMasked: maskPhone(r.phone),
    shippingRegion: r.shipping_region,
    shippingAddress: r.shipping_address,
    feeFen: r.fee_fen,
    paid: r.paid === 1,
    finalPhotoSha256: r.final_sha256,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

// The order lifecycle of the seeds, in one place. Every state change in the studio goes through transition().
//
//   (check-in) → pending_payment 待支付 ──submit (paid AND a final photo)──→ pending_review 待审核
//   pending_review ──approve──→ approved 待制作 ──complete──→ done 采集完成
//   pending_review ──reject(reason)──→ rejected 审核驳回 ──reupload (new final photo)──→ collecting 采集中
//   collecting ──approve──→ approved,  collecting ──reject(reason)──→ rejected
//   pending_review ──unpay (payment voided/refunded)──→ pending_payment
//
// 采集中 is modelled as its own state: "re-uploaded after a rejection, waiting for review again". It behaves
// like 待审核 for review, but keeps the history visible (the seed shows 采集中 on the order after 重新上传).

export const ORDER_STATES = [
  'pending_payment',
  'pending_review',
  'approved',
  'collecting',
  'done',
  'rejected',
] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export const ORDER_STATE_LABELS: Record<OrderState, string> = {
  pending_payment: '待支付',
  pending_review: '待审核',
  approved: '待制作',
  collecting: '采集中',
  done: '采集完成',
  rejected: '审核驳回',
};

export const ORDER_ACTIONS = ['submit', 'approve', 'reject', 'reupload', 'complete', 'unpay'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

export const ORDER_ACTION_LABELS: Record<OrderAction, string> = {
  submit: '提交审核',
  approve: '审核通过',
  reject: '审核驳回',
  reupload: '重新上传',
  complete: '采集完成',
  unpay: '撤销付款',
};

/** Facts about the order that guard some transitions. */
export interface OrderFacts {
  paid: boolean;
  hasFinalPhoto: boolean;
}

export type TransitionResult = { ok: true; to: OrderState } | { ok: false; reason: string };

const TABLE: Record<OrderState, Partial<Record<OrderAction, OrderState>>> = {
  pending_payment: { submit: 'pending_review' },
  pending_review: { approve: 'approved', reject: 'rejected', unpay: 'pending_payment' },
  approved: { complete: 'done' },
  collecting: { approve: 'approved', reject: 'rejected' },
  done: {},
  rejected: { reupload: 'collecting' },
};

export function transition(from: OrderState, action: OrderAction, facts: OrderFacts, reason = ''): TransitionResult {
  const to = TABLE[from][action];
  if (!to) {
    return {
      ok: false,
      reason: `订单状态为「${ORDER_STATE_LABELS[from]}」，不能执行「${ORDER_ACTION_LABELS[action]}」`,
    };
  }
  if (action === 'submit' && !facts.paid) return { ok: false, reason: '订单尚未付款，不能提交审核' };
  if ((action === 'submit' || action === 'reupload') && !facts.hasFinalPhoto)
    return { ok: false, reason: '订单还没有合格的照片，不能提交审核' };
  if (action === 'reject' && !reason.trim()) return { ok: false, reason: '驳回时须填写驳回原因' };
  return { ok: true, to };
}

/** Photos may be (re)taken before review and after a rejection, never once the order is approved or done. */
export function canAddPhoto(state: OrderState): boolean {
  return state === 'pending_payment' || state === 'pending_review' || state === 'rejected' || state === 'collecting';
}

/** Adding a photo in 审核驳回 is the seed's 重新上传: it moves the order to 采集中. */
export function actionAfterPhoto(state: OrderState): OrderAction | null {
  if (state === 'rejected') return 'reupload';
  if (state === 'pending_payment') return 'submit';
  return null;
}

export function isOrderState(value: string): value is OrderState {
  return (ORDER_STATES as readonly string[]).includes(value);
}

/**
 * What the badge says: the state's label, except a 待支付 order that is already paid (charged before its photo
 * passed 初审, with an override) — it waits for a passing photo, not for money.
 */
export function orderStateLabel(state: OrderState, paid: boolean): string {
  if (state === 'pending_payment' && paid) return '已付款，待合格照片';
  return ORDER_STATE_LABELS[state];
}

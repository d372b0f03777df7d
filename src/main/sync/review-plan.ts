import { ORDER_STATE_LABELS, transition, type OrderAction, type OrderState } from '../../shared/domain/order-state';
import { rejectReasonLabel, type ReviewDecision } from '../../shared/central';

// What a decision from the centre does to the station's order: the actions to run through the order state machine
// (actor = the reviewer), or why nothing is done. Pure.

export type ReviewPlan = { actions: OrderAction[]; reason: string; note: string };

/** The 驳回原因 the station stores: the server's text, else the reason code's label. */
export function rejectText(r: Pick<ReviewDecision, 'reason' | 'reasonCode'>): string {
  const text = r.reason.trim();
  if (text) return text;
  return r.reasonCode ? rejectReasonLabel(r.reasonCode) : '中心审核驳回';
}

export function planReview(
  state: OrderState,
  facts: { paid: boolean; hasFinalPhoto: boolean },
  r: Pick<ReviewDecision, 'decision' | 'reason' | 'reasonCode'>,
): ReviewPlan {
  const reason = r.decision === 'rejected' ? rejectText(r) : '';
  const wanted: OrderAction[] =
    r.decision === 'approved'
      ? state === 'approved' || state === 'done'
        ? []
        : ['approve']
      : r.decision === 'rejected'
        ? state === 'rejected'
          ? []
          : ['reject']
        : state === 'done'
          ? []
          : state === 'approved'
            ? ['complete']
            : ['approve', 'complete'];
  if (wanted.length === 0) return { actions: [], reason, note: `订单已是「${ORDER_STATE_LABELS[state]}」，无需变更` };
  // every step must be allowed by the state machine, else nothing is applied
  let s = state;
  for (const action of wanted) {
    const t = transition(s, action, facts, reason);
    if (!t.ok) return { actions: [], reason, note: `未应用：${t.reason}` };
    s = t.to;
  }
  return { actions: wanted, reason, note: `已应用：${ORDER_STATE_LABELS[state]} → ${ORDER_STATE_LABELS[s]}` };
}

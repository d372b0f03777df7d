import type { OrderView } from '../../shared/contract/views';

// Pure rules of the 收费 page: what can be charged, what needs the 未初审先收费 override, the class list.

/** An order that may be charged at all: 待支付 and not paid yet. */
export function chargeable(o: OrderView): boolean {
  return o.state === 'pending_payment' && !o.paid;
}

/** Orders whose final photo has not passed 初审: charging them needs the operator's override with a reason. */
export function withoutPassingPhoto(orders: readonly OrderView[]): OrderView[] {
  return orders.filter((o) => o.finalPhotoSha256 === null);
}

/** The class list: every chargeable order of the event matching the filter (学号, 姓名, 订单号), oldest first. */
export function classCandidates(orders: readonly OrderView[], filter: string): OrderView[] {
  const q = filter.trim();
  return orders
    .filter(chargeable)
    .filter((o) => !q || [o.orderNo, o.name, o.nameMasked, o.studentNo, o.major].some((v) => v.includes(q)))
    .sort((a, b) => a.orderNo.localeCompare(b.orderNo));
}

/** Picked ids that are still chargeable (a push may have paid one in the meantime). */
export function stillPicked(picked: ReadonlySet<string>, candidates: readonly OrderView[]): string[] {
  const ok = new Set(candidates.map((o) => o.id));
  return [...picked].filter((id) => ok.has(id));
}

/** A pasted/scanned 付款码 or transaction number: spaces and line breaks from the scanner removed. */
export function normalizeReference(raw: string): string {
  return raw.replace(/\s+/g, '');
}

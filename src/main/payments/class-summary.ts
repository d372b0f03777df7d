// 收费 → 按班级: the classes of an event (the roster's 班级 column) with who is in each, who has checked in, who
// still has to pay and whose photo has passed 初审. Pure: the service reads the rows, this groups them.

/** A roster entry with a 班级. */
export interface ClassMember {
  id: string;
  className: string;
  studentNo: string | null;
  collectionCode: string | null;
}

/** An order of the event, with the facts 收费 needs. */
export interface ClassOrder {
  id: string;
  rosterEntryId: string | null;
  studentNo: string;
  collectionCode: string | null;
  /** 待支付 and not paid: what 确认收款 may charge. */
  chargeable: boolean;
  paid: boolean;
  /** The current final photo passed 初审. */
  photoPassed: boolean;
  /** Some photo was taken for it (passed or not): without one the order is 未拍摄, not 未通过初审. */
  photographed: boolean;
}

export interface ClassSummary {
  /** '' = 未分班: orders of students whose roster entry has no 班级 (or who are not on the roster). */
  className: string;
  /** Students of the class on the roster (未分班: its orders). */
  students: number;
  checkedIn: number;
  paid: number;
  /** Checked in and still to be charged. */
  unpaid: number;
  /** Checked in with a final photo that passed 初审. */
  photoPassed: number;
  /** The orders a class payment charges (chargeable), in the order given (check-in order). */
  orderIds: string[];
  /** Of those, the ones whose photo passed 初审 (charged without the 未初审先收费 override). */
  passedOrderIds: string[];
  /** Of those, the ones with no photo taken at all (未拍摄). */
  unphotographedOrderIds: string[];
}

/** Which class an order belongs to: its roster entry, else the roster entry with its 学号 or 采集码. */
function classOf(
  o: ClassOrder,
  byId: Map<string, ClassMember>,
  byNo: Map<string, ClassMember>,
  byCode: Map<string, ClassMember>,
): ClassMember | null {
  return (
    (o.rosterEntryId ? byId.get(o.rosterEntryId) : undefined) ??
    byNo.get(o.studentNo) ??
    (o.collectionCode ? byCode.get(o.collectionCode) : undefined) ??
    null
  );
}

/** Group the event's orders by the roster's 班级; classes in name order (numbers as numbers), 未分班 last. */
export function classSummaries(members: readonly ClassMember[], orders: readonly ClassOrder[]): ClassSummary[] {
  const byId = new Map(members.map((m) => [m.id, m]));
  const byNo = new Map(members.filter((m) => m.studentNo).map((m) => [m.studentNo!, m]));
  const byCode = new Map(members.filter((m) => m.collectionCode).map((m) => [m.collectionCode!, m]));
  const classes = new Map<string, ClassSummary>();
  const summary = (className: string) => {
    let c = classes.get(className);
    if (!c) {
      c = {
        className,
        students: 0,
        checkedIn: 0,
        paid: 0,
        unpaid: 0,
        photoPassed: 0,
        orderIds: [],
        passedOrderIds: [],
        unphotographedOrderIds: [],
      };
      classes.set(className, c);
    }
    return c;
  };
  for (const m of members) if (m.className) summary(m.className).students++;
  const seen = new Set<string>(); // one order per roster entry counts once
  for (const o of orders) {
    const member = classOf(o, byId, byNo, byCode);
    const c = summary(member?.className ?? '');
    if (!member) c.students++;
    else if (seen.has(member.id)) continue;
    else seen.add(member.id);
    c.checkedIn++;
    if (o.paid) c.paid++;
    if (o.photoPassed) c.photoPassed++;
    if (o.chargeable) {
      c.unpaid++;
      c.orderIds.push(o.id);
      if (o.photoPassed) c.passedOrderIds.push(o.id);
      else if (!o.photographed) c.unphotographedOrderIds.push(o.id);
    }
  }
  return [...classes.values()].sort((a, b) =>
    a.className === ''
      ? 1
      : b.className === ''
        ? -1
        : a.className.localeCompare(b.className, 'zh-CN', { numeric: true }),
  );
}

// Class 收费条 (printed at the 登记台) and the 收费处's reconciliation of class payments against who was shot
// (issue 13). Pure: the rows come from src/main/event-mode/class-slips.ts.
//
// A student's class is the roster's 班级 (through the order's roster entry, else the same 学号/采集码), else 未分班 —
// the same rule as 收费 → 按班级 (src/main/payments/class-summary.ts), so the slip and the cashier name one class. Shot = at least one original photo on the order.

export const NO_CLASS = '未分班';

export interface SlipStudentRow {
  orderId: string;
  className: string;
  nameMasked: string;
  studentNo: string;
  /** The student's current 拍摄号 (the newest ticket), if any. */
  ticketLabel: string | null;
  shot: boolean;
  paid: boolean;
  /** Received for this order (active payment allocations). */
  paidFen: number;
  /** The order's fee (the event's price when the student registered). */
  feeFen: number;
}

export interface ClassSlip {
  className: string;
  students: SlipStudentRow[];
  registered: number;
  /** What the class owes for everyone registered (their fees). */
  amountFen: number;
  shot: number;
  paid: number;
  receivedFen: number;
  /** Shot, not paid: the cashier still collects from them. */
  shotUnpaid: SlipStudentRow[];
  /** Paid, not (yet) shot: a refund if they leave without a photo. */
  paidNotShot: SlipStudentRow[];
  /** Due for who was shot (their fees) minus what was received for them: > 0 still to collect. */
  openFen: number;
}

export function classSlips(rows: readonly SlipStudentRow[]): ClassSlip[] {
  const by = new Map<string, SlipStudentRow[]>();
  for (const r of rows) {
    const c = r.className.trim() || NO_CLASS;
    by.set(c, [...(by.get(c) ?? []), { ...r, className: c }]);
  }
  return [...by.entries()]
    .sort(([a], [b]) => (a === NO_CLASS ? 1 : b === NO_CLASS ? -1 : a.localeCompare(b, 'zh-CN')))
    .map(([className, list]) => {
      const students = [...list].sort(
        (a, b) => (a.ticketLabel ?? '~').localeCompare(b.ticketLabel ?? '~') || a.studentNo.localeCompare(b.studentNo),
      );
      const shot = students.filter((s) => s.shot);
      const sum = (l: SlipStudentRow[], k: 'feeFen' | 'paidFen') => l.reduce((n, s) => n + s[k], 0);
      return {
        className,
        students,
        registered: students.length,
        amountFen: sum(students, 'feeFen'),
        shot: shot.length,
        paid: students.filter((s) => s.paid).length,
        receivedFen: sum(students, 'paidFen'),
        shotUnpaid: shot.filter((s) => !s.paid),
        paidNotShot: students.filter((s) => s.paid && !s.shot),
        openFen: Math.max(0, sum(shot, 'feeFen') - sum(shot, 'paidFen')),
      };
    });
}

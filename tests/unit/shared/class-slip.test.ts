import { describe, expect, it } from 'vitest';
import { classSlips, NO_CLASS, type SlipStudentRow } from '../../../src/shared/domain/class-slip';

const row = (p: Partial<SlipStudentRow> & { orderId: string }): SlipStudentRow => ({
  className: '2023级教育技术1班',
  nameMasked: '张*',
  studentNo: p.orderId,
  ticketLabel: null,
  shot: false,
  paid: false,
  paidFen: 0,
  feeFen: 1500,
  ...p,
});

describe('class 收费条 and the cashier reconciliation', () => {
  it('per class: who is registered and the amount; against who was shot', () => {
    const [a, none] = classSlips([
      row({ orderId: '3', ticketLabel: '003', shot: true, paid: true, paidFen: 1500 }),
      row({ orderId: '1', ticketLabel: '001', shot: true }), // shot, not paid: still to collect
      row({ orderId: '2', ticketLabel: '2-001', paid: true, paidFen: 1500 }), // paid, not shot
      row({ orderId: '9', className: '' }),
    ]);
    expect(a).toMatchObject({
      className: '2023级教育技术1班',
      registered: 3,
      amountFen: 4500,
      shot: 2,
      paid: 2,
      receivedFen: 3000,
      openFen: 1500,
    });
    expect(a!.students.map((s) => s.ticketLabel)).toEqual(['001', '003', '2-001']);
    expect(a!.shotUnpaid.map((s) => s.orderId)).toEqual(['1']);
    expect(a!.paidNotShot.map((s) => s.orderId)).toEqual(['2']);
    expect(none).toMatchObject({ className: NO_CLASS, registered: 1, shot: 0, openFen: 0 });
  });
});

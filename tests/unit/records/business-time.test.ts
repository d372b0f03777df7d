import { describe, expect, it } from 'vitest';
import { businessDay } from '../../../src/shared/domain/business-time';
import { localDay } from '../../../src/main/payments/payment-service';
import { formatReceiptTime } from '../../../src/shared/receipt/receipt-data';

// A payment taken at 07:30 in Jinan belongs to that day's reconciliation, even when the laptop's clock is set to UTC.
describe('business day of a payment', () => {
  it('is the China calendar day, matching the time printed on the receipt', () => {
    const paid = '2026-06-01T23:30:00.000Z'; // 2026-06-02 07:30 in China
    expect(businessDay(paid)).toBe('2026-06-02');
    expect(localDay(paid)).toBe('2026-06-02');
    expect(formatReceiptTime(paid).slice(0, 10)).toBe('2026-06-02');
  });
  it('is empty for an unreadable timestamp', () => {
    expect(businessDay('not a time')).toBe('');
  });
});

import { demoStudent } from '../../src/main/checkin/demo-students';
import { test, expect } from './fixtures';

test.use({ viewport: { width: 1366, height: 768 } });

// 对账: a voided or refunded payment shows its reason, who cancelled it and when (China time) in its row, and the
// cursor lands on that row once the dialog closes (its 作废/退款 buttons are gone) — a new-user trial found only
// 已作废/已退款 there, the reason only in 订单 › 操作记录, and the page scrolled away from the row.
test('作废 and 退款 in 对账: the reason in the row, the cursor on it afterwards', async ({ page, freshHost, api }) => {
  const event = await api<{ id: string }>('events.create', {
    schoolName: '山东师范大学',
    schoolCode: '10403',
    featureCode: 'SDNU2026',
    date: '2026-06-01',
  });
  const payIds: string[] = [];
  for (const i of [1, 2]) {
    const s = demoStudent(i);
    const { order } = await api<{ order: { id: string } }>('checkin.submit', {
      eventId: event.id,
      source: 'qr',
      payload: s.payload,
      featureCode: 'SDNU2026',
      idLast4: s.idNumber.slice(-4),
      email: 'student@example.com',
      phone: '13812345678',
      operator: '张老师',
    });
    const { payment } = await api<{ payment: { id: string } }>('payments.record', {
      eventId: event.id,
      method: 'cash',
      orderIds: [order.id],
      operator: '张老师',
      override: { reason: '先收费后拍摄' },
    });
    payIds.push(payment.id);
  }

  await page.goto(`${freshHost.url}/#/reconcile`);
  await page.getByLabel('当前活动').selectOption(event.id);
  await page.getByLabel('操作员').fill('李老师');
  await page.getByRole('button', { name: '全部日期' }).click();

  for (const [n, kind, reason] of [
    [0, '作废', '收错人，学生改用微信'],
    [1, '退款', '学生放弃采集'],
  ] as const) {
    const row = page.locator(`[data-payment-id="${payIds[n]}"]`);
    await row.getByRole('button', { name: kind }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('原因').fill(reason);
    await dialog.getByRole('button', { name: kind }).click();
    await expect(dialog).toBeHidden();
    const status = row.getByTestId('payment-status');
    await expect(status).toContainText(kind === '作废' ? '已作废' : '已退款');
    await expect(status).toContainText(reason);
    await expect(status).toContainText(/李老师 · \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await expect(status).toBeFocused();
    await expect(status).toBeInViewport();
  }
});

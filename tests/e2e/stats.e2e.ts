import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, saveScreenshot } from './fixtures';
import { test } from './camera-fixtures';
import { demoStudent } from '../../src/main/checkin/demo-students';

test.use({ viewport: { width: 1366, height: 768 } });

const FEATURE = '1a2d9fb8a5f1c2ba03ae58a7';
const portrait = (n: number) =>
  readFileSync(
    path.resolve(`../shared/portraits/portrait-0${n}.${n === 2 ? 'webp' : n === 3 ? 'png' : 'jpg'}`),
  ).toString('base64');

// 统计 on real data: three students checked in and photographed through the API (real photo production and
// 初审 on the sample portraits, one retake), paid by two methods; the page shows the same totals as stats.event,
// draws the four charts, and follows a payment made while it is open.
test('statistics of an event: totals, four charts, live refresh after a payment', async ({ page, freshHost: host }) => {
  test.setTimeout(180_000);
  const api = async <T = Record<string, unknown>>(method: string, body: unknown): Promise<T> => {
    const res = await page.request.post(`${host.url}/api/${method}`, { data: body, timeout: 120_000 });
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()) as T;
  };
  const event = await api<{ id: string }>('events.create', {
    schoolName: '山东师范大学',
    schoolCode: '10403',
    featureCode: FEATURE,
    date: '2026-06-01',
  });
  // student 0: a first shot and a retake; students 1 and 2: one shot each. Whether a sample passes 初审 is up to
  // photo production: the page must show whatever stats.event says, and payments go through either way (with the
  // operator's reason when the photo has not passed yet).
  const orders: string[] = [];
  for (const [i, shots] of [
    [0, [1, 4]],
    [1, [5]],
    [2, [2]],
  ] as const) {
    const s = demoStudent(i);
    const { order } = await api<{ order: { id: string } }>('checkin.submit', {
      eventId: event.id,
      source: 'qr',
      payload: s.payload,
      featureCode: FEATURE,
      idLast4: s.idNumber.slice(-4),
      email: 'student@example.com',
      phone: '13812345678',
      operator: '张老师',
    });
    for (const n of shots)
      await api('photos.capture', { orderId: order.id, imageBase64: portrait(n), operator: '张老师' });
    orders.push(order.id);
  }
  const override = { reason: '先收费，稍后补拍' };
  await api('payments.record', {
    eventId: event.id,
    method: 'cash',
    orderIds: [orders[0]],
    operator: '张老师',
    override,
  });

  // a second active event: with one only, the station preselects it; with two, the operator must choose
  await api('events.create', { schoolName: '山东大学', schoolCode: '10422', featureCode: FEATURE, date: '2026-06-02' });
  await page.goto(`${host.url}/#/stats`);
  await expect(page.getByText('请先在上方选择当前采集活动。')).toBeVisible();
  await page.getByLabel('当前活动').selectOption(event.id);
  const stats = await api<{ totals: Record<string, number>; retakes: { count: number } }>('stats.event', {
    eventId: event.id,
  });
  expect(stats.totals.students).toBe(3);
  expect(stats.retakes.count).toBe(1);
  await expect(page.getByTestId('total-students')).toContainText('3');
  await expect(page.getByTestId('total-photographed')).toContainText(String(stats.totals.photographed));
  await expect(page.getByTestId('total-passed')).toContainText(String(stats.totals.passed));
  await expect(page.getByTestId('total-paid')).toContainText('1');
  await expect(page.getByTestId('total-retakes')).toContainText('1');
  await expect(page.getByTestId('total-revenue')).toContainText('15.00');
  for (const chart of ['每小时人数（北京时间）', '各项初审通过率', '重拍及原因', '收款方式'])
    await expect(page.getByRole('img', { name: chart })).toBeVisible();
  await expect(page.getByTestId('retake-summary')).toContainText('共重拍 1 次，涉及 1 名学生');

  // a payment made elsewhere shows up without reloading
  await api('payments.record', {
    eventId: event.id,
    method: 'wechat',
    orderIds: [orders[1]],
    reference: '4200001234202606010001',
    operator: '李老师',
    override,
  });
  await expect(page.getByTestId('total-paid')).toContainText('2');
  await expect(page.getByTestId('total-revenue')).toContainText('30.00');
  await saveScreenshot(page, '22-stats', { fullPage: true });
});

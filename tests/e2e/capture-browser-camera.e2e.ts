import path from 'node:path';
import sharp from 'sharp';
import { test, expect } from './camera-fixtures';
import { openWithStation } from './fixtures';

// A USB webcam that only the browser sees (getUserMedia; here Chromium's fake device playing a real portrait):
// the still is taken from the video element and stored as the order's original, then produced and checked.
test('capture from the browser webcam stores the original and shows the 初审 result', async ({
  freshHost,
  fakeCamera,
}) => {
  test.setTimeout(120_000);
  const still = await sharp(path.resolve('../shared/portraits/portrait-04.jpg'))
    .resize(1280, 720, { fit: 'contain', background: '#8a8f96' })
    .jpeg()
    .toBuffer();
  const { page } = await fakeCamera(still);
  const api = async (method: string, body: unknown) => {
    const res = await page.request.post(`${freshHost.url}/api/${method}`, { data: body });
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  };
  const event = await api('events.create', {
    schoolName: '青岛大学',
    schoolCode: '11065',
    featureCode: 'QDU',
    date: '2026-06-04',
  });
  const payload =
    'CSQR1:' +
    JSON.stringify({
      code: 'fedcba9876543210',
      name: '赵*',
      id: '3702**********0012',
      no: '2022000777',
      gender: '女',
      school: '11065',
      level: '本科',
      type: '普通全日制',
      campus: '本部',
      major: '法学',
    });
  const checkin = await api('checkin.submit', {
    eventId: event.id,
    source: 'qr',
    payload,
    featureCode: 'QDU',
    idLast4: '0012',
    email: 'zhao@example.com',
    phone: '13700001111',
    operator: '孙老师',
  });
  const order = checkin.order as { id: string };

  // the current student (as after a check-in)
  await openWithStation(page, `${freshHost.url}/#/capture`, {
    eventId: event.id as string,
    orderId: order.id,
    operator: '孙老师',
  });
  await page.getByLabel('画面来源').selectOption('browser');
  await expect(page.getByTestId('current-student')).toContainText('2022000777');
  await expect(page.getByTestId('live-checks').locator('[data-check="face.count"]')).toHaveCount(1, {
    timeout: 60_000,
  });
  await page.getByRole('button', { name: '拍摄', exact: true }).last().click();
  const result = page.getByTestId('capture-result');
  await expect(result.getByText(/初审合格|初审未通过/)).toBeVisible({ timeout: 60_000 });
  await expect(result).toContainText('原片第 1 版已保存');
  const detail = await api('orders.get', { orderId: order.id });
  const original = (detail.photos as { kind: string; width: number }[]).find((p) => p.kind === 'original');
  expect(original?.width).toBe(1280); // the webcam's own frame size, not a thumbnail
});

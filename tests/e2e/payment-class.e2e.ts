import path from 'node:path';
import sharp from 'sharp';
import { test, expect } from './camera-fixtures';
import { SHARED, saveScreenshot, withCheckDigit, type RosterStudent } from './fixtures';

// 收费 → 按班级 through the keyboard: the roster's 班级 column gives the classes of the event with their counts, 收本班
// picks a class and the focus goes to 确认收款; after 收款 it goes on to the next class still to charge. Money follows
// the photo: the student whose photo failed 初审 (portrait-01 shows teeth) is charged only with the override.

const students: RosterStudent[] = [0, 1, 2, 3].map((i) => ({
  name: ['王芳', '李娜', '张静', '陈思远'][i]!,
  no: `85202110500${i}`,
  code: `c8bade99b9b2ed${String(20 + i)}`,
  id: withCheckDigit(`11010519990101${200 + i}`),
  gender: i < 3 ? '女' : '男',
  className: i < 3 ? '2021级1班' : '2021级2班',
}));
// who each student is in front of the camera (sent as the station camera's JPEG captures, made as the replay camera
// makes them)
const photos = [
  'portraits/portrait-04.jpg',
  'portraits/portrait-03.png',
  'portraits/portrait-01.jpg',
  'portraits/portrait-02.webp',
];

test.use({ viewport: { width: 1366, height: 768 } });

test('按班级: pick a class, pay it at once, the focus goes on to the next class', async ({ page, api, station }) => {
  test.setTimeout(180_000);
  const { event, imported } = await station({ roster: students });
  expect(imported).toBe(4);
  // set-up (not what this test is about): each student checked in from the roster and photographed
  for (const [i, s] of students.entries()) {
    const { entries } = await api<{ entries: { id: string }[] }>('roster.list', { eventId: event.id, query: s.no });
    const { order } = await api<{ order: { id: string } }>('checkin.submit', {
      eventId: event.id,
      source: 'roster',
      rosterEntryId: entries[0]!.id,
      featureCode: 'SDNU2026',
      idLast4: s.id.slice(-4),
      email: `s${i}@example.com`,
      phone: `1381234560${i}`,
      operator: '王老师',
    });
    await api('photos.capture', {
      orderId: order.id,
      imageBase64: (
        await sharp(path.join(SHARED, photos[i]!))
          .rotate()
          .flatten({ background: '#ffffff' })
          .jpeg({ quality: 92 })
          .toBuffer()
      ).toString('base64'),
      operator: '王老师',
    });
  }

  await page.getByRole('button', { name: '收费', exact: true }).click();
  await page.getByRole('tab', { name: '按班级' }).click();
  const summary = page.getByTestId('class-summary');
  const class1 = summary.locator('tr[data-class="2021级1班"]');
  const class2 = summary.locator('tr[data-class="2021级2班"]');
  // 名单人数 / 已签到 / 待收费 / 初审合格
  await expect(class1.locator('td')).toHaveText(['2021级1班', '3', '3', '3', '2', '收本班（3 人）']);
  await expect(class2.locator('td')).toHaveText(['2021级2班', '1', '1', '1', '1', '收本班（1 人）']);

  // 收本班: the class's three orders picked, the focus on 确认收款; one photo has not passed 初审
  await class1.getByRole('button', { name: '收本班（3 人）' }).click();
  const collect = page.getByRole('button', { name: /确认收款/ });
  await expect(collect).toBeFocused();
  await expect(page.getByTestId('amount')).toContainText('¥45.00');
  await expect(page.getByTestId('photo-not-passed')).toContainText('1 人');
  await page.screenshot({ path: test.info().outputPath('class-picked.png') });
  await saveScreenshot(page, '06-payment-class');
  // only those whose photo passed: no reason needed
  await page.getByRole('button', { name: '只收初审合格的 2 人' }).click();
  await expect(page.getByTestId('amount')).toContainText('¥30.00');
  await expect(page.getByTestId('photo-not-passed')).toHaveCount(0);
  await expect(collect).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('已收款 ¥30.00（2 人）')).toBeVisible();
  await expect(class1.locator('td').nth(3)).toHaveText('1');

  // the focus went on to the next class still to charge: Enter picks it, Enter takes the money
  await expect(class2.getByRole('button', { name: '收本班（1 人）' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(collect).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('已收款 ¥15.00（1 人）')).toBeVisible();
  await expect(class2.locator('td').nth(5)).toHaveText('已收齐');

  // back to 1班's last student, whose photo failed 初审: charged only with the reason
  await expect(class1.getByRole('button', { name: '收本班（1 人）' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(collect).toBeFocused();
  await expect(page.getByTestId('photo-not-passed')).toContainText('1 人');
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('reason-dialog');
  await dialog.getByLabel('先收费的原因').fill('班级统一收费，稍后补拍');
  await dialog.getByRole('button', { name: '确认收费' }).click();
  await expect(page.getByText('已收款 ¥15.00（1 人）')).toBeVisible();
  await expect(class1.locator('td').nth(5)).toHaveText('已收齐');
  // nothing left to charge: the focus goes back to 本人
  await expect(page.getByRole('tab', { name: '本人' })).toBeFocused();

  const { orders } = await api<{ orders: { paid: boolean }[] }>('orders.list', { eventId: event.id });
  expect(orders.every((o) => o.paid)).toBe(true);
});

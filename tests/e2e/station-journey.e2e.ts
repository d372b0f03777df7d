import path from 'node:path';
import { test, expect, qrFrame } from './camera-fixtures';
import { saveScreenshot } from './fixtures';

// The station's main journey, as a photographer does it: event → check-in by the student's 采集码 QR seen by
// the webcam → capture on the station camera with live checks → 初审 → cash → receipt PDF → order in 待审核.

const FEATURE_CODE = '1a2d9fb8a5f1c2ba03ae58a7';
const payload =
  'CSQR1:' +
  JSON.stringify({
    code: 'c8bade99b9b2edca',
    name: '黄*正',
    id: '4430**********123X',
    no: '852021102012',
    gender: '女',
    school: '10403',
    level: '本科',
    type: '成人教育',
    campus: '成人',
    major: '教育传媒',
  });

test('check in from a QR on the webcam, shoot, pay cash, print the receipt, find the order in 待审核', async ({
  freshHost,
  fakeCamera,
}) => {
  test.setTimeout(180_000);
  const cam = await fakeCamera(await qrFrame(payload, path.resolve('../shared/portraits/portrait-04.jpg')));
  const page = cam.page;
  const shot = (n: string) => saveScreenshot(page, n, { fullPage: true });

  // 采集活动
  await page.goto(freshHost.url);
  const form = page.getByRole('form', { name: '新建采集活动' });
  await form.locator('input[name=schoolName]').fill('山东师范大学');
  await form.locator('input[name=schoolCode]').fill('10403');
  await form.locator('input[name=featureCode]').fill(FEATURE_CODE);
  await form.locator('input[name=stationName]').fill('1 号工作站');
  await form.getByRole('button', { name: '新建采集活动' }).click();
  await expect(page.getByRole('status')).toContainText('已创建活动');

  // 签到: choose the event and operator once (persisted), scan with the browser webcam
  await page.getByRole('button', { name: '签到', exact: true }).click();
  await page.getByLabel('当前活动').selectOption({ index: 1 });
  await page.getByLabel('操作员').fill('张老师');
  await page.getByLabel('画面来源').selectOption('browser');
  const decoded = page.getByTestId('decoded');
  await expect(decoded).toContainText('c8bade99b9b2edca', { timeout: 20_000 });
  await expect(decoded).toContainText('黄*正');
  await expect(decoded).toContainText('852021102012');
  await expect(decoded).toContainText('教育传媒');
  await expect(page.locator('input[name=featureCode]')).toHaveValue(FEATURE_CODE);

  // wrong last 4 is refused in Chinese and nothing is created
  await page.locator('input[name=idLast4]').fill('9999');
  await page.locator('input[name=email]').fill('huang@example.com');
  await page.locator('input[name=phone]').fill('13800138000');
  await page.getByRole('button', { name: '确认信息并去拍摄' }).click();
  await expect(page.getByRole('alert')).toContainText('证件号后 4 位不正确');
  await shot('03-checkin');
  await page.locator('input[name=idLast4]').fill('123x');
  await page.getByRole('button', { name: '确认信息并去拍摄' }).click();

  // 拍摄 on the station's replay camera
  await expect(page.getByRole('heading', { name: '拍摄', level: 1 })).toBeVisible();
  await expect(page.getByTestId('current-student')).toContainText('852021102012');
  await page.getByLabel('画面来源').selectOption('station');
  await page.getByLabel('相机').selectOption('replay:samples');
  // the replay camera's 4th sample (portrait-04: plain backdrop, lips closed) is the student in front of the lens
  for (const n of [2, 3, 4]) {
    await page.getByRole('button', { name: /下一位（演示）/ }).click();
    await expect(page.getByRole('button', { name: `下一位（演示）（${n}/5）` })).toBeVisible();
  }
  await expect(page.getByTestId('guides')).toBeVisible();
  const checks = page.getByTestId('live-checks');
  await expect(checks.locator('[data-check="face.count"]')).toHaveCount(1, { timeout: 60_000 });
  await expect(checks.locator('[data-status]')).toHaveCount(20);
  await shot('04-capture-live');
  await page.keyboard.press('Space'); // focus is still on the "下一位" button: Space must shoot, not skip a student
  const result = page.getByTestId('capture-result');
  await expect(result.getByText(/初审合格|初审未通过|已保存原片/)).toBeVisible({ timeout: 60_000 });
  await shot('05-capture-result');
  const passed = await result.getByText('初审合格').isVisible();

  // 收费: cash, then the receipt PDF
  await page.getByRole('button', { name: '收费', exact: true }).click();
  await expect(page.getByTestId('payment-student')).toContainText('852021102012');
  await expect(page.getByTestId('amount')).toContainText('¥15.00');
  await page.getByRole('button', { name: /确认收款/ }).click();
  if (!passed) {
    // money follows the photo: charging before 初审 passed needs the reason, asked in the app's own dialog
    const dialog = page.getByTestId('reason-dialog');
    await dialog.getByLabel('先收费的原因').fill('学生赶时间，稍后补拍');
    await dialog.getByRole('button', { name: '确认收费' }).click();
  }
  await expect(page.getByRole('status')).toContainText('已收款 ¥15.00（1 人）');
  await page.getByRole('button', { name: '打印收据' }).click();
  const link = page.getByTestId('receipt-pdf');
  await expect(link).toBeVisible();
  const pdf = await page.request.get(new URL((await link.getAttribute('href'))!, freshHost.url).toString());
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  await shot('06-payment');

  // 订单: a paid order whose photo passed 初审 waits for review (待审核); otherwise it stays 待支付 for a retake
  await page.getByRole('button', { name: '订单', exact: true }).click();
  await page.getByRole('tab', { name: passed ? '待审核' : '待支付' }).click();
  const table = page.getByTestId('orders-table');
  await expect(table).toContainText('852021102012');
  await table.getByText('852021102012').click();
  await expect(page.getByTestId('audit-trail')).toContainText('张老师');
  await expect(page.getByTestId('photo-versions').locator('figure').first()).toBeVisible();
  await shot('07-orders');

  // 对账 and 导出
  await page.getByRole('button', { name: '对账', exact: true }).click();
  await expect(page.getByTestId('reconcile-total')).toContainText('¥15.00');
  await shot('08-reconcile');
  await page.getByRole('button', { name: '导出', exact: true }).click();
  await page.getByRole('button', { name: '预览' }).click();
  await expect(page.getByText(/将导出 \d+ 张照片/)).toBeVisible();
  await page.getByRole('button', { name: '开始导出' }).click();
  await expect(page.getByTestId('export-progress')).toBeVisible();
  await expect(page.getByRole('status')).toContainText('已导出 1 张照片', { timeout: 30_000 });
  await shot('09-export');

  // the same student again, typed by a USB scanner into the focused field: the existing order opens
  await page.getByRole('button', { name: '签到', exact: true }).click();
  await page.getByLabel('画面来源').selectOption('station');
  const scanner = page.getByLabel('扫码枪 / 手动粘贴采集码内容');
  await scanner.fill(payload);
  await scanner.press('Enter');
  await expect(page.getByRole('status')).toContainText('该学生已签到：订单 S1-');
  await shot('10-checkin-duplicate');
  await page.getByRole('button', { name: '打开该订单去拍摄' }).click();
  await expect(page.getByTestId('current-student')).toContainText('852021102012');

  // review says no (审核驳回 with a reason) → the photographer retakes → the order is 采集中 again
  if (passed) {
    await page.getByRole('button', { name: '订单', exact: true }).click();
    await page.getByRole('tab', { name: '待审核' }).click();
    await page.getByTestId('orders-table').getByText('852021102012').click();
    await page.getByLabel('驳回原因').fill('头发遮挡耳朵');
    await page.getByRole('button', { name: '审核驳回' }).click();
    const detail = page.getByTestId('order-detail');
    await expect(detail.locator('.state-pill')).toHaveText('审核驳回');
    await expect(detail).toContainText('头发遮挡耳朵');
    await shot('11-orders-rejected');
    await detail.getByRole('button', { name: '重新拍摄' }).click();
    await expect(page.getByText('审核驳回：头发遮挡耳朵')).toBeVisible();
    await page.getByRole('button', { name: '拍摄', exact: true }).last().click();
    await expect(result.getByText('初审合格')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('current-student').locator('.state-pill')).toHaveText('采集中');
    await shot('12-retake');
  }
});

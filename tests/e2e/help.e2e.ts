import { test, expect, saveScreenshot } from './fixtures';

test.use({ viewport: { width: 1366, height: 768 } });

// 帮助: the shortcuts the station binds (one definition, station/shortcuts.ts) and the event checklist, whose
// ticks are kept on this machine.
test('help lists the station shortcuts and keeps the checklist ticks', async ({ page, studioHost }) => {
  await page.goto(`${studioHost.url}/#/help`);
  await expect(page.getByRole('heading', { name: '帮助', level: 1 })).toBeVisible();
  const rows = page.getByTestId('shortcuts').locator('tbody tr');
  await expect(rows).toHaveCount(5);
  await expect(rows.locator('kbd')).toHaveText(['F2', 'Space', 'Enter', 'R', 'F4']);
  await expect(rows.nth(1)).toContainText('拍摄（快门）');
  await expect(rows.nth(4)).toContainText('去收费');

  const list = page.getByTestId('checklist');
  await expect(list.getByRole('heading', { level: 3 })).toHaveText(['活动前', '每位学生', '活动后']);
  const boxes = list.getByRole('checkbox');
  const total = await boxes.count();
  expect(total).toBeGreaterThanOrEqual(12);
  await expect(page.getByTestId('checklist-progress')).toHaveText(`已完成 0 / ${total}`);
  await list.getByText('导入学校名单（CSV 或 XLSX），处理未导入的行').click();
  await list.getByText('连接收据打印机，选择纸张并测试打印').click();
  await expect(page.getByTestId('checklist-progress')).toHaveText(`已完成 2 / ${total}`);
  await page.reload();
  await expect(page.getByTestId('checklist-progress')).toHaveText(`已完成 2 / ${total}`);
  await expect(boxes.nth(1)).toBeChecked();
  await saveScreenshot(page, '23-help', { fullPage: true });
  await list.getByRole('button', { name: '清除勾选' }).click();
  await expect(page.getByTestId('checklist-progress')).toHaveText(`已完成 0 / ${total}`);
});

// 帮助 › 采集码与特征码: what the QR carries (masked name and ID), the school's 特征码, what to type when the scan
// fails — the facts of the seeds and of the station's parser (unit help-codes ties the examples to it).
test('help explains the 采集码 QR, the 特征码 and what to type when the scan fails', async ({ page, studioHost }) => {
  await page.goto(`${studioHost.url}/#/help`);
  const codes = page.getByTestId('codes-help');
  await expect(codes.getByRole('heading', { level: 2 })).toHaveText('采集码与特征码');
  await expect(codes.getByRole('heading', { level: 3 })).toHaveText([
    '学信网采集码（二维码）',
    '特征码',
    '扫码失败时操作员输入什么',
  ]);
  const fields = codes.getByTestId('qr-fields').locator('tr');
  await expect(fields.filter({ hasText: '姓名' }).first()).toContainText('已脱敏，如 黄*正');
  await expect(fields.filter({ hasText: '证件号' })).toContainText('4430**********002X');
  await expect(fields.filter({ hasText: '采集码' })).toContainText('c8bade99b9b2edca');
  await expect(codes).toContainText('由学生所属高校通知获取');
  const steps = codes.getByTestId('scan-fail-steps').locator('li');
  await expect(steps).toHaveCount(4);
  await expect(steps.nth(0)).toContainText('16 位采集码');
  await expect(steps.nth(1)).toContainText('花名册查找');
  await expect(steps.nth(2)).toContainText('手动登记');
  await expect(steps.nth(3)).toContainText('证件号后 4 位');
  await codes.scrollIntoViewIfNeeded();
  await saveScreenshot(page, '23-help-codes');
});

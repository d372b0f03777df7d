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

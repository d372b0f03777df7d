import { expect, saveScreenshot } from './fixtures';
import { test } from './camera-fixtures';

// a fresh data folder: the first screen's empty state (the shared host holds other tests' events, e.g. event mode's desk)
test('operator creates an event in the UI and still sees it after a reload', async ({ page, freshHost }) => {
  await page.goto(freshHost.url);
  await expect(page.getByRole('heading', { name: '采集活动', level: 1 })).toBeVisible();
  await expect(page.getByText('还没有采集活动')).toBeVisible();
  await expect(page.getByTestId('app-info')).toContainText('版本');
  await saveScreenshot(page, '01-events-empty');

  const form = page.getByRole('form', { name: '新建采集活动' });
  // a missing school name is refused with a Chinese message, and nothing is created
  await form.locator('input[name=schoolCode]').fill('10403');
  await form.locator('input[name=featureCode]').fill('1a2d9fb8a5f1c2ba03ae58a7');
  await form.getByRole('button', { name: '新建采集活动' }).click();
  await expect(page.getByRole('alert')).toContainText('请填写学校名称');

  await form.locator('input[name=schoolName]').fill('山东师范大学');
  await form.locator('input[name=date]').fill('2026-06-01');
  await form.locator('input[name=stationName]').fill('1 号工作站');
  await form.getByRole('button', { name: '新建采集活动' }).click();
  await expect(page.getByRole('status')).toContainText('已创建活动：山东师范大学');
  await expect(page.getByTestId('events-table')).toContainText('山东师范大学');

  await page.reload();
  const table = page.getByTestId('events-table');
  await expect(table).toContainText('山东师范大学');
  await expect(table).toContainText('10403');
  await expect(table).toContainText('¥15.00');
  await saveScreenshot(page, '02-events');
});

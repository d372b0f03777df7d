import { test, expect } from './fixtures';

test.use({ viewport: { width: 1366, height: 768 } });

// 帮助 promises F2 (去签到，光标进入扫码输入框) and F4 (去收费) on every page. 活动, 设置 and 帮助 have no station bar,
// and the keys were bound by that bar: a new-user trial pressed F2 on 采集活动 and F4 on 设置 and nothing happened.
test('F2 and F4 work from every page, also those without a station bar', async ({ page, studioHost }) => {
  for (const from of ['events', 'settings', 'help', 'stats']) {
    await page.goto(`${studioHost.url}/#/${from}`);
    await expect(page.locator('h1')).toBeVisible();
    await page.keyboard.press('F2');
    await expect(page).toHaveURL(/#\/checkin/);
    await expect(page.locator('input[data-scanner-input]')).toBeFocused();

    await page.goto(`${studioHost.url}/#/${from}`);
    await expect(page.locator('h1')).toBeVisible();
    await page.keyboard.press('F4');
    await expect(page).toHaveURL(/#\/payment/);
  }
});

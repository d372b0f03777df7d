import { test as base, expect, type Page } from '@playwright/test';
import { spawnHost, type SpawnedHost } from '../helpers/spawn-host';
import { tempDir } from '../helpers/temp-dir';

// What a new-user trial found on the station's screens (issue 9), kept mended: the favicon, the only event
// preselected, the focus after a new event, 手动登记 requires the 采集码, one masked name on every screen, no field
// running off its card at 1366×768, and the data folder in an operator's words.

process.env.STUDIO_CAMERA = 'replay';

const test = base.extend<{ host: SpawnedHost }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
  host: async ({}, use) => {
    const tmp = tempDir('studio-e2e-screens-');
    const host = await spawnHost(tmp.dir);
    await use(host);
    await host.stop();
    tmp.cleanup();
  },
});

test.use({ viewport: { width: 1366, height: 768 } });

/** Elements that stick out of their card (left or right) on the page as it is now (run in the page: a string, as
 * the e2e files are type-checked without the DOM library). */
const OVERFLOWING = `(() => {
  const out = [];
  for (const card of document.querySelectorAll('.card')) {
    const box = card.getBoundingClientRect();
    for (const el of card.querySelectorAll('input, select, textarea, button, label, .path-box')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.right > box.right + 1 || r.left < box.left - 1) {
        const name = el.getAttribute('name') || el.getAttribute('aria-label') || (el.textContent || '').trim().slice(0, 20);
        out.push(el.tagName.toLowerCase() + ' ' + name + ': ' + Math.round(r.left) + '–' + Math.round(r.right) +
          ' outside ' + Math.round(box.left) + '–' + Math.round(box.right));
      }
    }
  }
  if (document.documentElement.scrollWidth > document.documentElement.clientWidth) out.push('page scrolls sideways');
  return out;
})()`;

function overflowing(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(OVERFLOWING);
}

test('the trial findings on 活动, 签到, 拍摄 and 设置 stay mended', async ({ page, host }) => {
  test.setTimeout(180_000); // one walk through five pages on a shared 2-core machine (no time is asserted)
  // favicon: linked from the UI (the bundled app icon) and /favicon.ico served by the host
  await page.goto(host.url);
  const icon = await page.locator('link[rel=icon]').getAttribute('href');
  expect(icon).toBeTruthy();
  const linked = await page.request.get(new URL(icon!, host.url).toString());
  expect(linked.status()).toBe(200);
  expect(linked.headers()['content-type']).toBe('image/png');
  const ico = await page.request.get(`${host.url}/favicon.ico`);
  expect(ico.status()).toBe(200);
  expect(ico.headers()['content-type']).toBe('image/x-icon');

  // 活动: nothing sticks out of the form (the 采集方式 box did); after 新建 the focus is on the next thing to do,
  // the roster import for that event
  await expect(page.getByRole('heading', { name: '采集活动', level: 1 })).toBeVisible();
  expect(await overflowing(page)).toEqual([]);
  const form = page.getByRole('form', { name: '新建采集活动' });
  await form.locator('input[name=schoolName]').fill('山东师范大学');
  await form.locator('input[name=schoolCode]').fill('10445');
  await form.locator('input[name=date]').fill('2026-06-01');
  await form.locator('input[name=featureCode]').fill('1a2d9fb8a5f1c2ba03ae58a7');
  await form.locator('input[name=featureCode]').press('Enter');
  await expect(page.getByRole('status')).toContainText('下一步：导入学校名单');
  const importer = page.getByTestId('roster-import');
  await expect(importer.getByRole('button', { name: '选择文件…' })).toBeFocused();
  await expect(importer.getByLabel('导入到活动')).toHaveValue(/.+/);

  // 签到: the only event is preselected; the manual form fits the card
  await page.getByRole('button', { name: '签到', exact: true }).click();
  await expect(page.getByLabel('当前活动')).toHaveValue(/.+/);
  await expect(page.getByLabel('当前活动')).toContainText('山东师范大学');
  await page.getByRole('button', { name: '手动登记' }).click();
  await expect(page.locator('input[name=campusType]')).toBeVisible();
  expect(await overflowing(page)).toEqual([]);

  // no operator yet: the message is under 操作员 in the station bar and the cursor goes there
  await page.getByRole('button', { name: /确认信息并去拍摄/ }).click();
  const bar = page.getByTestId('station-bar');
  await expect(bar.locator('.field-error')).toHaveText('请先填写操作员');
  await expect(page.getByLabel('操作员')).toBeFocused();
  // typed key by key: the message goes at the first key and the cursor stays where the operator types
  await page.getByLabel('操作员').pressSequentially('王老师');
  await expect(bar.locator('.field-error')).toHaveCount(0);
  await expect(page.getByLabel('操作员')).toBeFocused();
  await expect(page.getByLabel('操作员')).toHaveValue('王老师');

  // 手动登记 without 采集码: refused next to the field, nothing saved
  await page.locator('input[name=name]').fill('张晓燕');
  await page.locator('input[name=studentNo]').fill('852021102099');
  await page.locator('select[name=gender]').selectOption('女');
  await page.locator('input[name=idNumber]').fill('11010519491231002X');
  await page.locator('select[name=educationLevel]').selectOption('本科');
  await page.locator('input[name=campusType]').fill('本部');
  await page.locator('input[name=idLast4]').fill('002X');
  await page.locator('input[name=email]').fill('zhang@example.com');
  await page.locator('input[name=phone]').fill('13700137000');
  await page.getByRole('button', { name: /确认信息并去拍摄/ }).click();
  const codeField = page.locator('label.field', { has: page.locator('input[name=collectionCode]') });
  await expect(codeField.locator('.field-error')).toHaveText('请填写采集码（学生可在学信网“学信档案”中查看，16 位）');
  await expect(page.locator('input[name=collectionCode]')).toBeFocused();
  const none = await page.request.post(`${host.url}/api/orders.list`, { data: {} });
  expect(((await none.json()) as { total: number }).total).toBe(0);

  // with the 采集码 the order opens; 拍摄 shows the name masked, as 签到 does
  await page.locator('input[name=collectionCode]').pressSequentially('a1b2c3d4e5f60718');
  await expect(codeField.locator('.field-error')).toHaveCount(0);
  await expect(page.locator('input[name=collectionCode]')).toBeFocused();
  await expect(page.locator('input[name=collectionCode]')).toHaveValue('a1b2c3d4e5f60718');
  await page.locator('input[name=collectionCode]').press('Enter');
  await expect(page.getByRole('heading', { name: '拍摄', level: 1 })).toBeVisible();
  const current = page.getByTestId('current-student');
  await expect(current).toContainText('张*燕');
  await expect(current).not.toContainText('张晓燕');
  await page.getByRole('button', { name: '收费', exact: true }).click();
  await expect(page.getByRole('heading', { name: '收费', level: 1 })).toBeVisible();
  await expect(page.getByTestId('payment-student')).toContainText('张*燕');
  await expect(page.getByTestId('payment-student')).not.toContainText('张晓燕');

  // 设置: the data folder in an operator's words, with a way to open it; nothing sticks out
  await page.getByRole('button', { name: '设置', exact: true }).click();
  await expect(page.getByTestId('data-dir')).toBeVisible();
  const station = page.getByRole('form', { name: '工作站' });
  await expect(station).not.toContainText('STUDIO_DATA_DIR');
  await expect(station).not.toContainText('--data');
  await expect(station).toContainText('文件管理器');
  await station.getByRole('button', { name: '复制路径' }).click();
  await expect(station.getByRole('status')).toContainText(/路径已(复制|选中)/);
  expect(await overflowing(page)).toEqual([]);

  // 帮助 fits too
  await page.getByRole('button', { name: '帮助', exact: true }).click();
  await expect(page.getByRole('heading', { name: '帮助', level: 1 })).toBeVisible();
  expect(await overflowing(page)).toEqual([]);
});

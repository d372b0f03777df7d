import { expect, saveScreenshot } from './fixtures';
import { test } from './camera-fixtures';

test.use({ viewport: { width: 1366, height: 768 } });

// 设置: every setting saved through the API and kept; problems at their fields; test print as PDF (no printer
// in a browser window); the language switch reloads the whole UI in English and back.
test('station settings: code, operators, contact fields, printer + test print, camera, backdrop, language', async ({
  page,
  freshHost: host,
}) => {
  const api = async (method: string, body: unknown) => {
    const res = await page.request.post(`${host.url}/api/${method}`, { data: body });
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  };
  await page.goto(`${host.url}/#/settings`);
  await expect(page.getByRole('heading', { name: '设置', level: 1 })).toBeVisible();
  await expect(page.getByTestId('data-dir')).toHaveText(host.dataDir);

  // station code: refused next to the field, then saved upper-cased
  const station = page.getByRole('form', { name: '工作站' });
  await station.locator('input[name=stationCode]').fill('1号');
  await station.getByRole('button', { name: '保存编号' }).click();
  await expect(station.locator('.field-error')).toHaveText('工作站编号应为字母开头的 1–8 位字母或数字，如 S1');
  await station.locator('input[name=stationCode]').fill('b2');
  await station.getByRole('button', { name: '保存编号' }).click();
  await expect(station.getByText('工作站编号已改为 B2')).toBeVisible();

  // operators: add two, a repeat is refused at the field, remove one
  const ops = page.getByRole('form', { name: '操作员名单' });
  for (const name of ['张老师', '李老师']) {
    await ops.locator('input[name=operatorName]').fill(name);
    await ops.getByRole('button', { name: '添加' }).click();
    await expect(page.getByTestId('operators')).toContainText(name);
  }
  await ops.locator('input[name=operatorName]').fill('张老师');
  await ops.getByRole('button', { name: '添加' }).click();
  await expect(ops.locator('.field-error')).toHaveText('操作员“张老师”已在名单中');
  await expect(page.getByTestId('operators')).toContainText('李老师');
  await ops.getByRole('button', { name: '移除 李老师' }).click();
  await expect(page.getByTestId('operators')).not.toContainText('李老师');

  // contact fields optional at the station (check-in reads contactFieldsRequired)
  await page.getByLabel('电子邮箱和联系电话可留空（学生稍后在手机上补填）').check();
  await expect(page.getByRole('region', { name: '签到必填项' }).getByText('已保存')).toBeVisible();

  // receipt printer and paper, then a test page (PDF: a browser window has no silent printer)
  const receipt = page.getByRole('form', { name: '收据打印' });
  await expect(receipt).toContainText('本窗口不能直接打印');
  await receipt.locator('select[name=paper]').selectOption('58mm');
  await receipt.locator('input[name=printer]').fill('XP-58IIH');
  await receipt.getByRole('button', { name: '保存打印设置' }).click();
  await expect(receipt.getByText('打印设置已保存')).toBeVisible();
  await receipt.getByRole('button', { name: '测试打印' }).click();
  // the first render loads the bundled CJK font: allow it time on a loaded machine
  await expect(receipt.getByText('测试页已生成 PDF：')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('test-print-pdf')).toHaveAttribute('download', '测试页-58mm.pdf');

  // default camera (the replay camera in e2e) and the backdrop mode
  const cam = page.getByRole('region', { name: '相机与背景' });
  const select = cam.locator('select[name=defaultCamera]');
  await expect(select.locator('option')).toHaveCount(2);
  const replayId = await select.locator('option').nth(1).getAttribute('value');
  await select.selectOption(replayId!);
  await expect(cam.getByText('默认相机已保存')).toBeVisible();
  await cam.getByLabel('蓝色背景布（严格检查背景色）').check();
  await expect(cam.getByText('背景模式已保存')).toBeVisible();

  expect(await api('settings.get', {})).toMatchObject({
    stationCode: 'B2',
    operators: ['张老师'],
    contactFieldsRequired: false,
    defaultCameraId: replayId,
    dataDir: host.dataDir,
  });
  expect(await api('receipts.settings', {})).toMatchObject({ paper: '58mm', printer: 'XP-58IIH' });
  expect(await api('vision.settings', {})).toEqual({ backdrop: 'blue' });

  // everything is still there after a reload
  await page.reload();
  await expect(page.locator('input[name=stationCode]')).toHaveValue('B2');
  await expect(page.getByLabel('电子邮箱和联系电话可留空（学生稍后在手机上补填）')).toBeChecked();
  await expect(page.locator('select[name=defaultCamera]')).toHaveValue(replayId!);
  await saveScreenshot(page, '21-settings');

  // English, from the same catalogue, for the whole window; then back
  await page.locator('select[name=locale]').selectOption('en-US');
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('button', { name: 'Events' })).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('button', { name: 'Statistics' })).toBeVisible();
  await expect(page.locator('input[name=stationCode]')).toHaveValue('B2');
  await saveScreenshot(page, '21-settings-en');
  await page.locator('select[name=locale]').selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: '设置', level: 1 })).toBeVisible();

  // the operator list is offered in the station bar of the workflow pages
  await page.getByRole('navigation').getByRole('button', { name: '统计' }).click();
  await expect(page.locator('#station-operators option')).toHaveCount(1);
  await expect(page.locator('#station-operators option')).toHaveAttribute('value', '张老师');
});

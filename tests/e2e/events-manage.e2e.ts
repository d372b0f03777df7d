import { expect, saveScreenshot } from './fixtures';
import { test } from './camera-fixtures';

test.use({ viewport: { width: 1366, height: 768 } });

// 采集活动: edit an event with every problem shown next to its field, archive it through the app's own dialog
// (hidden by default, shown and restored on demand), import a roster from a file with a progress bar and the
// rejected rows by line and reason.
test('edit, archive/restore an event and import a roster file with rejected rows', async ({
  page,
  freshHost: studioHost,
}) => {
  const api = async (method: string, body: unknown) => {
    const res = await page.request.post(`${studioHost.url}/api/${method}`, { data: body });
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  };
  await api('events.create', { schoolName: '济南大学', schoolCode: '10427', featureCode: 'JNDX', date: '2026-05-20' });
  await api('events.create', {
    schoolName: '山东师范大学',
    schoolCode: '10445',
    featureCode: '1a2d9fb8a5f1c2ba03ae58a7',
    date: '2026-06-01',
    stationName: '1 号工作站',
  });
  await page.goto(studioHost.url);
  const table = page.getByTestId('events-table');
  const row = (school: string) => table.getByTestId('event-row').filter({ hasText: school });
  await expect(row('山东师范大学')).toBeVisible();

  // edit: two problems at once, each under its field; nothing is saved until both are fixed
  await row('山东师范大学').getByRole('button', { name: '编辑' }).click();
  const form = page.getByRole('form', { name: '编辑采集活动' });
  await expect(form.locator('input[name=schoolName]')).toHaveValue('山东师范大学');
  await form.locator('input[name=schoolCode]').fill('104');
  await form.locator('input[name=fee]').fill('十五');
  await form.getByRole('button', { name: '保存修改' }).click();
  await expect(form.locator('.field-error')).toHaveCount(2);
  await expect(form.getByRole('alert')).toHaveText('有 2 处需要修改，请看标红的字段。');
  await expect(form.getByText('学校编码应为 5 位数字')).toBeVisible();
  await expect(form.getByText('收费金额格式不正确，例如 15 或 15.00')).toBeVisible();
  await form.locator('input[name=schoolCode]').fill('10445');
  await form.locator('input[name=fee]').fill('20');
  await form.locator('input[name=schoolName]').fill('山东师范大学（长清湖校区）');
  await form.getByRole('button', { name: '保存修改' }).click();
  await expect(page.getByText('已保存修改：山东师范大学（长清湖校区）')).toBeVisible();
  await expect(row('长清湖校区')).toContainText('¥20.00');

  // archive through the app's dialog: hidden by default, shown with 显示已归档, restorable
  await row('济南大学').getByRole('button', { name: '归档' }).click();
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toContainText('济南大学（2026-05-20）');
  await dialog.getByRole('button', { name: '归档' }).click();
  await expect(page.getByText('已归档：济南大学')).toBeVisible();
  await expect(row('济南大学')).toHaveCount(0);
  await page.getByLabel('显示已归档').check();
  await expect(row('济南大学')).toContainText('已归档');
  await row('济南大学').getByRole('button', { name: '恢复' }).click();
  await expect(page.getByText('已恢复：济南大学')).toBeVisible();
  await expect(row('济南大学')).not.toContainText('已归档');
  await page.getByLabel('显示已归档').uncheck();
  await expect(row('济南大学')).toBeVisible();

  // roster import: nothing chosen → both problems at their fields
  const importer = page.getByTestId('roster-import');
  await importer.getByRole('button', { name: '开始导入' }).click();
  await expect(importer.getByText('请选择要导入名单的活动')).toBeVisible();
  await expect(importer.getByText('请选择名单文件（CSV 或 XLSX）')).toBeVisible();

  await row('长清湖校区').getByRole('button', { name: '导入名单' }).click();
  await expect(importer.getByLabel('导入到活动')).toHaveValue(/.+/);
  const csv = [
    '姓名,学号,证件号,性别,学历,所在校别,专业/院系',
    '张三,2021000101,11010519491231002X,男,本科,本部,教育传媒',
    '李四,2021000102,123,女,本科,本部,教育传媒',
    ',2021000103,,男,本科,本部,教育传媒',
    '王五,2021000101,,男,本科,本部,教育传媒',
    '赵六,2021000104,,女,硕士,本部,心理学',
  ].join('\n');
  await importer.getByTestId('roster-file').setInputFiles({
    name: '教育传媒学院名单.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  });
  await expect(importer).toContainText('教育传媒学院名单.csv');
  await importer.getByRole('button', { name: '开始导入' }).click();
  await expect(importer.getByText('导入完成')).toBeVisible();
  await expect(importer.getByRole('progressbar')).toHaveAttribute('value', '100');
  const result = importer.getByTestId('roster-result');
  await expect(result).toContainText('已导入 2 人（新增 2，更新 0）；3 行未导入');
  const rejected = importer.getByTestId('roster-rejected').locator('tbody tr');
  await expect(rejected).toHaveCount(3);
  await expect(rejected.nth(0)).toContainText('第 3 行');
  await expect(rejected.nth(1)).toContainText('第 4 行');
  await expect(rejected.nth(2)).toContainText('第 5 行');
  await expect(rejected.nth(2)).toContainText('与第 2 行重复');
  await saveScreenshot(page, '20-events-roster', { fullPage: true });

  // the station's event lists leave archived events out
  const before = (await api('events.list', {})) as { events: { id: string }[] };
  await api('events.archive', { id: before.events[1]!.id, archived: true });
  const listed = (await api('events.list', {})) as { events: { id: string }[] };
  expect(listed.events.map((e) => e.id)).toEqual([before.events[0]!.id]);
});

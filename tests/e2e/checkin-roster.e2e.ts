import { test, expect } from './camera-fixtures';

// No QR at hand (adult education): the operator finds the student in the school's roster and checks them in.
test('check in a student found in the roster by 学号, with a rare-character name', async ({ page, freshHost }) => {
  const api = async (method: string, body: unknown) => {
    const res = await page.request.post(`${freshHost.url}/api/${method}`, { data: body });
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  };
  const event = await api('events.create', {
    schoolName: '成人教育学院',
    schoolCode: '10445',
    featureCode: 'QDCJ',
    date: '2026-06-02',
  });
  const csv =
    '姓名,学号,证件号,性别,学历,学历类别,所在校别,专业/院系\n李𠮷,2021000101,11010519491231002X,男,本科,成人教育,成人,会计学\n';
  const imported = await api('roster.import', {
    eventId: event.id,
    fileName: 'roster.csv',
    contentBase64: Buffer.from(csv).toString('base64'),
  });
  expect(imported.imported).toBe(1);

  await page.goto(`${freshHost.url}/#/checkin`);
  await page.getByLabel('当前活动').selectOption(event.id as string);
  await page.getByLabel('操作员').fill('王老师');
  await page.getByLabel('花名册查找').fill('2021000101');
  await page.getByRole('button', { name: '查找' }).click();
  await page.getByRole('button', { name: /2021000101/ }).click();
  const entry = page.getByTestId('roster-entry');
  await expect(entry).toContainText('2021000101');
  await expect(entry).not.toContainText('11010519491231002X'); // only the masked 证件号 is ever shown
  await page.locator('input[name=featureCode]').fill('QDCJ');
  await page.locator('input[name=idLast4]').fill('002X');
  await page.locator('input[name=email]').fill('li@example.com');
  await page.locator('input[name=phone]').fill('13912345678');
  await page.getByRole('button', { name: '确认信息并去拍摄' }).click();
  await expect(page.getByTestId('current-student')).toContainText('2021000101');
  // names on screen are masked (one rule, 51a4bc6): 𠮷 (outside the BMP) is kept whole in the order
  await expect(page.getByTestId('current-student')).toContainText('李*');
  const { orders } = (await api('orders.list', { eventId: event.id })) as { orders: { name: string }[] };
  expect(orders.map((o) => o.name)).toEqual(['李𠮷']);
});

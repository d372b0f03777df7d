import { writeFileSync } from 'node:fs';
import { pdfText } from '../helpers/pdf-tools';
import { test, expect } from './camera-fixtures';
import { openWithStation, withCheckDigit, type RosterStudent } from './fixtures';

// 收费: the receipt box names and prints exactly the payment just made. A trial found 按班级 → 打印收据 issuing the
// earlier 本人 payment's receipt (another student's, paid cash) after a class paid by 微信支付. Also 按班级's labels:
// a class nobody has checked in is 无人签到 (not 已收齐), a student never photographed 未拍摄 (not 未通过初审).

const students: RosterStudent[] = [
  { name: '张静', no: '852021105101', className: '2021级1班' },
  { name: '刘洋', no: '852021105104', className: '2021级2班' },
  { name: '王芳', no: '852021105107', className: '2021级3班' },
].map((s, i) => ({
  ...s,
  code: `c8bade99b9b2ed${String(40 + i)}`,
  id: withCheckDigit(`11010519990101${300 + i}`),
  gender: '女' as const,
}));

test.use({ viewport: { width: 1366, height: 768 } });

type Api = <T = Record<string, unknown>>(method: string, body: unknown) => Promise<T>;

/** A student of the roster checked in through 花名册查找 (as 签到 does), with contact details unique by `n`. */
async function rosterCheckIn(api: Api, eventId: string, s: RosterStudent, n: number) {
  const { entries } = await api<{ entries: { id: string }[] }>('roster.list', { eventId, query: s.no });
  const r = await api<{ order: { id: string; orderNo: string } }>('checkin.submit', {
    eventId,
    source: 'roster',
    rosterEntryId: entries[0]!.id,
    featureCode: 'SDNU2026',
    idLast4: s.id.slice(-4),
    email: `r${n}@example.com`,
    phone: `139123456${String(n).padStart(2, '0')}`,
    operator: '王老师',
  });
  return r.order;
}

test('pay A on 本人, then B on 按班级: 打印收据 prints B’s receipt, named before printing', async ({
  page,
  api,
  station,
  freshHost,
}) => {
  test.setTimeout(120_000);
  const { event, imported } = await station({ roster: students });
  expect(imported).toBe(3);
  // 张 and 刘 checked in (no photo taken: charging needs the 未初审先收费 reason); 王 (3班) never checks in
  const checkIn = (i: number) => rosterCheckIn(api, event.id, students[i]!, i);
  const zhang = await checkIn(0);
  const liu = await checkIn(1);

  // 刘 is the current student (as after 签到)
  await openWithStation(page, page.url(), { orderId: liu.id });
  await page.getByRole('button', { name: '收费', exact: true }).click();
  await expect(page.getByTestId('payment-student')).toContainText(liu.orderNo);

  // 本人: 刘 pays cash
  const collect = page.getByRole('button', { name: /确认收款/ });
  const dialog = page.getByTestId('reason-dialog');
  await collect.click();
  await dialog.getByLabel('先收费的原因').fill('学生赶时间，稍后补拍');
  await dialog.getByRole('button', { name: '确认收费' }).click();
  await expect(page.getByText('已收款 ¥15.00（1 人）')).toBeVisible();
  await expect(page.getByTestId('receipt-for')).toContainText(liu.orderNo);
  await expect(page.getByTestId('receipt-for')).toContainText('现金');

  // 按班级: no box for the 本人 payment; labels
  await page.getByRole('tab', { name: '按班级' }).click();
  await expect(page.getByTestId('receipt-box')).toHaveCount(0);
  const summary = page.getByTestId('class-summary');
  await expect(summary.locator('tr[data-class="2021级3班"] td')).toHaveText([
    '2021级3班',
    '1',
    '0',
    '0',
    '0',
    '无人签到',
  ]);
  await expect(summary.locator('tr[data-class="2021级2班"] td').nth(5)).toHaveText('已收齐');
  const class1 = summary.locator('tr[data-class="2021级1班"]');
  await class1.getByRole('button', { name: '收本班（1 人）' }).click();
  await expect(page.getByTestId('class-list').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('class-list').locator('tbody tr')).toContainText('未拍摄');

  // 张 pays by 微信支付 with its 交易单号
  await page.getByRole('radio', { name: '微信支付' }).check();
  await page.getByLabel('交易单号').fill('4200002026060112345678');
  await collect.click();
  await dialog.getByLabel('先收费的原因').fill('班级统一收费，稍后补拍');
  await dialog.getByRole('button', { name: '确认收费' }).click();
  await expect(page.getByText('已收款 ¥15.00（1 人）')).toBeVisible();

  // the box names 张's payment before anything is printed
  const who = page.getByTestId('receipt-for');
  await expect(who).toContainText('张*');
  await expect(who).toContainText(zhang.orderNo);
  await expect(who).toContainText('微信支付');
  await expect(who).toContainText('4200002026060112345678');
  await expect(who).not.toContainText(liu.orderNo);

  await page.getByRole('button', { name: '打印收据' }).click();
  const link = page.getByTestId('receipt-pdf');
  await expect(link).toHaveCount(1);
  const href = (await link.getAttribute('href'))!;
  expect(href).toContain(encodeURIComponent(zhang.id));
  const pdf = await page.request.get(new URL(href, freshHost.url).toString());
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  const file = test.info().outputPath('receipt.pdf');
  writeFileSync(file, await pdf.body());
  const text = pdfText(file).replace(/\s+/g, '');
  expect(text).toContain(zhang.orderNo);
  expect(text).toContain('张*');
  expect(text).toContain('微信支付');
  expect(text).toContain('4200002026060112345678');
  expect(text).not.toContain(liu.orderNo);
  expect(text).not.toContain('现金');

  // what was recorded: one receipt for 张's order, none for 刘's
  const history = (orderId: string) => api<{ prints: unknown[] }>('receipts.history', { orderId });
  expect((await history(zhang.id)).prints).toHaveLength(1);
  expect((await history(liu.id)).prints).toHaveLength(0);
  await page.screenshot({ path: test.info().outputPath('class-receipt.png') });
});

test('a class of two paid at once: 打印收据 issues one receipt per order of that payment, each its own', async ({
  page,
  api,
  station,
  freshHost,
}) => {
  test.setTimeout(120_000);
  const two = students.map((s) => ({ ...s, className: '2021级1班' })).slice(0, 2);
  const { event } = await station({ roster: two });
  const orders = [];
  for (const [i, s] of two.entries()) orders.push(await rosterCheckIn(api, event.id, s, 10 + i));
  await page.getByRole('button', { name: '收费', exact: true }).click();
  await page.getByRole('tab', { name: '按班级' }).click();
  await page.getByTestId('class-summary').getByRole('button', { name: '收本班（2 人）' }).click();
  await page.getByRole('radio', { name: '支付宝' }).check();
  await page.getByLabel('交易单号').fill('2026060122001100');
  await page.getByRole('button', { name: /确认收款/ }).click();
  const dialog = page.getByTestId('reason-dialog');
  await dialog.getByLabel('先收费的原因').fill('班级统一收费，稍后补拍');
  await dialog.getByRole('button', { name: '确认收费' }).click();
  await expect(page.getByText('已收款 ¥30.00（2 人）')).toBeVisible();
  const who = page.getByTestId('receipt-for');
  await expect(who).toContainText('2021级1班 · 2 人（每人一张）');
  for (const o of orders) await expect(who).toContainText(o.orderNo);
  await expect(who).toContainText('支付宝');

  await page.getByRole('button', { name: '打印收据' }).click();
  const links = page.getByTestId('receipt-pdf');
  await expect(links).toHaveCount(2);
  for (const [i, o] of orders.entries()) {
    const href = (await links.nth(i).getAttribute('href'))!;
    expect(href).toContain(encodeURIComponent(o.id));
    const file = test.info().outputPath(`receipt-${i}.pdf`);
    writeFileSync(file, await (await page.request.get(new URL(href, freshHost.url).toString())).body());
    const text = pdfText(file).replace(/\s+/g, '');
    expect(text).toContain(o.orderNo);
    expect(text).not.toContain(orders[1 - i]!.orderNo);
    expect(text).toContain('班级统一缴费（支付宝）');
    expect(text).toContain('¥15.00');
  }
});
